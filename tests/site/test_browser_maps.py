"""The stakeholder maps and portfolio charts in a real browser (Debian's Chromium via Playwright).

Uses the example site (conftest's ``base_url``) and the SVG fixture portfolio
(tests/fixtures/svg, with a 45-person account). Screenshots of every chart, in
the light and the dark palette, go to tests/screenshots/ for a person to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.support import SCREENSHOTS, build_site, serve
from tests.svg_fixture import SVG_FIXTURE

pytestmark = pytest.mark.browser

PLAN_PAGES = ["accounts/meridian-hotels/", "accounts/northwind-logistics/"]  # the smallest and largest example plans
# The stakeholder maps and the portfolio's Pareto and profit charts (the planning charts: test_browser_planning.py).
MAPS = "figure.kg-figure:is(.kg-figure--org, .kg-figure--comb, .kg-figure--grid, .kg-figure--decision)"
CHARTS = "figure.kg-figure:is(.kg-figure--pareto, .kg-figure--profit, .kg-figure--retention)"


@pytest.fixture(scope="session")
def svg_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The SVG fixture portfolio, built once and served."""
    site = tmp_path_factory.mktemp("svg-fixture") / "site"
    with serve(build_site(SVG_FIXTURE / "mkdocs.yml", site)) as url:
        yield url


def _sizes(page: Page) -> list[dict[str, float]]:
    """The charts on show: a map on another tab, or a figure's phone version, is not laid out."""
    return page.eval_on_selector_all(
        f"{MAPS} svg, {CHARTS} svg",
        """els => els.map(e => { const r = e.getBoundingClientRect(); return {width: r.width, height: r.height}; })
                    .filter(r => r.width > 0)""",
    )


def _tabs(page: Page) -> Iterator[str]:
    """Show each map tab in turn, yielding its label while it is on show."""
    labels = page.locator(".kg-tabs .tabbed-labels label")
    for i in range(labels.count()):
        labels.nth(i).click()
        yield labels.nth(i).inner_text()


# Every drawn box (chart, card, chip, text) as the browser lays it out, against what must contain it.
_OVERFLOW = """() => {
  const out = [];
  const content = document.querySelector("article.md-content__inner").getBoundingClientRect();
  const within = (inner, outer, slack) =>
    inner.left >= outer.left - slack && inner.right <= outer.right + slack &&
    inner.top >= outer.top - slack && inner.bottom <= outer.bottom + slack;
  for (const svg of document.querySelectorAll("figure.kg-figure svg")) {
    if (!svg.getClientRects().length) continue;  // the drawing for the other screen width (display: none)
    const box = svg.getBoundingClientRect();
    if (box.width === 0) continue;  // on another tab, or the phone version on a wide screen
    const figure = svg.closest("figure");
    if (figure.scrollWidth > figure.clientWidth) out.push("chart scrolls sideways: " + svg.getAttribute("class"));
    if (!within(box, content, 0.5)) out.push("chart outside the content area: " + svg.getAttribute("class"));
    for (const el of svg.querySelectorAll("text, rect, path, line, polyline, circle")) {
      if (!within(el.getBoundingClientRect(), box, 1)) out.push("outside its chart: " + (el.textContent || el.tagName));
    }
    for (const card of svg.querySelectorAll("g.kg-person, g.kg-theirs, g.kg-ours")) {
      const frame = card.querySelector("rect").getBoundingClientRect();
      for (const text of card.querySelectorAll(":scope > text")) {
        if (!within(text.getBoundingClientRect(), frame, 0.5)) out.push("text outside its card: " + text.textContent);
      }
    }
  }
  if (document.documentElement.scrollWidth > window.innerWidth) out.push("the page scrolls sideways");
  return out;
}"""


@pytest.mark.parametrize("path", PLAN_PAGES)
def test_maps_are_visible_on_a_plan_page(page: Page, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    assert page.get_by_role("heading", name="Stakeholder map").is_visible()
    figures = page.locator(MAPS)
    assert figures.count() == 4
    seen = 0
    labels = page.locator(".kg-tabs .tabbed-labels label")
    assert labels.all_inner_texts() == ["Organisation chart", "Coverage by level (the comb)", "Influence and attitude"]
    for i in range(labels.count()):
        labels.nth(i).click()
        sizes = _sizes(page)
        assert len(sizes) == 2, "the decision strip and the map of this tab"
        for size in sizes:
            assert size["width"] >= 300 and size["height"] >= 80, size
        seen += 1
    assert seen == 3
    labels.first.click()
    # Names are real text in the chart: a reader can find (and search for) them.
    name = "Thomas Keller" if "meridian" in path else "Anna Sidorova"
    assert page.locator("figure.kg-figure--org svg text", has_text=name).first.is_visible()
    assert page.get_by_role("img", name=re.compile("Organisation chart of")).count() == 1


def test_portfolio_charts_are_visible(page: Page, base_url: str) -> None:
    page.goto(base_url)
    assert page.locator(CHARTS).count() == 3  # Pareto, profit, retention
    for size in _sizes(page):
        assert size["width"] >= 600 and size["height"] >= 150, size
    assert page.locator("figure.kg-figure--profit svg text", has_text="Loss").count() >= 1


@pytest.mark.parametrize("path", ["", *PLAN_PAGES, "accounts/severtrans/"])
def test_nothing_overflows_on_a_1280px_window(page: Page, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    assert page.evaluate(_OVERFLOW) == []
    for _ in _tabs(page):
        assert page.evaluate(_OVERFLOW) == []


@pytest.mark.parametrize("path", ["", "accounts/atlas-group/", "accounts/harbor-mills/", "accounts/quiet-harbour/"])
def test_nothing_overflows_in_the_fixture_portfolio(page: Page, svg_url: str, path: str) -> None:
    page.goto(svg_url + path)
    assert page.locator(CHARTS if path == "" else MAPS).count() == (3 if path == "" else 4)
    assert page.evaluate(_OVERFLOW) == []
    for _ in _tabs(page):
        assert page.evaluate(_OVERFLOW) == []


def test_a_plan_page_prints_to_pdf_with_its_maps(page: Page, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + "accounts/northwind-logistics/")
    page.emulate_media(media="print")
    sizes = _sizes(page)
    assert len(sizes) == 4, "paper has no tabs: the strip and all three maps"
    for size in sizes:
        assert size["width"] >= 300 and size["height"] >= 80, size
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages >= 4, pages
    assert len(pdf) > 100_000  # text, cards and lines of four charts, not an empty page
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "maps-northwind.pdf").write_bytes(pdf)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_maps_read_in_both_palettes(browser: Browser, base_url: str, svg_url: str, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    for url, name in ((base_url, "meridian-hotels"), (base_url, "northwind-logistics"), (svg_url, "atlas-group")):
        page.goto(f"{url}accounts/{name}/")
        ink = page.eval_on_selector("figure.kg-figure--org text.kg-t-name", "e => getComputedStyle(e).fill")
        paper = page.eval_on_selector("figure.kg-figure--org rect.kg-card", "e => getComputedStyle(e).fill")
        # Text stands out from its card: dark on light in the default palette, light on dark in slate.
        assert (
            (_luminance(ink) < 0.3 < _luminance(paper))
            if scheme == "light"
            else (_luminance(paper) < 0.3 < _luminance(ink))
        ), (ink, paper)
        _shoot_figures(page, f"maps-{name}", scheme)
    page.goto(base_url)
    _shoot_figures(page, "charts-portfolio", scheme)
    context.close()


def _shoot_figures(page: Page, prefix: str, scheme: str) -> None:
    # Material's header is sticky: let it scroll away so it does not cover the chart in the picture.
    page.add_style_tag(content=".md-header { position: static !important; }")
    page.add_style_tag(content=".kg-tabs .tabbed-block { display: block !important; }")  # every map at once
    SCREENSHOTS.mkdir(exist_ok=True)
    figures = page.locator("figure.kg-figure")
    for i in range(figures.count()):
        kind = (figures.nth(i).get_attribute("class") or "").rsplit("--", 1)[-1]
        figures.nth(i).screenshot(path=str(SCREENSHOTS / f"{prefix}-{kind}-{scheme}.png"))


def _luminance(css: str) -> float:
    """Relative lightness 0..1 of an ``rgb()``/``rgba()`` colour (alpha over the page is ignored)."""
    r, g, b = (float(v) for v in re.findall(r"[\d.]+", css)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255
