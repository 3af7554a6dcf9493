"""Planning sections in Chromium (issue 18): they render, fit a phone, and their links lead somewhere."""

from __future__ import annotations

from playwright.sync_api import Browser, Page

from tests.support import shot

SECTIONS = ("health", "objectives", "whitespace", "swot", "timeline")


def test_plan_shows_every_planning_section(page: Page, base_url: str) -> None:
    page.goto(base_url + "accounts/northwind-logistics/")
    for section in SECTIONS:
        assert page.locator(f"h2#{section}").is_visible(), section
    assert page.locator(".kg-health").inner_text().endswith("/100")
    assert page.locator("article .kg-progress").first.is_visible()
    assert page.locator(".kg-figure--whitespace .kg-only-wide svg").is_visible()
    assert page.locator(".kg-figure--swot svg").is_visible()
    shot(page, "planning-plan")


def test_health_component_links_to_its_playbook(page: Page, base_url: str) -> None:
    page.goto(base_url + "accounts/northwind-logistics/")
    page.get_by_role("link", name="Every level covered (the comb)").first.click()
    page.wait_for_url("**/playbooks/comb-principle/#gaps")
    assert page.locator("h2#gaps").is_visible()


def test_growth_grid_dot_opens_the_plan(page: Page, base_url: str) -> None:
    page.goto(base_url)
    assert page.locator("#growth-grid").is_visible()
    page.locator(".kg-figure--growth a.kg-growth-link", has_text="Northwind Logistics").click()
    page.wait_for_url("**/accounts/northwind-logistics/")
    assert page.locator("h2#health").is_visible()


def test_planning_charts_fit_a_phone_with_legible_text(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        for path, selector in (
            ("accounts/northwind-logistics/", ".kg-figure--whitespace .kg-only-narrow svg"),
            ("accounts/northwind-logistics/", ".kg-figure--swot svg"),
            ("", ".kg-figure--growth svg"),
        ):
            page.goto(base_url + path)
            chart = page.locator(selector)
            assert chart.is_visible(), selector
            box = chart.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, selector
            # The smallest text as drawn: font size × the chart's scale on screen.
            smallest = page.evaluate(
                """(svg) => { const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                   return Math.min(...[...svg.querySelectorAll('text')].map(
                     t => parseFloat(getComputedStyle(t).fontSize) * scale)); }""",
                chart.element_handle(),
            )
            assert smallest >= 11, (selector, smallest)
        shot(page, "planning-growth-phone")
    finally:
        context.close()
