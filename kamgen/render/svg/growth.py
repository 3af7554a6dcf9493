"""The portfolio growth grid: each account by attractiveness (x) and health (y), the classic KAM matrix.

One labelled dot per account, each a link to its plan. Drawn 400 units wide
with 12–13 px text so it stays legible on a phone; beyond :data:`LABELLED`
accounts the dots carry their names only as tooltips.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kamgen.insights.planning import Placement
from kamgen.render.svg.chart_text import ChartText
from kamgen.render.svg.textfit import fit, width
from kamgen.render.svg.writer import El, document, el, line, rect, text

WIDTH = 400
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 10, 44
PLOT = WIDTH - LEFT - RIGHT
SIZE = 13
LABELLED = 40
MIDDLE = 50  # both axes run 0..100; the quadrants split here


def growth_grid(ctx: ChartText, placements: Sequence[Placement], href: Callable[[str], str]) -> El | None:
    """``href(account_id)``: the URL of the account's plan from the page the grid is on."""
    if not placements:
        return None
    height = TOP + PLOT + BOTTOM

    def x_of(value: float) -> float:
        return LEFT + PLOT * value / 100

    def y_of(value: float) -> float:
        return TOP + PLOT * (1 - value / 100)

    half = PLOT / 2
    back = [
        rect(x_of(MIDDLE), TOP, half, half, "kg-quad kg-quad--ally"),
        rect(LEFT, TOP, half, half, "kg-quad kg-quad--base"),
        rect(x_of(MIDDLE), TOP + half, half, half, "kg-quad kg-quad--watch"),
        rect(LEFT, TOP + half, half, half, "kg-quad kg-quad--risk"),
        line(LEFT, TOP + PLOT, LEFT + PLOT, TOP + PLOT, "kg-axis"),
        line(LEFT, TOP, LEFT, TOP + PLOT, "kg-axis"),
        line(x_of(MIDDLE), TOP, x_of(MIDDLE), TOP + PLOT, "kg-guide"),
        line(LEFT, y_of(MIDDLE), LEFT + PLOT, y_of(MIDDLE), "kg-guide"),
    ]
    captions = [
        text(LEFT + PLOT - 4, TOP + 16, ctx._("Grow") + " ◥", "kg-t-growth-quad kg-t-ally", anchor="end"),
        text(LEFT + 4, TOP + 16, "◤ " + ctx._("Maintain"), "kg-t-growth-quad"),
        text(LEFT + PLOT - 4, TOP + PLOT - 6, ctx._("Repair") + " ◢", "kg-t-growth-quad kg-t-risk", anchor="end"),
        text(LEFT + 4, TOP + PLOT - 6, "◣ " + ctx._("Rethink"), "kg-t-growth-quad"),
        text(
            LEFT + PLOT / 2,
            TOP + PLOT + 34,
            ctx._("Attractiveness (potential, share of wallet) →"),
            "kg-t-growth-axis",
            anchor="middle",
        ),
        el(
            "text",
            ctx._("Health →"),
            class_="kg-t-growth-axis",
            text_anchor="middle",
            transform=f"translate(14 {TOP + PLOT / 2}) rotate(-90)",
        ),
        text(LEFT - 4, TOP + PLOT + 4, "0", "kg-t-growth-axis", anchor="end"),
        text(LEFT - 4, TOP + 10, "100", "kg-t-growth-axis", anchor="end"),
        text(LEFT + PLOT, TOP + PLOT + 16, "100", "kg-t-growth-axis", anchor="end"),
    ]
    labelled = len(placements) <= LABELLED
    dots: list[El] = []
    for p in sorted(placements, key=lambda p: (p.account.name.casefold(), p.account.id)):
        cx, cy = x_of(p.attractiveness), y_of(p.health)
        tip = ctx._(
            "%(account)s: health %(health)s/100, attractiveness %(attractiveness)s, share of wallet %(share)s",
            account=p.account.name,
            health=p.health,
            attractiveness=round(p.attractiveness),
            share=ctx.percent(p.share_of_wallet),
        )
        label: El | None = None
        if labelled:
            name = fit(p.account.name, 120, SIZE)
            right = cx + 8 + width(name, SIZE) <= WIDTH - 2
            label = text(cx + 8 if right else cx - 8, cy + 4, name, "kg-t-growth", anchor=None if right else "end")
        dots.append(
            el(
                "a",
                el("title", tip),
                el("circle", cx=cx, cy=cy, r=6, class_="kg-growth-dot"),
                label,
                href=href(p.account.id),
                class_="kg-growth-link",
            )
        )
    title = ctx._("Portfolio growth grid: attractiveness against health")
    desc = ctx._(
        "%(count)s accounts with a recorded potential, placed by attractiveness and health.", count=len(placements)
    )
    return document("growth", "portfolio", (WIDTH, height), title, desc, *back, *captions, *dots)
