"""Written pages without the indentation of the theme's templates.

Material's templates indent their markup; in a plan page that is about 6 KB
of spaces, a twelfth of the page, on every page of a site of thousands. A
line's leading spaces and tabs are dropped; its newline stays, so the page
renders the same (browsers fold white space between elements into one
space). Nothing changes inside ``pre``, ``textarea``, ``script`` and
``style``, where white space is content.
"""

from __future__ import annotations

import re

_VERBATIM = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_INDENT = re.compile(r"\n[ \t]+")


def without_indentation(html: str) -> str:
    """``html`` with each line's indentation removed, except where white space is content."""
    out: list[str] = []
    start = 0
    for block in _VERBATIM.finditer(html):
        out.append(_INDENT.sub("\n", html[start : block.start()]))
        out.append(block.group(0))
        start = block.end()
    out.append(_INDENT.sub("\n", html[start:]))
    return "".join(out)
