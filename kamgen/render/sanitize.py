"""The one HTML policy for every page kamgen publishes.

Playbooks are Markdown + Jinja written by anyone with commit rights, and
Markdown passes raw HTML through; dossier values are escaped when printed,
but a playbook can still write ``<script>``, ``onclick=…`` or ``|safe``.
So every page kamgen generates is cleaned after its Markdown is converted,
with nh3 (ammonia, an html5ever-based allow-list sanitiser): what Markdown,
Material's extensions and kamgen's charts produce is kept; everything that
can run script or load from elsewhere is dropped —

- elements: ``<script>``, ``<style>`` (with their content), ``<iframe>``,
  ``<object>``, ``<embed>``, ``<form>``, ``<base>``, ``<meta>``, ``<link>``,
  SVG's ``<foreignObject>``, ``<use>``, ``<animate>``, ``<a>`` in SVG …;
- attributes: every ``on*`` handler, ``style`` except ``text-align`` (the
  table column alignment of Markdown), ``srcset``, ``formaction`` …;
- URLs other than http(s), mailto, tel and relative ones (``javascript:``,
  ``data:``, ``vbscript:`` …).

kamgen's charts (:mod:`kamgen.render.svg`) pass through the same policy: they
are escaped as they are drawn, but at conversion time a ``<figure
class="kg-figure">`` a playbook wrote looks exactly like one kamgen drew. This
module imports no MkDocs: the plugin calls :func:`clean` on each page.
"""

from __future__ import annotations

from functools import lru_cache

import nh3

# What Python-Markdown, its common extensions (tables, toc, footnotes, admonition,
# attr_list, md_in_html, def_list, abbr) and pymdownx (details, tabbed, highlight,
# emoji, tasklist, mark, caret, tilde, keys) write.
HTML_TAGS = frozenset({
    "a", "abbr", "acronym", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite",
    "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "label", "li",
    "mark", "nav", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "span",
    "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "tt", "u", "ul", "var", "wbr",
})  # fmt: skip
# The SVG kamgen draws (kamgen/render/svg) and Material's inline icons: shapes and text only.
SVG_TAGS = frozenset({
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
    "title", "desc",
})  # fmt: skip
# Removed together with their content (nh3 would otherwise keep the text inside).
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "textarea", "select", "option"})

_GENERIC = frozenset({"class", "id", "title", "role", "lang", "dir", "hidden", "tabindex"})
_SVG_GEOMETRY = frozenset({
    "xmlns", "viewBox", "width", "height", "preserveAspectRatio", "transform", "x", "y", "x1", "x2",
    "y1", "y2", "cx", "cy", "r", "rx", "ry", "d", "points", "dx", "dy", "text-anchor",
    "dominant-baseline", "font-size", "font-weight", "fill", "stroke", "stroke-width", "opacity",
    "textLength", "lengthAdjust",
})  # fmt: skip
ATTRIBUTES: dict[str, set[str]] = {
    "*": set(_GENERIC),
    "a": {"href", "name", "rel"},
    "img": {"src", "alt", "width", "height", "loading", "align"},
    "th": {"style", "colspan", "rowspan", "align", "scope"},
    "td": {"style", "colspan", "rowspan", "align"},
    "col": {"span", "width"},
    "colgroup": {"span"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "details": {"open"},
    "time": {"datetime"},
    "abbr": {"title"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    # pymdownx.tabbed (radio inputs and labels) and tasklist (disabled checkboxes).
    "input": {"name", "checked", "disabled"},  # and "type", one of INPUT_TYPES
    "label": {"for"},
    **{tag: set(_SVG_GEOMETRY) for tag in SVG_TAGS},
}
# data-* carry kamgen's chart and search hooks; aria-* the charts' labels.
ATTRIBUTE_PREFIXES = frozenset({"data-", "aria-"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# The only inline style Markdown writes (table column alignment); no url(), no expression().
STYLE_PROPERTIES = frozenset({"text-align"})
# Form inputs stay inert widgets (tabs, task lists): no text fields, buttons or file pickers.
INPUT_TYPES = frozenset({"radio", "checkbox"})


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    # One Cleaner, built once per process: building the policy costs more than cleaning a page.
    return nh3.Cleaner(
        tags=set(HTML_TAGS | SVG_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        tag_attribute_values={"input": {"type": set(INPUT_TYPES)}},
        generic_attribute_prefixes=set(ATTRIBUTE_PREFIXES),
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
        link_rel=None,  # kamgen's links are internal; rel is kept as written
        strip_comments=True,
    )


def clean(html: str) -> str:
    """``html`` (a page body or a chart) with everything outside the policy removed."""
    if not html:
        return html
    # html5ever writes the no-break spaces of formatted money and dates as entities: keep them characters.
    return _cleaner().clean(html).replace("&nbsp;", "\xa0")
