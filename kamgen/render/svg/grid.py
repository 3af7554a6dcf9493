"""Influence × attitude: who has power, and whose side they are on.

Rows are influence (5 at the top), columns attitude (against us on the
left, for us on the right). People sharing a cell are listed in it one under
the other, and a row grows to fit its fullest cell, so every name stays
legible however many share a spot.
"""

from __future__ import annotations

from collections.abc import Sequence

from kamgen.data.model import Account, Stakeholder
from kamgen.render.svg.chart_text import ChartText
from kamgen.render.svg.marks import attitude_icon
from kamgen.render.svg.textfit import fit
from kamgen.render.svg.writer import El, document, el, line, num, rect, text

WIDTH = 1000
LEFT = 64  # influence labels
TOP = 30  # quadrant captions above the grid
BOTTOM = 64  # attitude labels and captions below
ENTRY = 17  # one name in a cell
CELL_PAD = 8
ATTITUDE_ORDER = ("opponent", "skeptic", "neutral", "supporter", "champion")
AGAINST, FOR = {"opponent", "skeptic"}, {"supporter", "champion"}
POWERFUL = 4  # influence from here up is the "power" half


def _cells(
    account: Account,
) -> tuple[list[str | None], list[int | None], dict[tuple[str | None, int | None], list[Stakeholder]]]:
    columns: list[str | None] = list(ATTITUDE_ORDER)
    rows: list[int | None] = [5, 4, 3, 2, 1]
    if any(s.attitude is None for s in account.stakeholders):
        columns.append(None)
    if any(s.influence is None for s in account.stakeholders):
        rows.append(None)
    cells: dict[tuple[str | None, int | None], list[Stakeholder]] = {}
    for s in account.stakeholders:
        cells.setdefault((s.attitude, s.influence), []).append(s)
    for people in cells.values():
        people.sort(key=lambda s: s.name.casefold())
    return columns, rows, cells


def influence_grid(ctx: ChartText, account: Account) -> El | None:
    if not account.stakeholders:
        return None
    columns, rows, cells = _cells(account)
    cell_w = (WIDTH - LEFT) / len(columns)
    heights = [max(2, *(len(cells.get((c, r), [])) for c in columns)) * ENTRY + 2 * CELL_PAD for r in rows]
    tops = [TOP + sum(heights[:i]) for i in range(len(rows))]
    grid_bottom = TOP + sum(heights)
    back = _quadrants(tops, heights, cell_w)
    # The cell borders, as one path: every row and column boundary of the grid.
    grid = [f"M{num(LEFT)},{num(y)} H{num(WIDTH)}" for y in [*tops, grid_bottom]]
    grid += [f"M{num(LEFT + ci * cell_w)},{num(TOP)} V{num(grid_bottom)}" for ci in range(len(columns) + 1)]
    back.append(el("path", d=" ".join(grid), class_="kg-cells"))
    marks: list[El] = []
    for ci, column in enumerate(columns):
        x = LEFT + ci * cell_w
        for ri, row in enumerate(rows):
            for k, who in enumerate(cells.get((column, row), [])):
                y = tops[ri] + CELL_PAD + k * ENTRY
                marks.append(_entry(ctx, who, x + CELL_PAD, y, cell_w - 2 * CELL_PAD))
        label = ctx._("Attitude unknown") if column is None else ctx.label(column)
        marks.append(text(x + cell_w / 2, grid_bottom + 18, fit(label, cell_w - 8, 11), "kg-t-sub", anchor="middle"))
    for ri, row in enumerate(rows):
        label = "?" if row is None else str(row)
        marks.append(text(LEFT - 12, tops[ri] + heights[ri] / 2 + 5, label, "kg-t-axis", anchor="end"))
    # The halves: a heavier rule under the powerful rows and around the neutral column.
    split = tops[rows.index(POWERFUL - 1)]
    neutral = LEFT + ATTITUDE_ORDER.index("neutral") * cell_w
    rules = [
        line(LEFT, split, WIDTH, split, "kg-rule"),
        line(neutral, TOP, neutral, grid_bottom, "kg-rule"),
        line(neutral + cell_w, TOP, neutral + cell_w, grid_bottom, "kg-rule"),
    ]
    axis = el(
        "text",
        ctx._("Influence"),
        class_="kg-t-small kg-t-muted",
        transform=f"translate(16 {TOP + sum(heights) / 2}) rotate(-90)",
        text_anchor="middle",
    )
    right = LEFT + 5 * cell_w
    captions = [
        text(LEFT + 4, TOP - 10, "◤ " + ctx._("Powerful, against us: win them over"), "kg-t-head kg-t-risk"),
        text(
            right - 4, TOP - 10, ctx._("Powerful, for us: keep them close") + " ◥", "kg-t-head kg-t-ally", anchor="end"
        ),
        text(LEFT + 4, grid_bottom + 42, "◣ " + ctx._("Less powerful, against us: watch"), "kg-t-small"),
        text(right - 4, grid_bottom + 42, ctx._("Less powerful, for us: our base") + " ◢", "kg-t-small", anchor="end"),
        text(
            (LEFT + right) / 2,
            grid_bottom + 58,
            ctx._("← against us · attitude · for us →"),
            "kg-t-small kg-t-muted",
            anchor="middle",
        ),
    ]
    height = grid_bottom + BOTTOM
    counts = {q: 0 for q in ("risk", "ally")}
    for s in account.stakeholders:
        if (s.influence or 0) >= POWERFUL and s.attitude in AGAINST:
            counts["risk"] += 1
        elif (s.influence or 0) >= POWERFUL and s.attitude in FOR:
            counts["ally"] += 1
    desc = ctx._(
        "People placed by influence (1 to 5) and attitude to us: %(count)s. Powerful allies: %(allies)s. "
        "Powerful and against us: %(risks)s.",
        count=len(account.stakeholders),
        allies=counts["ally"],
        risks=counts["risk"],
    )
    title = ctx._("Influence and attitude of the people at %(account)s", account=account.name)
    return document("grid", account.id, (WIDTH, height), title, desc, *back, *rules, axis, *captions, *marks)


def _quadrants(tops: Sequence[float], heights: Sequence[float], cell_w: float) -> list[El]:
    """Tints behind the four corners: powerful (influence 4-5) or not, against us or for us."""
    powerful = heights[0] + heights[1]
    rest = sum(heights[2:5])
    against, for_us = LEFT, LEFT + ATTITUDE_ORDER.index("supporter") * cell_w
    return [
        rect(against, tops[0], 2 * cell_w, powerful, "kg-quad kg-quad--risk"),
        rect(for_us, tops[0], 2 * cell_w, powerful, "kg-quad kg-quad--ally"),
        rect(against, tops[2], 2 * cell_w, rest, "kg-quad kg-quad--watch"),
        rect(for_us, tops[2], 2 * cell_w, rest, "kg-quad kg-quad--base"),
    ]


def _entry(ctx: ChartText, who: Stakeholder, x: float, y: float, room: float) -> El:
    gap = ctx.is_gap(who)
    name = f"⚠ {who.name}" if gap else who.name  # a gap says so in a symbol, not only in red
    return el(
        "g",
        el("title", ctx.brief(who)),  # the cell says influence and attitude
        attitude_icon(ctx, who, x + 6, y + 8, r=5.5),
        text(x + 16, y + 12, fit(name, room - 18, 11), "kg-t-entry" + (" kg-t-gap" if gap else "")),
        class_="kg-mark",
        data_id=who.id,
    )
