"""What several test modules share: small projects, golden files, a local server, screenshots.

Fixtures stay in conftest.py; plain helpers and constants live here and are imported by name.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import textwrap
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner
from playwright.sync_api import Page

from benchmarks.serve_latency import copy_site
from kamgen.cli import cli

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURE = TESTS / "fixtures" / "portfolio"
# Plans are judged as of this day in every test, so alerts and "overdue" are stable.
TODAY = "2026-11-22"


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


def build_site(config: Path, site: Path, *extra: str) -> Path:
    """``kamgen build`` of ``config`` into ``site`` as of :data:`TODAY`, which must succeed."""
    result = CliRunner().invoke(cli, ["build", "-f", str(config), "-d", str(site), "--today", TODAY, *extra])
    assert result.exit_code == 0, result.output
    return site


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


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = TESTS / "screenshots"


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


def shot(page: Page, name: str) -> None:
    """Save a screenshot under tests/screenshots/ (git-ignored) for a person to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
