"""Estimated text widths, so labels are shortened or wrapped before they collide.

SVG cannot wrap or measure text by itself, and the page's font is the
reader's system sans-serif. Widths use Helvetica/Arial advance widths (the
font Material falls back to), with a margin for wider fonts such as DejaVu.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

ELLIPSIS = "…"
# Advance widths in thousandths of an em (Helvetica), for the characters that matter most.
_WIDTHS = dict(
    zip(
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
        (
            278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
            556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
            1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
            667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
            333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
            556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
        ),
        strict=True,
    )
)  # fmt: skip
# Fonts other than Arial (DejaVu Sans on Linux, San Francisco on macOS) run wider.
_MARGIN = 1.1
_BOLD = 1.08


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> float:
    if ch in _WIDTHS:
        return _WIDTHS[ch] / 1000
    if unicodedata.combining(ch):
        return 0.0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.05  # CJK and emoji: a full em, and emoji a little more
    base = unicodedata.normalize("NFD", ch)[0]
    if base in _WIDTHS:
        return _WIDTHS[base] / 1000  # é, ł, ñ: as wide as their base letter
    if ch.isupper():
        return 0.72  # Cyrillic and Greek capitals
    return 0.6


def width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated rendered width of ``text`` at font size ``size`` (user units)."""
    ems = sum(_char_width(ch) for ch in text)
    return ems * size * _MARGIN * (_BOLD if bold else 1.0)


def fit(text: str, max_width: float, size: float, *, bold: bool = False) -> str:
    """``text``, or its longest prefix plus an ellipsis that fits in ``max_width``."""
    if width(text, size, bold=bold) <= max_width:
        return text
    budget = max_width - width(ELLIPSIS, size, bold=bold)
    used = 0.0
    cut = 0
    for i, ch in enumerate(text):
        used += width(ch, size, bold=bold)
        if used > budget:
            break
        cut = i + 1
    return text[:cut].rstrip() + ELLIPSIS


def wrap(text: str, max_width: float, size: float, lines: int, *, bold: bool = False) -> list[str]:
    """``text`` broken at spaces into at most ``lines`` lines; the last one is shortened if needed."""
    out: list[str] = []
    words = text.split(" ")
    current = ""
    while words:
        candidate = f"{current} {words[0]}" if current else words[0]
        if width(candidate, size, bold=bold) <= max_width or not current:
            current = candidate
            words.pop(0)
            continue
        if len(out) == lines - 1:
            break
        out.append(current)
        current = ""
    if words:
        current = " ".join([current, *words]) if current else " ".join(words)
    out.append(current)
    out = out[:lines]
    return [fit(line, max_width, size, bold=bold) for line in out]
