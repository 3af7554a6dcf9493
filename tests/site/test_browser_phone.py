"""The example site on a phone (390 × 844, Debian's Chromium via Playwright).

On a phone nothing may be cut off without a sign that there is more: every
table and drawing fits the content box, or sits in a box that scrolls
sideways and shows it (a shadow on the edge that has more; a table keeps its
first column pinned). The maps switch to their phone versions, drawn at
one chart unit to the pixel.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.support import shot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PAGES = [
    "accounts/northwind-logistics/",  # the plan with the most data
    "accounts/severtrans/",
    "accounts/meridian-hotels/",
    "alerts/",
    "people/olena-koval/",
    "vip/",
    "",
    "accounts/",
    "people/",
]

# Every table and chart on show, against the content box: what sticks out, and whether that is allowed.
_CUT_OFF = """() => {
  const content = document.querySelector("article.md-content__inner").getBoundingClientRect();
  const problems = [];
  const scrollbox = el => {
    for (let p = el.parentElement; p && p.tagName !== "ARTICLE"; p = p.parentElement) {
      if (["auto", "scroll"].includes(getComputedStyle(p).overflowX)) return p;
    }
    return null;
  };
  const name = el => el.tagName + " " + (el.getAttribute("class") || "") + " "
    + (el.textContent || "").trim().slice(0, 40);
  for (const el of document.querySelectorAll("article table, article figure.kg-figure svg")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0) continue;  // on another tab, or the wide version of a map
    if (box.left >= content.left - 1 && box.right <= content.right + 1) continue;
    const outer = scrollbox(el);
    if (outer === null) { problems.push("cut off: " + name(el)); continue; }
    const frame = outer.getBoundingClientRect();
    if (frame.left < -1 || frame.right > window.innerWidth + 1) problems.push("box off the screen: " + name(el));
    if (outer.scrollWidth <= outer.clientWidth) continue;  // Material's tables run edge to edge on a phone
    if (!getComputedStyle(outer).backgroundImage.includes("radial-gradient"))
      problems.push("scrolls without a shadow: " + name(el));
    const first = el.tagName === "TABLE" && el.querySelector("tbody tr > :first-child");
    if (first && getComputedStyle(first).position !== "sticky") problems.push("first column not pinned: " + name(el));
  }
  for (const cell of document.querySelectorAll("article td, article th")) {
    if (cell.scrollWidth > cell.clientWidth + 1) problems.push("a cell cuts its text: " + cell.textContent.trim());
  }
  if (document.documentElement.scrollWidth > window.innerWidth) problems.push("the page scrolls sideways");
  return problems;
}"""

# The smallest text of the charts on show, in CSS pixels as drawn (font size × the chart's scale).
_SMALLEST_TEXT = """() => {
  let smallest = [1000, ""];
  for (const svg of document.querySelectorAll("article figure.kg-figure svg")) {
    const box = svg.getBoundingClientRect();
    if (box.width === 0) continue;
    const scale = box.width / svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll("text:not(.kg-t-dots)")) {
      if (t.closest(".kg-att")) continue;  // the symbol on an attitude disc, spelled out beside it
      const size = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (size < smallest[0]) smallest = [size, t.textContent];
    }
  }
  return smallest;
}"""


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def _tabs(page: Page) -> Iterator[str]:
    labels = page.locator(".kg-tabs .tabbed-labels label")
    for i in range(labels.count()):
        labels.nth(i).click()
        yield labels.nth(i).inner_text()


@pytest.mark.parametrize("path", PAGES)
def test_nothing_is_cut_off_on_a_phone(phone: Page, base_url: str, path: str) -> None:
    phone.goto(base_url + path)
    assert phone.evaluate(_CUT_OFF) == []
    for tab in _tabs(phone):
        assert phone.evaluate(_CUT_OFF) == [], tab
    shot(phone, "phone-" + (path.strip("/").replace("/", "-") or "portfolio"))


@pytest.mark.parametrize("path", ["accounts/northwind-logistics/", "accounts/severtrans/"])
def test_the_maps_are_drawn_for_the_phone(phone: Page, base_url: str, path: str) -> None:
    """Each map has a phone version that fits the screen, its text as large as the wide one's at full size."""
    phone.goto(base_url + path)
    content = phone.eval_on_selector("article.md-content__inner", "e => e.getBoundingClientRect().width")
    for tab in _tabs(phone):
        figure = phone.locator(".kg-tabs .tabbed-block:visible figure.kg-figure")
        assert figure.locator(".kg-narrow-only svg").is_visible(), tab
        assert not figure.locator(".kg-wide-only svg").is_visible(), tab
        width = figure.locator(".kg-narrow-only svg").evaluate("e => e.getBoundingClientRect().width")
        assert 200 <= width <= content, (tab, width, content)
        size, sample = phone.evaluate(_SMALLEST_TEXT)
        assert size >= 10.5, (tab, size, sample)
    # The decision process: a table of two columns instead of a 1000-unit strip.
    assert phone.locator("figure.kg-figure--decision").is_hidden()
    assert phone.locator(".kg-narrow-only table").first.is_visible()


def test_a_wide_chart_keeps_its_size_and_scrolls(phone: Page, base_url: str) -> None:
    phone.goto(base_url)
    for kind in ("pareto", "profit"):
        figure = phone.locator(f"figure.kg-figure--{kind}")
        scrolls = figure.evaluate("e => e.scrollWidth > e.clientWidth")
        assert scrolls, kind
        assert "radial-gradient" in figure.evaluate("e => getComputedStyle(e).backgroundImage"), kind
    size, sample = phone.evaluate(_SMALLEST_TEXT)
    assert size >= 10.5, (size, sample)


def test_the_plan_opens_with_its_summary(browser: Browser, base_url: str) -> None:
    """On a laptop the first screen holds what needs attention, the numbers, the next actions and whom to call."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(base_url + "accounts/northwind-logistics/")
    brief = page.locator(".kg-brief")
    assert brief.locator(".kg-brief__title").all_inner_texts() == ["NEXT ACTIONS", "WHO TO CALL"]
    assert brief.locator("ol > li").count() == 3
    assert brief.locator("ul > li").count() == 3
    bottom = brief.evaluate("e => e.getBoundingClientRect().bottom")
    assert bottom <= 1000, bottom  # the first screen and a little more, alerts included
    more = page.locator(".kg-alerts details.kg-more")
    assert re.fullmatch(r"\d+ more", more.locator("summary").inner_text())
    assert not more.locator("li").first.is_visible()
    more.locator("summary").click()
    assert more.locator("li").first.is_visible()
    context.close()


def test_accounts_and_team_answer(page: Page, base_url: str) -> None:
    page.goto(base_url)
    ranked = page.locator("article table").last.locator("tbody tr").count()
    page.goto(base_url + "accounts/")
    assert page.locator("article h1").first.inner_text().rstrip("¶").strip() == "Accounts"
    assert page.locator("article table tbody tr").count() == ranked >= 9
    page.get_by_role("link", name="Northwind Logistics").click()
    page.wait_for_url("**/accounts/northwind-logistics/")
    page.goto(base_url + "team/")
    assert page.locator("article h1").first.inner_text().rstrip("¶").strip() == "Team"
    page.get_by_role("link", name="Olena Koval").first.click()
    page.wait_for_url("**/people/olena-koval/")
