"""Revenue against cost to serve, account by account: which clients make money."""

from __future__ import annotations

from collections.abc import Sequence

from kamgen.data.model import Account
from kamgen.insights.analysis import PortfolioFigures
from kamgen.render.svg.chart_text import ChartText
from kamgen.render.svg.textfit import fit
from kamgen.render.svg.writer import El, document, el, line, rect, text

WIDTH = 1000
NAME_W = 210
BARS_X = NAME_W + 16
VALUE_W = 190
BARS_W = WIDTH - BARS_X - VALUE_W
ROW = 32
TOP = 30  # legend
MAX_ROWS = 20  # the biggest accounts; loss-making ones are always added


def rows(accounts: Sequence[Account], figures: PortfolioFigures) -> list[Account]:
    ranked = sorted(accounts, key=lambda a: figures[a.id].rank)
    shown = ranked[:MAX_ROWS]
    return shown + [a for a in ranked[MAX_ROWS:] if figures[a.id].unprofitable]


def profit_chart(ctx: ChartText, accounts: Sequence[Account], figures: PortfolioFigures) -> El | None:
    if not accounts:
        return None
    shown = rows(accounts, figures)
    scale = max([figures[a.id].revenue for a in shown] + [a.cost_to_serve or 0.0 for a in shown]) or 1.0
    parts: list[El] = [
        rect(BARS_X, 6, 12, 10, "kg-bar-revenue"),
        text(BARS_X + 18, 15, ctx._("Revenue %(year)s", year=figures.year or ""), "kg-t-small"),
        rect(BARS_X + 150, 6, 12, 10, "kg-bar-cost"),
        text(BARS_X + 168, 15, ctx._("Cost to serve"), "kg-t-small"),
    ]
    losses = []
    for i, account in enumerate(shown):
        f = figures[account.id]
        y = TOP + i * ROW
        loss = f.unprofitable
        if loss:
            losses.append(account.name)
            parts.append(rect(0, y, WIDTH, ROW, "kg-row--loss"))
        parts.append(
            text(8, y + 20, fit(account.name, NAME_W - 8, 12, bold=loss), "kg-t-sub" + (" kg-t-bold" if loss else ""))
        )
        revenue_w = f.revenue / scale * BARS_W
        parts.append(_bar(BARS_X, y + 6, revenue_w, 9, "kg-bar-revenue", ctx.money(f.revenue)))
        if account.cost_to_serve is not None:
            cost_w = account.cost_to_serve / scale * BARS_W
            parts.append(_bar(BARS_X, y + 17, cost_w, 9, "kg-bar-cost", ctx.money(account.cost_to_serve)))
        parts.append(_verdict(ctx, account, figures, y))
    bottom = TOP + len(shown) * ROW
    parts.append(line(BARS_X, TOP, BARS_X, bottom, "kg-axis"))
    if len(shown) < len(accounts):
        note = ctx._("The %(n)s largest accounts and every loss-making one.", n=MAX_ROWS)
        parts.append(text(8, bottom + 18, note, "kg-t-small kg-t-muted"))
        bottom += 24
    title = ctx._("Revenue and cost to serve per account, %(year)s", year=figures.year or "")
    desc = ctx._("Accounts shown: %(count)s. Loss-making: %(names)s.", count=len(shown), names=", ".join(losses) or "—")
    return document("profit", "portfolio", (WIDTH, bottom + 6), title, desc, *parts)


def _bar(x: float, y: float, w: float, h: float, cls: str, tip: str) -> El:
    return el("rect", el("title", tip), x=x, y=y, width=max(w, 1.0), height=h, class_=cls)


def _verdict(ctx: ChartText, account: Account, figures: PortfolioFigures, y: float) -> El:
    f = figures[account.id]
    x = WIDTH - 8
    if not f.revenue_recorded and account.cost_to_serve is not None:
        words = ctx._("revenue %(year)s unknown", year=figures.year or "")
        return text(x, y + 20, words, "kg-t-small kg-t-muted kg-t-italic", anchor="end")
    if f.profit is None:
        return text(x, y + 20, ctx._("cost to serve unknown"), "kg-t-small kg-t-muted kg-t-italic", anchor="end")
    margin = f" ({ctx.percent(f.profit / f.revenue)})" if f.revenue > 0 else ""
    if f.unprofitable:
        words = "⚠ " + ctx._("Loss %(amount)s", amount=ctx.money(f.profit))
        return text(x, y + 20, words, "kg-t-loss", anchor="end")
    return text(x, y + 20, ctx._("Profit %(amount)s", amount=ctx.money(f.profit)) + margin, "kg-t-sub", anchor="end")
