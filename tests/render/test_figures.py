"""Charts set aside during Markdown conversion come back as if they had never left."""

from __future__ import annotations

import re

import markdown
import pytest

from kamgen.render import figures

FIGURE = (
    '<figure class="kg-figure kg-figure--org">\n<svg viewBox="0 0 10 10"><title>Org</title>'
    '<text x="1" y="2">Anna &amp; Ivan</text></svg>\n<figcaption>Who reports to whom.</figcaption>\n</figure>'
)
EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc", "fenced_code"]


def convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def between_tags(html: str) -> str:
    # Whitespace between two block elements does not show; Markdown writes it differently
    # around a raw HTML block and around a paragraph.
    return re.sub(r">\s+<", "><", html)


@pytest.mark.parametrize(
    "page",
    [
        f"# Plan\n\n## Map\n\n{FIGURE}\n\nText after.\n",
        f"{FIGURE}\n\n{FIGURE}\n",
        f'<div class="kg-cards" markdown>\n\n{FIGURE}\n\n</div>\n',
        f"| a | b |\n|---|---|\n| 1 | 2 |\n\n{FIGURE}",
    ],
    ids=["after a heading", "two in a row", "inside a markdown div", "last on the page"],
)
def test_a_page_converts_to_the_same_html(page: str) -> None:
    stashed = figures.stash(page)
    assert stashed.figures, "the figure was set aside"
    assert "<svg" not in stashed.markdown
    assert between_tags(figures.splice(convert(stashed.markdown), stashed.figures)) == between_tags(convert(page))


@pytest.mark.parametrize(
    "page",
    [f"```\n{FIGURE}\n```\n", f"Text\n{FIGURE}\n", f"- item\n\n    {FIGURE}\n"],
    ids=["in a code block", "no blank line before", "indented"],
)
def test_a_figure_markdown_would_not_pass_through_is_left_alone(page: str) -> None:
    stashed = figures.stash(page)
    assert figures.splice(convert(stashed.markdown), stashed.figures) == convert(page)


def test_a_figure_set_aside_inside_a_code_block_shows_as_its_source() -> None:
    page = f"```html\n\n{FIGURE}\n\n```\n"
    stashed = figures.stash(page)
    assert stashed.figures, "the pattern cannot see the fence"
    assert figures.splice(convert(stashed.markdown), stashed.figures) == convert(page)


def test_search_reads_the_caption_but_not_the_drawing() -> None:
    stashed = figures.stash(f"# Plan\n\n{FIGURE}\n")
    html = figures.for_search(convert(stashed.markdown), stashed.figures)
    assert "Who reports to whom." in html
    assert "<svg" not in html and "Anna" not in html
