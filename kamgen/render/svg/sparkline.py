"""A sparkline: a small line of values over time, for the health and relationship trends."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from kamgen.render.svg.writer import El, document, el, num, polyline

WIDTH, HEIGHT, PAD = 120, 26, 4


def sparkline(
    key: str, points: Sequence[tuple[date, float | None]], low: float, high: float, title: str, desc: str
) -> El | None:
    """``points`` oldest first; a None value leaves a gap. One line, so it fits in a table cell."""
    known = [(i, v) for i, (_, v) in enumerate(points) if v is not None]
    if len(known) < 2:
        return None
    step = (WIDTH - 2 * PAD) / max(1, len(points) - 1)
    span = (high - low) or 1.0

    def xy(i: int, value: float) -> tuple[float, float]:
        return PAD + i * step, HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD)

    line = polyline([xy(i, v) for i, v in known], "kg-spark")
    last_x, last_y = xy(*known[-1])
    dot = el("circle", cx=num(last_x), cy=num(last_y), r=2.5, class_="kg-spark-dot")
    svg = document("spark", key, (WIDTH, HEIGHT), title, desc, line, dot)
    return El(svg.replace("\n", ""))
