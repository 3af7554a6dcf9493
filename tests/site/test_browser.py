"""The example site in a real browser (Debian's Chromium driven by Playwright).

Every page load fails its test if the page asks for anything outside
127.0.0.1 or logs a JavaScript error. Screenshots go to tests/screenshots/
(git-ignored) for a person to look at.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.support import shot

pytestmark = pytest.mark.browser


def h1(page: Page) -> str:
    """The page heading as a reader sees it (without the ¶ permalink)."""
    return page.locator("article h1").first.inner_text().rstrip("¶").strip()


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
    # Named in several places, some folded or drawn for phones only: one of them is on screen.
    assert page.locator("text=Ольга Кузнецова >> visible=true").count() >= 1
    shot(page, "account-severtrans")


def test_person_worklist(page: Page, base_url: str) -> None:
    page.goto(base_url + "people/olena-koval/")
    assert page.get_by_role("heading", name="Accounts owned").is_visible()
    page.get_by_role("link", name="Northwind Logistics").first.click()
    page.wait_for_url("**/accounts/northwind-logistics/")


def test_search_finds_an_account_by_name(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("Northwind")  # typed: Material searches on keyup
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
