"""The example site under its Content-Security-Policy (theme/main.html), in Debian's Chromium.

Everything a reader does still works (navigation, the palette toggle, search answered by
kamgen's worker, the maps) and the browser reports no violation of the policy. The `page`
fixture also fails a test on any JavaScript error or request outside the site.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.search.test_browser_search import open_site, search
from tests.support import shot

pytestmark = pytest.mark.browser

# Every violation the policy reports, however it was caused (inline script, a worker, a style).
RECORD_VIOLATIONS = """
window.__cspViolations = []
document.addEventListener("securitypolicyviolation", e =>
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`))
"""


def violations(page: Page) -> list[str]:
    return list(page.evaluate("window.__cspViolations"))


def test_the_policy_forbids_inline_script(browser: Browser, base_url: str) -> None:
    page = browser.new_page()  # not the `page` fixture: the refused script is logged as an error
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(base_url)
    policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content") or ""
    assert "script-src 'self';" in policy and "object-src 'none'" in policy
    # An inline script added to the page is refused, as one a playbook smuggled in would be.
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
        " document.body.append(s) }"
    )
    assert page.evaluate("window.__ran") is None
    assert any(v.startswith("script-src") for v in violations(page))
    page.close()


def test_every_page_carries_the_policy(example_site: Path) -> None:
    for path in example_site.rglob("*.html"):
        head = path.read_text(encoding="utf-8").split("</head>")[0]
        assert '<meta http-equiv="Content-Security-Policy"' in head, path
        assert "<script>" not in head.split('http-equiv="Content-Security-Policy"')[0], "the policy comes first"
        assert re.search(r"<script>(?!</script>)", path.read_text(encoding="utf-8")) is None, f"inline script in {path}"


def test_the_example_site_works_under_the_policy(page: Page, base_url: str) -> None:
    page.add_init_script(RECORD_VIOLATIONS)
    open_site(page, base_url)
    assert page.evaluate("typeof __md_get") == "function"  # Material's base script ran, from its file

    # Palette toggle: the scheme changes and is remembered on the next page.
    scheme = page.get_attribute("body", "data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.get_attribute("body", "data-md-color-scheme") != scheme

    # Navigation through the header tabs, then to a plan page with its maps.
    page.locator(".md-tabs__link", has_text="Alerts").click()
    page.wait_for_url("**/alerts/")
    assert page.get_attribute("body", "data-md-color-scheme") != scheme, "palette.js restored the choice"
    page.goto(base_url + "accounts/aurora-retail/")
    org = page.locator("figure.kg-figure--org svg.kg-svg--wide")  # the desktop drawing (a phone one sits beside it)
    assert org.is_visible() and org.bounding_box()["height"] > 100  # type: ignore[index]

    # Search, answered by kamgen's worker.
    assert search(page, "Northwind Logistics")[0] == "accounts/northwind-logistics/"
    shot(page, "csp-search")
    assert violations(page) == []
