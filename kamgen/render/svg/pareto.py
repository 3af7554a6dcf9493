"""The portfolio's Pareto curve: accounts by revenue, the cumulative share, A/B/C bands."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from kamgen.data.model import Account
from kamgen.insights.analysis import PARETO_A, PARETO_B, PortfolioFigures
from kamgen.render.svg.chart_text import ChartText
from kamgen.render.svg.textfit import fit
from kamgen.render.svg.writer import El, document, el, line, polyline, rect, text

WIDTH = 1000
LEFT, RIGHT, TOP = 72, 52, 34
PLOT_H = 260
NAMED = 40  # up to this many accounts, each bar is named under the axis
MAX_BARS = 120  # beyond this, neighbouring ranks share one bar (a chart, not a barcode)


@dataclass(frozen=True)
class Bar:
    name: str
    revenue: float  # per account (the mean, when a bar stands for several)
    cumulative: float
    pareto_class: str
    accounts: int


def bars(accounts: Sequence[Account], figures: PortfolioFigures) -> list[Bar]:
    ranked = sorted(accounts, key=lambda a: figures[a.id].rank)
    size = max(1, math.ceil(len(ranked) / MAX_BARS))
    out = []
    for start in range(0, len(ranked), size):
        group = ranked[start : start + size]
        last = figures[group[-1].id]
        revenue = sum(figures[a.id].revenue for a in group) / len(group)
        name = group[0].name if len(group) == 1 else f"#{start + 1}–{start + len(group)}"
        out.append(Bar(name, revenue, last.cumulative_share, last.pareto_class, len(group)))
    return out


def pareto_chart(ctx: ChartText, accounts: Sequence[Account], figures: PortfolioFigures) -> El | None:
    if not accounts or figures.total_revenue <= 0:
        return None
    data = bars(accounts, figures)
    named = len(data) <= NAMED
    plot_w = WIDTH - LEFT - RIGHT
    bottom = TOP + PLOT_H
    step = plot_w / len(data)
    top_revenue = max(b.revenue for b in data) or 1.0

    def y_share(share: float) -> float:
        return bottom - share * PLOT_H

    back: list[El] = []
    front: list[El] = []
    for cls in ("A", "B", "C"):
        members = [i for i, b in enumerate(data) if b.pareto_class == cls]
        if not members:
            continue
        x0, x1 = LEFT + members[0] * step, LEFT + (members[-1] + 1) * step
        count = sum(data[i].accounts for i in members)
        back.append(rect(x0, TOP - 26, x1 - x0, PLOT_H + 26, f"kg-zone kg-zone--{cls.lower()}"))
        label = fit(ctx._("Class %(cls)s · %(count)s", cls=cls, count=count), x1 - x0 - 8, 11, bold=True)
        back.append(text(x0 + 5, TOP - 9, label, "kg-t-head"))
    for fraction in (0.0, 0.5, 1.0):
        y = bottom - fraction * PLOT_H
        back.append(line(LEFT, y, LEFT + plot_w, y, "kg-axis" if fraction == 0 else "kg-grid"))
        front.append(text(LEFT - 8, y + 4, ctx.money(top_revenue * fraction), "kg-t-axis", anchor="end"))
    for share in (0.0, 0.25, 0.5, 0.75, 1.0):
        front.append(text(LEFT + plot_w + 6, y_share(share) + 4, ctx.percent(share), "kg-t-axis"))
    for share in (PARETO_A, PARETO_B):
        back.append(line(LEFT, y_share(share), LEFT + plot_w, y_share(share), "kg-guide"))
        front.append(text(LEFT + plot_w - 4, y_share(share) - 4, ctx.percent(share), "kg-t-guide", anchor="end"))
    points = [(float(LEFT), float(bottom))]
    for i, b in enumerate(data):
        cx = LEFT + (i + 0.5) * step
        height = b.revenue / top_revenue * PLOT_H
        tip = ctx._(
            "%(name)s: %(revenue)s, cumulative %(share)s, class %(cls)s",
            name=b.name,
            revenue=ctx.money(b.revenue),
            share=ctx.percent(b.cumulative),
            cls=b.pareto_class,
        )
        back.append(
            el(
                "rect",
                el("title", tip),
                x=LEFT + i * step + step * 0.15,
                y=bottom - height,
                width=step * 0.7,
                height=height,
                class_=f"kg-bar kg-bar--{b.pareto_class.lower()}",
            )
        )
        points.append((cx, y_share(b.cumulative)))
        if named:
            label_y = bottom + 14
            front.append(
                el(
                    "text",
                    fit(b.name, 110, 11),
                    x=cx,
                    y=label_y,
                    class_="kg-t-small",
                    text_anchor="end",
                    transform=f"rotate(-35 {cx:.1f} {label_y:.1f})",
                )
            )
    front.insert(0, polyline(points, "kg-curve"))
    front.extend(el("circle", cx=x, cy=y, r=3, class_="kg-curve-point") for x, y in points[1:])
    if not named:
        front.append(text(LEFT, bottom + 18, ctx._("Accounts by revenue rank →"), "kg-t-small kg-t-muted"))
    height = bottom + (92 if named else 30)
    year = str(figures.year or "")
    a_count = sum(1 for a in accounts if figures[a.id].pareto_class == "A")
    title = ctx._("Revenue concentration (Pareto), %(year)s", year=year)
    desc = ctx._(
        "%(count)s accounts sorted by revenue with the cumulative share of the portfolio; "
        "%(a)s class A accounts make up to 80%% of revenue.",
        count=len(accounts),
        a=a_count,
    )
    return document("pareto", "portfolio", (WIDTH, height), title, desc, *back, *front)
