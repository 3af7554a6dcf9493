"""Influence × attitude for a phone: the grid's corners as stacked lists.

Five attitude columns do not fit a phone at a legible size, so the grid
folds into its halves: the powerful (influence 4 and 5) first, then the
rest; within each, against us, then neutral or unknown, then for us. Each
person keeps the attitude symbol and the influence dots of the wide grid.
"""

from __future__ import annotations

from kamgen.data.model import Account, Stakeholder
from kamgen.i18n import N_
from kamgen.render.svg.chart_text import ChartText
from kamgen.render.svg.comb_stacked import NARROW
from kamgen.render.svg.grid import AGAINST, FOR, POWERFUL
from kamgen.render.svg.marks import attitude_icon
from kamgen.render.svg.textfit import fit
from kamgen.render.svg.writer import El, document, el, rect, text

PAD = 8
HEAD = 26
ENTRY = 20

# (powerful?, side, the wide grid's corner mark, heading, tint class)
BLOCKS = (
    (True, "against", "◤ ", N_("Powerful, against us: win them over"), "kg-quad--risk"),
    (True, "for", "◥ ", N_("Powerful, for us: keep them close"), "kg-quad--ally"),
    (True, "neutral", "", N_("Powerful, neutral or attitude unknown"), ""),
    (False, "against", "◣ ", N_("Less powerful, against us: watch"), "kg-quad--watch"),
    (False, "for", "◢ ", N_("Less powerful, for us: our base"), "kg-quad--base"),
    (False, "neutral", "", N_("Less powerful, neutral or attitude unknown"), ""),
)


def _side(who: Stakeholder) -> str:
    return "against" if who.attitude in AGAINST else "for" if who.attitude in FOR else "neutral"


def _entry(ctx: ChartText, who: Stakeholder, y: float, inner: float) -> El:
    gap = ctx.is_gap(who)
    name = f"⚠ {who.name}" if gap else who.name
    return el(
        "g",
        el("title", ctx.summary(who)),
        attitude_icon(ctx, who, PAD + 14, y + 9, r=5.5),
        text(PAD + 26, y + 13, fit(name, inner - 90, 11), "kg-t-entry" + (" kg-t-gap" if gap else "")),
        text(PAD + inner - 8, y + 13, ctx.influence(who), "kg-t-dots", anchor="end"),
        class_="kg-mark",
        data_id=who.id,
    )


def grid_stacked(ctx: ChartText, account: Account, width: float = NARROW) -> El | None:
    if not account.stakeholders:
        return None
    inner = width - 2 * PAD
    parts: list[El] = []
    y = 0.0
    for powerful, side, mark, heading, tint in BLOCKS:
        people = sorted(
            (s for s in account.stakeholders if ((s.influence or 0) >= POWERFUL) == powerful and _side(s) == side),
            key=lambda s: (-(s.influence or 0), s.name.casefold()),
        )
        if not people and side == "neutral":
            continue  # the neutral middle is shown only when someone stands in it
        height = HEAD + max(1, len(people)) * ENTRY + PAD
        risk = " kg-t-risk" if tint == "kg-quad--risk" else " kg-t-ally" if tint == "kg-quad--ally" else ""
        parts.append(rect(0, y, width, height, f"kg-quad {tint}" if tint else "kg-band", rx=6))
        parts.append(text(PAD + 2, y + 18, fit(mark + ctx._(heading), inner, 11, bold=True), "kg-t-head" + risk))
        for k, who in enumerate(people):
            parts.append(_entry(ctx, who, y + HEAD + k * ENTRY, inner))
        if not people:
            parts.append(text(PAD + 2, y + HEAD + 13, ctx._("Nobody recorded"), "kg-t-small kg-t-muted"))
        y += height + 6
    title = ctx._("Influence and attitude of the people at %(account)s", account=account.name)
    desc = ctx._("People by influence (4 and 5 first) and attitude to us: %(count)s.", count=len(account.stakeholders))
    return document("grid", f"{account.id}-narrow", (width, y - 6), title, desc, *parts)
