"""A tiny SVG writer: every text and attribute escaped as an element is made.

Charts are built with :func:`el` from dossier values and numbers; its result,
:class:`El`, is the only markup it trusts, and every plain string is escaped,
so a name such as ``</svg><script>`` can only ever come out as text. Output is one element per
line (readable golden diffs) and never contains a blank line, because a blank
line would end the raw HTML block inside the Markdown page.
"""

from __future__ import annotations

import html
import math
import re
from functools import lru_cache
from typing import Union

from kamgen.render.markdown import Md

# Not allowed in XML 1.0 at all: C0/C1 controls (but tab/newline), surrogates, U+FFFE/U+FFFF.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACE = re.compile(r"\s+")
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9:-]*$")
# Elements whose children are printed on one line (text content, where a newline is a space).
_INLINE = {"text", "tspan", "title", "desc"}

Attr = str | float | None
# Charts at least this wide keep this width on small screens and scroll sideways (kamgen.css), rather
# than shrinking their text below legibility.
WIDE = 720
Child = Union["El", str]  # plain strings are text, escaped by el()


def clean(value: object) -> str:
    """``value`` as one line of text that XML can hold (controls dropped, white space collapsed)."""
    return _SPACE.sub(" ", _INVALID_XML.sub("", str(value))).strip()


def esc(value: object) -> str:
    """``value`` as XML text or attribute content: html.escape with quotes."""
    return _esc(str(value))


@lru_cache(maxsize=8192)
def _esc(value: str) -> str:
    # Charts repeat the same class names and labels thousands of times in a build.
    return html.escape(clean(value), quote=True)


def num(value: float) -> str:
    """A coordinate: at most one decimal, no ``-0``, never NaN."""
    if not math.isfinite(value):
        return "0"
    rounded = round(value, 1)
    whole = int(rounded)
    return str(whole) if rounded == whole else repr(rounded)


class El(str):
    """SVG markup built by :func:`el` from escaped parts (like ``Md`` for Markdown): printed as is.

    Built as a string right away, so a chart of a thousand elements costs one
    pass; only :func:`el` makes one, and it escapes every plain string it is given.
    """

    __slots__ = ()

    def render(self) -> str:
        return str(self)


def _attr(value: str | float) -> str:
    if isinstance(value, bool):
        raise TypeError("boolean SVG attribute")
    if isinstance(value, int | float):
        return num(value)
    return _esc(value)


@lru_cache(maxsize=256)
def _attr_name(name: str) -> str:
    # class_ → class, text_anchor → text-anchor, data_id → data-id, viewBox stays.
    out = name.rstrip("_").replace("_", "-")
    if not _NAME.match(out):
        raise ValueError(f"not an attribute name: {name!r}")
    return out


def el(tag: str, *children: Child | None, **attrs: Attr) -> El:
    """An element; ``None`` children are skipped so optional parts read naturally."""
    _check_tag(tag)
    head = tag
    for key, value in attrs.items():  # a plain loop: this is the hot path of a large build
        if value is None:
            continue
        kind = type(value)
        shown = _esc(value) if kind is str else str(value) if kind is int else _attr(value)
        head += f' {_attr_name(key)}="{shown}"'
    parts = [c if isinstance(c, El) else _esc(c) for c in children if c is not None]
    if not parts:
        return El(f"<{head}/>")
    if tag in _INLINE:
        return El(f"<{head}>{''.join(parts)}</{tag}>")
    return El(f"<{head}>\n" + "\n".join(part for part in parts if part) + f"\n</{tag}>")


@lru_cache(maxsize=64)
def _check_tag(tag: str) -> None:
    if not _NAME.match(tag):
        raise ValueError(f"not a tag name: {tag!r}")


def text(x: float, y: float, content: str, cls: str, *, anchor: str | None = None) -> El:
    """A line of real, selectable text."""
    return el("text", content, x=x, y=y, class_=cls, text_anchor=anchor)


def rect(x: float, y: float, w: float, h: float, cls: str, rx: float | None = None) -> El:
    return el("rect", x=x, y=y, width=w, height=h, rx=rx, class_=cls)


def line(x1: float, y1: float, x2: float, y2: float, cls: str) -> El:
    return el("line", x1=x1, y1=y1, x2=x2, y2=y2, class_=cls)


def polyline(points: list[tuple[float, float]], cls: str) -> El:
    return el("polyline", points=" ".join(f"{num(x)},{num(y)}" for x, y in points), class_=cls)


def document(kind: str, key: str, size: tuple[float, float], title: str, desc: str, *children: El | None) -> El:
    """The ``<svg>`` element: a titled, described image that scales to the content width."""
    width, height = size
    base = f"kg-{kind}-{key}"
    return el(
        "svg",
        el("title", title, id=f"{base}-title"),
        el("desc", desc, id=f"{base}-desc"),
        *children,
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {num(width)} {num(height)}",
        width=width,
        height=height,
        role="img",
        aria_labelledby=f"{base}-title {base}-desc",
        class_=f"kg-svg kg-svg--{kind}" + (" kg-svg--wide" if width >= WIDE else ""),
    )


def figure(svg: El, kind: str, caption: str | None = None, narrow: tuple[El, str] | None = None) -> Md:
    """The chart as a raw HTML block for a Markdown page (no blank line inside).

    ``narrow``: a version drawn for phones and its caption; kamgen.css shows
    one of the two, by the width of the screen.
    """
    body = svg.render()
    caption_html = f"\n<figcaption>{esc(caption)}</figcaption>" if caption else ""
    if narrow is not None:
        small, note = narrow
        body = f'<div class="kg-wide-only">\n{body}\n</div>\n<div class="kg-narrow-only">\n{small.render()}\n</div>'
        caption_html = (
            f'\n<figcaption><span class="kg-wide-only">{esc(caption or "")}</span>'
            f'<span class="kg-narrow-only">{esc(note)}</span></figcaption>'
        )
    out = f'<figure class="kg-figure kg-figure--{esc(kind)}">\n{body}{caption_html}\n</figure>'
    assert "\n\n" not in out  # a blank line would end the HTML block mid-chart
    return Md(out)
