"""Dossier values show literally through Markdown; free Markdown loses raw HTML."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamgen.render.markdown import escape, escape_message, finalize, markdown_block

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</svg><b>x</b>",
    "{{ 7*7 }} {% raw %}",
    "[x](javascript:alert(1))",
    "**bold** _it_ `code` ~~s~~",
    "# heading",
    "- item",
    "1. item",
    "> quote",
    "a | b",
    "&amp; &copy; &#60;",
    "!!! warning",
    "{: .cls }",
    "\\* backslash",
    'O\'Brien & "Sons"',
    "Кузнецова «СеверТранс»",
    "שלום עולם 🚚",
]


def rendered_text(source: str) -> str:
    """What a reader sees: the HTML text with tags removed and entities decoded."""
    import html
    import re

    out = markdown.markdown(source, extensions=["tables", "attr_list", "md_in_html", "admonition"])
    assert "<script" not in out and "<img" not in out and "<b>" not in out and "href" not in out
    return html.unescape(re.sub(r"<[^>]+>", "", out)).strip()


@pytest.mark.parametrize("value", HOSTILE)
def test_escaped_value_renders_exactly_as_typed(value: str) -> None:
    assert rendered_text(escape(value)) == value


@pytest.mark.parametrize("value", HOSTILE)
def test_escaped_value_survives_a_table_cell(value: str) -> None:
    table = f"| a | b |\n|---|---|\n| {escape(value)} | x |\n"
    html_out = markdown.markdown(table, extensions=["tables"])
    assert html_out.count("<td>") == 2, "a value must never split or break the table"


def test_newlines_and_control_characters_collapse_to_one_line() -> None:
    assert escape("first\nsecond\r\n\tthird\x07\x1b") == "first second third"


def test_finalize_prints_missing_values_as_unknown_and_lists_joined() -> None:
    assert finalize(None) == "unknown"
    assert finalize(True) == "yes"
    assert finalize(["a*b", "c"]) == "a\\*b, c"


def test_translated_message_keeps_placeholders_and_escapes_text() -> None:
    assert escape_message("Revenue (%(year)s) is 100 %%", {"year": 2025}) == "Revenue \\(2025\\) is 100 %"


def test_free_markdown_keeps_formatting_but_loses_html_and_bad_links() -> None:
    notes = (
        "Prefers **short** notes.\n\n<script>alert(1)</script>\n\n"
        "[bad](javascript:alert(1)) [good](https://example.com) <img src=x onerror=alert(1)>"
    )
    html_out = markdown_block(notes)
    assert "<strong>short</strong>" in html_out
    assert '<a href="https://example.com"' in html_out
    for forbidden in ("<script", "javascript:", "<img", "onerror"):
        assert forbidden not in html_out
    assert "\n\n" not in html_out, "a blank line would end the raw HTML block in the page"


@settings(max_examples=200)
@given(st.from_regex(r"[^\W_]+( [^\W_]+)*", fullmatch=True))
def test_plain_words_pass_unchanged_and_render_as_typed(value: str) -> None:
    assert escape(value) == value
    assert rendered_text(escape(value)) == value
