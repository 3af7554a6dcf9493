"""Shared fixtures: the example site built once, and small throwaway projects."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

from tests.support import CHROMIUM, REPO, ProjectFactory, build_site, serve, write_project

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# Tests never read or write the user's real cache of checked dossiers.
os.environ["KAMGEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="kamgen-test-cache-")


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
    return build_site(REPO / "mkdocs.yml", site)


@pytest.fixture(scope="session")
def restricted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("restricted") / "site"
    return build_site(REPO / "mkdocs.yml", site, "--audience", "restricted")


# -- the browser: Debian's Chromium driven by Playwright ------------------------


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
