"""Shared fixtures: the example site built once, and small throwaway projects."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import tempfile
import textwrap
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Page, Route, sync_playwright

from benchmarks.serve_latency import copy_site
from kamgen.cli import cli

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "portfolio"
# Plans are judged as of this day in every test, so alerts and "overdue" are stable.
TODAY = "2026-11-22"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# Tests never read or write the user's real cache of checked dossiers.
os.environ["KAMGEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="kamgen-test-cache-")

MINIMAL_MKDOCS = """\
site_name: Test portfolio
docs_dir: playbooks
theme:
  name: material
  font: false
plugins:
  - kamgen:
      today: 2026-11-22
markdown_extensions: [tables, attr_list, md_in_html]
"""

MINIMAL_TEAM = """\
people:
  - id: olena-koval
    name: Olena Koval
    level: executive
  - id: andriy-melnyk
    name: Andriy Melnyk
    level: manager
"""


ProjectFactory = Callable[..., Path]


def write_project(
    root: Path,
    accounts: dict[str, str] | None = None,
    team: str | None = MINIMAL_TEAM,
    playbooks: dict[str, str] | None = None,
    mkdocs: str = MINIMAL_MKDOCS,
) -> Path:
    """Write a small site's sources under ``root`` and return it."""
    (root / "accounts").mkdir(parents=True)
    (root / "playbooks").mkdir()
    (root / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    if team is not None:
        (root / "team.yaml").write_text(team, encoding="utf-8")
    for name, text in (accounts or {}).items():
        (root / "accounts" / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    for name, text in (playbooks or {}).items():
        path = root / "playbooks" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture
def make_project(tmp_path: Path) -> ProjectFactory:
    """Write a small site: ``make_project(accounts={"acme": "name: …"}, team=…, playbooks={…})``."""

    def make(**kwargs: object) -> Path:
        return write_project(tmp_path / "site-src", **kwargs)  # type: ignore[arg-type]

    return make


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example portfolio of this repository, built once with ``kamgen build``."""
    site = tmp_path_factory.mktemp("example") / "site"
    result = CliRunner().invoke(cli, ["build", "-f", str(REPO / "mkdocs.yml"), "-d", str(site), "--today", TODAY])
    assert result.exit_code == 0, result.output
    return site


@pytest.fixture(scope="session")
def restricted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("restricted") / "site"
    result = CliRunner().invoke(
        cli,
        ["build", "-f", str(REPO / "mkdocs.yml"), "-d", str(site), "--today", TODAY, "--audience", "restricted"],
    )
    assert result.exit_code == 0, result.output
    return site


def replace_golden(folder: Path, suffix: str, files: Mapping[str, str]) -> None:
    """Rewrite a golden folder from ``files`` (path → text), dropping files no longer generated."""
    for old in folder.rglob(f"*{suffix}"):
        old.unlink()
    for path, text in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def copy_example(target: Path) -> Path:
    """A writable copy of the example site's sources."""
    return copy_site(target)


# -- the browser: Debian's Chromium driven by Playwright ------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (a free port) while the block runs; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(example_site: Path) -> Iterator[str]:
    with serve(example_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        message = f"browser tests need Debian's chromium at {CHROMIUM}: apt-get install chromium"
        if os.environ.get("CI") == "true":  # CI must run them: a missing browser fails the build
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page that fails its test if it requests anything outside 127.0.0.1 or logs a JavaScript error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    errors: list[str] = []

    def guard(route: Route) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page.route("**/*", guard)
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert outside == [], f"the page requested resources outside the site: {outside}"
    assert errors == [], f"JavaScript errors: {errors}"


def shot(page: Page, name: str) -> None:
    """Save a screenshot under tests/screenshots/ (git-ignored) for a person to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
