"""Written pages drop the theme's indentation and look exactly the same."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page

from kamgen.build.compact import without_indentation
from tests.support import serve


def test_indentation_goes_and_line_breaks_stay() -> None:
    html = '<nav>\n    <ul>\n\t\t<li><a href="/">Home</a></li>\n    </ul>\n</nav>\n'
    assert without_indentation(html) == '<nav>\n<ul>\n<li><a href="/">Home</a></li>\n</ul>\n</nav>\n'


@pytest.mark.parametrize("tag", ["pre", "textarea", "script", "style", "PRE"])
def test_white_space_that_is_content_stays(tag: str) -> None:
    block = f'<{tag} class="x">\n    indented\n        more\n</{tag}>'
    html = f"<div>\n    {block}\n    <p>\n      after</p>\n</div>"
    assert without_indentation(html) == f"<div>\n{block}\n<p>\nafter</p>\n</div>"


def test_built_pages_carry_no_indentation_outside_verbatim_blocks(example_site: Path) -> None:
    plan = (example_site / "accounts" / "northwind-logistics" / "index.html").read_text(encoding="utf-8")
    outside = re.sub(r"<(pre|textarea|script|style)\b.*?</\1>", "", plan, flags=re.DOTALL)
    assert "Northwind" in plan
    assert not re.search(r"\n[ \t]+<", outside), "a line of the page still starts with indentation"


LAYOUT = """() => [...document.querySelectorAll('body *')].filter(e => e.offsetParent !== null).map(e => {
    const r = e.getBoundingClientRect();
    return [e.tagName, Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];
})"""


@pytest.mark.browser
@pytest.mark.parametrize(
    "path", ["accounts/northwind-logistics/index.html", "index.html", "playbooks/comb-principle/index.html"]
)
def test_a_compacted_page_renders_as_an_indented_one(page: Page, example_site: Path, tmp_path: Path, path: str) -> None:
    site = tmp_path / "site"
    shutil.copytree(example_site, site)
    compacted = (site / path).read_text(encoding="utf-8")
    # Indent every line again (outside the blocks compaction keeps): what the theme wrote, in effect.
    pieces = re.split(r"(<(?:pre|textarea|script|style)\b.*?</(?:pre|textarea|script|style)>)", compacted, flags=re.S)
    indented = "".join(p if i % 2 else p.replace("\n", "\n        ") for i, p in enumerate(pieces))
    assert indented != compacted
    (site / path).with_name("indented.html").write_text(indented, encoding="utf-8")
    with serve(site) as url:
        seen = []
        for name in ("index.html", "indented.html"):
            page.goto(url + str(Path(path).with_name(name)))
            page.wait_for_load_state("networkidle")
            seen.append((page.inner_text("body"), page.evaluate(LAYOUT)))
    assert seen[0][0] == seen[1][0], "the same text"
    assert seen[0][1] == seen[1][1], "every element in the same place"
