"""Page titles that are safe wherever a theme prints them.

MkDocs takes a page's title from its first heading with entities decoded,
and themes print it unescaped into ``<title>``: a client named
``</title><script>…`` would run. kamgen therefore gives every generated page
an explicit ``title`` in its front matter, already HTML-escaped.
"""

from __future__ import annotations

import html
import re
from typing import Any

import markdown
import yaml

_H1 = re.compile(r"^# (.+?)\s*#*\s*$", re.MULTILINE)
_TAG = re.compile(r"<[^>]+>")
_FENCE = "---\n"


def split_meta(page: str) -> tuple[dict[str, Any], str]:
    """(front matter, body) of a generated page."""
    if page.startswith(_FENCE):
        end = page.find("\n---\n", len(_FENCE) - 1)
        if end != -1:
            meta = yaml.safe_load(page[len(_FENCE) : end + 1]) or {}
            return dict(meta), page[end + len("\n---\n") :].lstrip("\n")
    return {}, page


def heading_html_text(markdown_heading: str) -> str:
    """The heading's text, rendered from Markdown and kept HTML-escaped."""
    rendered = markdown.markdown(markdown_heading)
    return _TAG.sub("", rendered).strip()


def with_safe_title(page: str) -> str:
    """``page`` with a front-matter title that is escaped HTML text."""
    meta, body = split_meta(page)
    if "title" in meta:
        meta["title"] = html.escape(str(meta["title"]), quote=True)
    else:
        heading = _H1.search(body)
        if heading is None:
            return page
        meta["title"] = heading_html_text(heading.group(1))
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
    return f"{_FENCE}{front}---\n\n{body}"
