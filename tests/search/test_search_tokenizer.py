"""The search extractor reads HTML as Python's html.parser would.

The extractor tokenizes with a regular expression (html.parser took a fifth
of a plan page's conversion). These tests drive the same extractor once with
html.parser as the reference and once with its own tokenizer, and expect the
same search documents: on generated markup and on every page of the built
example site, theme and all.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kamgen.search.page_text import SearchDoc, _Extractor, extract_docs


class _ReferenceReader(HTMLParser):
    """html.parser handing every tag and text to an extractor."""

    def __init__(self, extractor: _Extractor) -> None:
        super().__init__(convert_charrefs=True)
        self.extractor = extractor

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.extractor.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.extractor.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        self.extractor.handle_data(data)


def reference_docs(html: str, location: str, title: str) -> list[SearchDoc]:
    original = _Extractor.feed

    def feed(self: _Extractor, text: str) -> None:
        reader = _ReferenceReader(self)
        reader.feed(text)
        reader.close()

    _Extractor.feed = feed  # type: ignore[method-assign]
    try:
        return extract_docs(html, location, title)
    finally:
        _Extractor.feed = original  # type: ignore[method-assign]


TEXT = st.sampled_from(
    ["Olena Koval", "Head of &amp; procurement", "Закупки", "a &lt; b", "3 &gt; 2", "Tom&#39;s", "  spaced  out ", "x"]
)
ATTRIBUTES = st.sampled_from(
    [
        "",
        ' class="kg-badge"',
        " class='kg-card'",
        ' id="risks"',
        ' id="r&amp;d"',
        ' href="../people/olena/"',
        ' href="#risks"',
        " class=kg-date",
        ' class="headerlink" title="Permanent link"',
        ' data-x="a > b"',
    ]
)
TAGS = st.sampled_from(["p", "li", "td", "th", "tr", "table", "div", "span", "a", "h1", "h2", "h3", "svg", "pre", "P"])


@st.composite
def markup(draw: st.DrawFn, depth: int = 0) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["text", "element", "void", "comment", "lone"] if depth < 3 else ["text"]))
        if kind == "text":
            parts.append(draw(TEXT))
        elif kind == "void":
            parts.append(
                draw(
                    st.sampled_from(["<br>", "<br />", "<hr/>", '<img src="a.png" alt="x">', '<span class="kg-card"/>'])
                )
            )
        elif kind == "comment":
            parts.append("<!-- a <p>comment</p> -->")
        elif kind == "lone":
            parts.append(" < ")
        else:
            tag = draw(TAGS)
            closed = draw(st.booleans()) or depth == 0
            inner = draw(markup(depth + 1))
            parts.append(f"<{tag}{draw(ATTRIBUTES)}>{inner}" + (f"</{tag}>" if closed else ""))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(markup())
def test_generated_markup_reads_as_html_parser_reads_it(html: str) -> None:
    assert extract_docs(html, "p/", "Page") == reference_docs(html, "p/", "Page")


def test_every_built_page_of_the_example_reads_as_html_parser_reads_it(example_site: Path) -> None:
    pages = sorted(example_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert extract_docs(html, "p/", "Page") == reference_docs(html, "p/", "Page"), page
