"""Charts set aside while Markdown is converted, and put back afterwards.

A plan page carries some 30 KB of inline SVG in ``<figure class="kg-figure">``
blocks (see :mod:`kamgen.render.svg`). Python-Markdown passes raw HTML
through unchanged, but parsing it costs more than the rest of the page. So a
builder may swap each figure for a one-line token before converting, and swap
the figures back into the HTML; the result is the same page. ``kamgen
generate`` keeps the figures inline: the Markdown it writes builds anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

# A whole figure block as svg.writer.figure writes it, between blank lines.
FIGURE = re.compile(r'(?:\A|(?<=\n\n))<figure class="kg-figure [^"\n]*">\n.*?\n</figure>(?=\n\n|\n?\Z)', re.S)
# Private-use characters: no dossier or playbook text contains them.
TOKEN = "\ue000kamgen-figure-{}\ue000"
TOKEN_PARAGRAPH = re.compile("<p>\ue000kamgen-figure-(\\d+)\ue000</p>")
BARE_TOKEN = re.compile("\ue000kamgen-figure-(\\d+)\ue000")
SVG = re.compile(r"<svg\b.*?</svg>", re.S)


@dataclass(frozen=True)
class Stashed:
    markdown: str  # with a token paragraph in place of each figure
    figures: tuple[str, ...]


def stash(markdown: str) -> Stashed:
    """``markdown`` with its chart figures replaced by tokens."""
    figures: list[str] = []

    def token(match: re.Match[str]) -> str:
        figures.append(match.group(0))
        return TOKEN.format(len(figures) - 1)

    return Stashed(FIGURE.sub(token, markdown), tuple(figures))


def for_search(html: str, figures: tuple[str, ...]) -> str:
    """The converted page with its figures back but without their drawings.

    Search indexes a chart's caption, never its SVG: this is the same page to
    the search extractor, and far quicker to parse.
    """
    return splice(html, tuple(SVG.sub("", figure) for figure in figures))


def splice(html: str, figures: tuple[str, ...]) -> str:
    """The converted page with each figure back in place of its token paragraph.

    A token Markdown did not leave as a paragraph of its own (inside a code
    block, say) gets its figure's source text back, escaped as that code shows it.
    """
    if not figures:
        return html
    html = TOKEN_PARAGRAPH.sub(lambda m: figures[int(m.group(1))], html)
    return BARE_TOKEN.sub(lambda m: escape(figures[int(m.group(1))]), html)
