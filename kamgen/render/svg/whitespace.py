"""The whitespace map: our offerings (rows) × the client's business units (columns).

Each cell says whether the client uses the offering there, pilots it, is an
open opportunity (with its value), buys it from a competitor, or it does not
fit; an empty cell is white space nobody has explored. The last column and
row add up the open opportunity. A phone gets the same facts as a list per
offering (kamgen.css shows one drawing or the other), so no text shrinks
below 11 px.
"""

from __future__ import annotations

from kamgen.data.model import WhitespaceCell
from kamgen.insights.planning import Whitespace
from kamgen.render.svg.chart_text import ChartText
from kamgen.render.svg.textfit import fit, wrap
from kamgen.render.svg.writer import El, document, el, rect, text

LABEL_W = 150
COLUMN_W = 112
TOTAL_W = 96
HEAD_H = 44
ROW_H = 34
SIZE = 12
NARROW_W = 360
NARROW_SIZE = 13
NARROW_LINE = 22
SYMBOLS = {"in-use": "✓", "pilot": "◐", "opportunity": "◆", "competitor": "✕", "not-a-fit": "—"}


def _cell_text(ctx: ChartText, cell: WhitespaceCell) -> str:
    if cell.status == "opportunity" and cell.value:
        return f"{SYMBOLS['opportunity']} {ctx.money(cell.value)}"
    return f"{SYMBOLS[cell.status]} {ctx.label(cell.status)}"


def _cell_title(ctx: ChartText, offering: str, unit: str, cell: WhitespaceCell) -> str:
    parts = [f"{offering} · {unit}: {ctx.label(cell.status)}"]
    if cell.value:
        parts.append(ctx.money(cell.value))
    if cell.competitor:
        parts.append(cell.competitor)
    if cell.note:
        parts.append(cell.note)
    return " — ".join(parts)


def whitespace_chart(ctx: ChartText, key: str, ws: Whitespace, account_name: str) -> El:
    """Both drawings, each in a block kamgen.css shows on wide or on narrow screens."""
    wide = _wide(ctx, key, ws, account_name)
    narrow = _narrow(ctx, key, ws, account_name)
    return el("div", el("div", wide, class_="kg-only-wide"), el("div", narrow, class_="kg-only-narrow"))


def _title_desc(ctx: ChartText, ws: Whitespace, account_name: str) -> tuple[str, str]:
    open_ = sum(1 for c in ws.cells.values() if c.status == "opportunity")
    title = ctx._("Whitespace map of %(account)s", account=account_name)
    desc = ctx._(
        "Offerings %(offerings)s × business units %(units)s; open opportunities: %(open)s worth %(value)s.",
        offerings=len(ws.offerings),
        units=len(ws.units),
        open=open_,
        value=ctx.money(ws.total),
    )
    return title, desc


def _wide(ctx: ChartText, key: str, ws: Whitespace, account_name: str) -> El:
    width = LABEL_W + COLUMN_W * len(ws.units) + TOTAL_W
    height = HEAD_H + ROW_H * (len(ws.offerings) + 1)
    parts: list[El] = []
    for ci, unit in enumerate(ws.units):
        x = LABEL_W + ci * COLUMN_W
        for n, part in enumerate(wrap(unit, COLUMN_W - 8, SIZE, 2, bold=True)):
            parts.append(text(x + COLUMN_W / 2, 17 + n * 15, part, "kg-t-ws-head", anchor="middle"))
    parts.append(
        text(LABEL_W + len(ws.units) * COLUMN_W + TOTAL_W / 2, 17, ctx._("Open"), "kg-t-ws-head", anchor="middle")
    )
    for ri, (offering, name) in enumerate(ws.offerings):
        y = HEAD_H + ri * ROW_H
        label = wrap(name, LABEL_W - 10, SIZE, 2, bold=True)
        for n, part in enumerate(label):
            parts.append(text(6, y + (21 if len(label) == 1 else 14 + n * 14), part, "kg-t-ws-head"))
        for ci, unit in enumerate(ws.units):
            x = LABEL_W + ci * COLUMN_W
            cell = ws.cells.get((offering, unit))
            if cell is None:
                parts.append(rect(x + 2, y + 2, COLUMN_W - 4, ROW_H - 4, "kg-ws kg-ws--empty", rx=4))
                continue
            parts.append(
                el(
                    "g",
                    el("title", _cell_title(ctx, name, unit, cell)),
                    rect(x + 2, y + 2, COLUMN_W - 4, ROW_H - 4, f"kg-ws kg-ws--{cell.status}", rx=4),
                    text(x + 8, y + 21, fit(_cell_text(ctx, cell), COLUMN_W - 14, SIZE), "kg-t-ws"),
                )
            )
        total = ws.row_value.get(offering, 0.0)
        parts.append(text(width - 8, y + 21, ctx.money(total) if total else "—", "kg-t-ws-total", anchor="end"))
    last = HEAD_H + len(ws.offerings) * ROW_H
    parts.append(text(6, last + 21, ctx._("Open opportunity"), "kg-t-ws-head"))
    for ci, unit in enumerate(ws.units):
        value = ws.column_value.get(unit, 0.0)
        middle = LABEL_W + ci * COLUMN_W + COLUMN_W / 2
        parts.append(text(middle, last + 21, ctx.money(value) if value else "—", "kg-t-ws-total", anchor="middle"))
    parts.append(text(width - 8, last + 21, ctx.money(ws.total), "kg-t-ws-total kg-t-bold", anchor="end"))
    title, desc = _title_desc(ctx, ws, account_name)
    return document("whitespace", key, (width, height), title, desc, *parts)


def _narrow(ctx: ChartText, key: str, ws: Whitespace, account_name: str) -> El:
    parts: list[El] = []
    y: float = 0.0
    for offering, name in ws.offerings:
        total = ws.row_value.get(offering, 0.0)
        parts.append(rect(0, y, NARROW_W, NARROW_LINE + 4, "kg-ws-band"))
        parts.append(text(6, y + 17, fit(name, NARROW_W - 100, NARROW_SIZE, bold=True), "kg-t-ws-head"))
        if total:
            parts.append(text(NARROW_W - 6, y + 17, ctx.money(total), "kg-t-ws-total", anchor="end"))
        y += NARROW_LINE + 8
        unexplored = 0
        for unit in ws.units:
            cell = ws.cells.get((offering, unit))
            if cell is None:
                unexplored += 1
                continue
            parts.append(
                el(
                    "g",
                    el("title", _cell_title(ctx, name, unit, cell)),
                    text(12, y + 12, fit(unit, NARROW_W * 0.5, NARROW_SIZE), "kg-t-ws"),
                    text(
                        NARROW_W - 6,
                        y + 12,
                        fit(_cell_text(ctx, cell), NARROW_W * 0.45, NARROW_SIZE),
                        f"kg-t-ws kg-t-ws--{cell.status}",
                        anchor="end",
                    ),
                )
            )
            y += NARROW_LINE
        if unexplored:
            note = ctx._("%(count)s units not explored", count=unexplored)
            parts.append(text(12, y + 12, note, "kg-t-ws kg-t-muted"))
            y += NARROW_LINE
        y += 6
    parts.append(text(6, y + 14, ctx._("Open opportunity"), "kg-t-ws-head"))
    parts.append(text(NARROW_W - 6, y + 14, ctx.money(ws.total), "kg-t-ws-total kg-t-bold", anchor="end"))
    title, desc = _title_desc(ctx, ws, account_name)
    return document("whitespace-narrow", key, (NARROW_W, y + 24), title, desc, *parts)
