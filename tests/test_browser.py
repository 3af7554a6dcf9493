"""The example site in a real browser (Debian's Chromium driven by Playwright).

Every page load fails its test if the page asks for anything outside
127.0.0.1 or logs a JavaScript error. Screenshots go to tests/screenshots/
(git-ignored) for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(example_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(example_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is needed for the browser tests: apt-get install chromium")
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


def h1(page: Page) -> str:
    """The page heading as a reader sees it (without the ¶ permalink)."""
    return page.locator("article h1").first.inner_text().rstrip("¶").strip()


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_portfolio_to_account_plan_by_click(page: Page, base_url: str) -> None:
    page.goto(base_url)
    assert h1(page) == "Key account portfolio"
    rows = page.locator("article table tbody tr")
    assert rows.count() >= 8
    shot(page, "portfolio")
    page.get_by_role("link", name="Northwind Logistics").first.click()
    page.wait_for_url("**/accounts/northwind-logistics/")
    assert h1(page) == "Northwind Logistics"
    assert page.get_by_role("heading", name="Stakeholders").is_visible()
    shot(page, "account-northwind")


def test_cyrillic_account_plan(page: Page, base_url: str) -> None:
    page.goto(base_url + "accounts/severtrans/")
    assert h1(page) == "«СеверТранс»"
    assert page.get_by_text("Ольга Кузнецова").first.is_visible()
    shot(page, "account-severtrans")


def test_person_worklist(page: Page, base_url: str) -> None:
    page.goto(base_url + "people/olena-koval/")
    assert page.get_by_role("heading", name="Accounts owned").is_visible()
    page.get_by_role("link", name="Northwind Logistics").first.click()
    page.wait_for_url("**/accounts/northwind-logistics/")


def test_search_finds_an_account_by_name(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").fill("Northwind")
    first = page.locator(".md-search-result__item").first
    first.wait_for(timeout=10_000)
    assert "Northwind Logistics" in first.inner_text()
    shot(page, "search-northwind")


def test_dark_palette_renders(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.goto(base_url + "accounts/northwind-logistics/")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    shot(page, "account-northwind-dark")
    context.close()
