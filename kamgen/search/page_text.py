"""What of a rendered page goes into the search index.

People search for names, roles, titles, headings and short text, so a page
becomes one search document per section (the part before the first heading,
then one per heading with an id), holding:

- the section's heading as its title;
- the text of its paragraphs, list items and table cells, each distinct piece
  once, cut to a short length;
- but not the sentences a template writes on every account page
  (:func:`without_boilerplate`).

Left out, because nobody searches for them and they would make the index grow
with every row of every table: column headers, figures and dates (kamgen's
``kg-card``, ``kg-date``, ``kg-score``), badges inside tables, pieces without a
letter (money, shares, counts), code blocks, and links inside tables that lead
to another page: those name an account or a person whose own page is indexed.
This keeps the portfolio and team pages small however many accounts there are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from html import unescape

# Longest text kept for one paragraph, list item or cell, and for one section;
# longer text is cut at a word boundary.
MAX_PIECE = 500
MAX_TEXT = 2000
# A sentence this long on this many pages is the template's (see without_boilerplate).
BOILERPLATE_LENGTH = 40
BOILERPLATE_PAGES = 5
# Elements whose whole content stays out of the index.
SKIPPED_TAGS = frozenset({"script", "style", "pre", "svg", "thead", "button", "template"})
SKIPPED_CLASSES = frozenset({"headerlink", "kg-card", "kg-cards", "kg-date", "kg-score"})
# Classes left out only inside a table cell (the page header keeps its badges).
SKIPPED_IN_TABLES = frozenset({"kg-badge"})
# Elements that end a piece of text.
BLOCKS = frozenset(
    {"p", "li", "td", "th", "dt", "dd", "div", "br", "tr", "table", "ul", "ol", "blockquote", "details", "summary"}
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "source", "embed", "param"})
SPACE = re.compile(r"\s+")
# The HTML is what Python-Markdown wrote (values from dossiers arrive escaped),
# so a tokenizer of tags, comments and text reads it as html.parser would, at a
# fraction of the cost: a tag with its attributes, a comment or declaration,
# a run of text, or a lone "<".
_TOKEN = re.compile(
    r"<(/?)([A-Za-z][^\s/>]*)((?:[^>\"']+|\"[^\"]*\"|'[^']*')*)>"
    r"|<!--.*?-->|<![^>]*>|<\?[^>]*>"
    r"|([^<]+|<)",
    re.DOTALL,
)
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


@dataclass(frozen=True)
class SearchDoc:
    """One entry of the search index: a page (``location`` without ``#``) or one of its sections.

    ``pieces`` are its distinct paragraphs, list items and cells, in page order.
    """

    location: str
    title: str
    pieces: tuple[str, ...] = ()
    boost: float = 1.0

    @property
    def page(self) -> str:
        return self.location.split("#", 1)[0]

    @property
    def text(self) -> str:
        return _shorten(" · ".join(self.pieces), MAX_TEXT)


@dataclass
class _Section:
    anchor: str
    title: str
    pieces: list[str] = field(default_factory=list)


def _attributes(text: str) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    for match in _ATTRIBUTE.finditer(text):
        name, double, single, bare = match.groups()
        value = double if double is not None else single if single is not None else bare
        found.append((name.lower(), unescape(value) if value and "&" in value else value))
    return found


class _Extractor:
    def __init__(self, title: str) -> None:
        self.sections = [_Section("", title)]
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped here) of open elements
        self.skipping = 0  # open elements that skip their content
        self.table_depth = 0
        self.heading: tuple[str, str, list[str]] | None = None  # (tag, id, words) of an open heading
        self.piece: list[str] = []

    def feed(self, html: str) -> None:
        """Call the handlers below for each tag and run of text of ``html``, as html.parser would."""
        for match in _TOKEN.finditer(html):
            closing, tag, attributes, text = match.groups()
            if text is not None:
                self.handle_data(unescape(text) if "&" in text else text)
            elif tag is None:
                continue  # a comment or a declaration
            elif closing:
                self.handle_endtag(tag.lower())
            else:
                tag = tag.lower()
                self.handle_starttag(tag, _attributes(attributes) if attributes.strip(" /") else [])
                if attributes.endswith("/"):
                    self.handle_endtag(tag)

    # -- element structure -------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            if tag == "br":
                self._end_piece()
            return
        values = dict(attrs)
        classes = set((values.get("class") or "").split())
        skip = (
            tag in SKIPPED_TAGS
            or bool(classes & SKIPPED_CLASSES)
            or (self.table_depth > 0 and bool(classes & SKIPPED_IN_TABLES))
            or (self.table_depth > 0 and tag == "a" and _leads_elsewhere(values.get("href")))
        )
        self.stack.append((tag, skip))
        if skip:
            self.skipping += 1
        if tag == "table":
            self.table_depth += 1
        if tag in HEADINGS and self.skipping == 0:
            self._end_piece()
            self.heading = (tag, values.get("id") or "", [])
        elif tag in BLOCKS:
            self._end_piece()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not any(open_tag == tag for open_tag, _ in self.stack):
            return  # stray end tag: ignore rather than unbalance the stack
        while self.stack:
            open_tag, skipped = self.stack.pop()
            if skipped:
                self.skipping -= 1
            if open_tag == "table":
                self.table_depth -= 1
            if open_tag in HEADINGS:
                self._end_heading()
            elif open_tag in BLOCKS:
                self._end_piece()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.heading is not None:
            self.heading[2].append(data)
        else:
            self.piece.append(data)

    # -- sections and pieces -----------------------------------------------
    def _end_heading(self) -> None:
        if self.heading is None:
            return
        tag, anchor, words = self.heading
        self.heading = None
        title = _clean("".join(words))
        if tag == "h1":
            # The page's own entry, titled as the reader sees it.
            if title:
                self.sections[0].title = title
            return
        if not anchor:
            # A heading without an id cannot be linked to: its words stay in the current section.
            if title:
                self.sections[-1].pieces.append(title)
            return
        self.sections.append(_Section(anchor, title))

    def _end_piece(self) -> None:
        text = _clean("".join(self.piece))
        self.piece = []
        if text and any(ch.isalpha() for ch in text):
            self.sections[-1].pieces.append(text)


def _leads_elsewhere(href: str | None) -> bool:
    return bool(href) and not str(href).startswith("#")


def _clean(text: str) -> str:
    return SPACE.sub(" ", text).strip()


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ·,;:") + " …"


def extract_docs(html: str, location: str, title: str, *, boost: float = 1.0) -> list[SearchDoc]:
    """The search documents of one rendered page (its content HTML, without the theme around it).

    ``title`` is used when the page has no ``<h1>``. ``location`` is the page's
    URL relative to the site root (``accounts/acme/``); sections get
    ``location#anchor``.
    """
    parser = _Extractor(_clean(title))
    parser.feed(html)
    parser._end_piece()
    docs: list[SearchDoc] = []
    for section in parser.sections:
        pieces = tuple(dict.fromkeys(_shorten(piece, MAX_PIECE) for piece in section.pieces))
        where = f"{location}#{section.anchor}" if section.anchor else location
        docs.append(SearchDoc(where, section.title, pieces, boost))
    return docs


def without_boilerplate(docs: list[SearchDoc]) -> list[SearchDoc]:
    """``docs`` without the template's own sentences (see :func:`boilerplate`)."""
    common = boilerplate(docs)
    if not common:
        return docs
    return [without_pieces(doc, common) for doc in docs]


def boilerplate(docs: Iterable[SearchDoc]) -> set[str]:
    """The template's own sentences among ``docs``' pieces.

    A piece of at least BOILERPLATE_LENGTH characters found word for word on
    BOILERPLATE_PAGES pages or more was written by a template (an explanation
    under a chart, the advice of an alert), not about one client: it would
    match the same query on every account page and grow the index with the
    portfolio. Short pieces (names, titles, roles) always stay.
    """
    pages: dict[str, set[str]] = {}
    for doc in docs:
        for piece in doc.pieces:
            if len(piece) >= BOILERPLATE_LENGTH:
                pages.setdefault(piece, set()).add(doc.page)
    return {piece for piece, where in pages.items() if len(where) >= BOILERPLATE_PAGES}


def without_pieces(doc: SearchDoc, common: set[str]) -> SearchDoc:
    if not common or not any(piece in common for piece in doc.pieces):
        return doc
    return replace(doc, pieces=tuple(p for p in doc.pieces if p not in common))
