"""Dossier values as Markdown text that shows literally and runs nothing.

Every value a template prints passes through :func:`finalize`: text is
HTML-escaped and its Markdown punctuation backslash-escaped, so ``**x**``,
``[x](javascript:…)``, ``<script>`` or ``{{ 7*7 }}`` in a dossier appear as
typed. Markdown that kamgen itself builds is marked :class:`Md` and passes
unchanged. Free-text fields meant as Markdown (``notes``) go through
:func:`markdown_block`, which renders them and strips raw HTML with nh3.
"""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

import markdown as markdown_lib
import nh3

# Characters Python-Markdown (with the tables extension) lets a backslash escape.
_MD_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
# C0/C1 controls other than tab and newline are invalid in HTML and XML.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Runs of white space (but not the no-break spaces locales put in numbers).
_SPACE_RUN = re.compile(r"[^\S\xa0\u202f]+")
# Words of letters and digits, one space apart (most names, roles and numbers):
# nothing in them to escape, so they pass as they are.
_PLAIN = re.compile(r"[^\W_]+(?: [^\W_]+)*")

_ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td", "del",
}  # fmt: skip
_ALLOWED_SCHEMES = {"http", "https", "mailto"}


class Md(str):
    """Markdown built by kamgen from escaped parts: printed as is."""

    __slots__ = ()


def escape(value: object, *, strip: bool = True) -> Md:
    """``value`` as one line of Markdown text that renders exactly as written."""
    text = str(value)
    if _PLAIN.fullmatch(text):
        return Md(text)
    text = _SPACE_RUN.sub(" ", _CONTROL.sub("", text))
    text = text.strip() if strip else text
    # Quotes stay: values are only ever text content, never attribute values.
    text = html.escape(text, quote=False)
    return Md(_MD_PUNCTUATION.sub(r"\\\1", text))


_PLACEHOLDER = re.compile(r"(%\([A-Za-z_]+\)s|%%)")


def escape_message(message: str, values: dict[str, Any]) -> Md:
    """A translated label with ``%(name)s`` placeholders: text escaped, values finalised."""
    parts = _PLACEHOLDER.split(message)
    out: list[str] = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(escape(part, strip=False))
        elif part == "%%":
            out.append("%")
        else:
            out.append(str(finalize(values[part[2:-2]])))
    return Md("".join(out))


def finalize(value: Any) -> Any:
    """Jinja ``finalize`` hook: how every ``{{ … }}`` is printed."""
    if isinstance(value, Md):
        return value
    if value is None:
        return Md("unknown")
    if isinstance(value, bool):
        return Md("yes" if value else "no")
    if isinstance(value, int | float):
        return Md(escape(value))
    if isinstance(value, date):
        return Md(value.isoformat())
    if isinstance(value, list | tuple):
        return Md(", ".join(finalize(v) for v in value))
    return escape(value)


def markdown_block(text: str | None) -> Md:
    """Render free Markdown from a dossier to sanitised HTML (no raw HTML, safe links)."""
    if not text:
        return Md("")
    rendered = markdown_lib.markdown(_CONTROL.sub("", text), extensions=["tables", "sane_lists"], output_format="html")
    clean = nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes=_ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )
    # A raw HTML block must not contain blank lines, or Markdown resumes inside it.
    body = "\n".join(line for line in clean.splitlines() if line.strip())
    return Md(f'<div class="kg-notes">\n{body}\n</div>')
