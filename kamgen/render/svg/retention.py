"""Retention at a glance: revenue lost (released, falling clients) and at risk, against the year's revenue."""

from __future__ import annotations

from kamgen.insights.analysis import PortfolioFigures
from kamgen.insights.sales import Retention
from kamgen.render.svg.chart_text import ChartText
from kamgen.render.svg.writer import El, document, line, rect, text

WIDTH = 720
LABEL_W = 230
BARS_X = LABEL_W + 12
BARS_W = WIDTH - BARS_X - 150
ROW = 38


def retention_chart(ctx: ChartText, retention: Retention, figures: PortfolioFigures) -> El | None:
    rows = [
        (ctx._("Revenue %(year)s", year=figures.year or ""), figures.total_revenue, "kg-bar-revenue"),
        (ctx._("Lost: released clients"), retention.released, "kg-bar-lost"),
        (ctx._("Lost: falling clients"), retention.falling, "kg-bar-lost"),
        (ctx._("At risk"), retention.at_risk, "kg-bar-cost"),
    ]
    if not retention.lost and not retention.at_risk:
        return None
    scale = max(amount for _, amount, _ in rows) or 1.0
    parts: list[El] = []
    for i, (label, amount, cls) in enumerate(rows):
        y = 6 + i * ROW
        parts.append(text(8, y + 21, label, "kg-t-sub"))
        parts.append(rect(BARS_X, y + 6, max(amount / scale * BARS_W, 1.0), 22, cls))
        parts.append(text(BARS_X + amount / scale * BARS_W + 8, y + 21, ctx.money(amount), "kg-t-small"))
    bottom = 6 + len(rows) * ROW
    parts.append(line(BARS_X, 6, BARS_X, bottom, "kg-axis"))
    title = ctx._("Revenue lost and at risk, %(year)s", year=figures.year or "")
    desc = ctx._(
        "Lost: %(lost)s. At risk: %(risk)s.", lost=ctx.money(retention.lost), risk=ctx.money(retention.at_risk)
    )
    return document("retention", "portfolio", (WIDTH, bottom + 6), title, desc, *parts)
