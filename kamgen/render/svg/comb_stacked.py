"""The comb for a phone: the same bands, stacked, our people above theirs.

A 1000-unit comb shrunk to a phone would set its names at 4 px. Here each
level is one band the width of the screen: our people at that level first
(framed in the link colour, as in the wide comb), then the client's, each
saying in words who of ours covers them, where the wide comb draws a line.
"""

from __future__ import annotations

from kamgen.data.model import Account, Stakeholder
from kamgen.render.svg.chart_text import ChartText
from kamgen.render.svg.comb import OURS_H, UNKNOWN_LEVEL, Band, bands
from kamgen.render.svg.marks import attitude_icon, gap_label
from kamgen.render.svg.textfit import fit
from kamgen.render.svg.writer import El, document, el, rect, text

NARROW = 350  # fits a 360 px phone's content area at one unit to the pixel
PAD = 8
HEAD = 26
GAP = 6
THEIRS_H = 46


def _ours(ctx: ChartText, account: Account, pid: str, y: float, inner: float) -> El:
    person = ctx.team.get(pid)
    role = person.title if person and person.title else ctx._("Title unknown")
    if pid == account.owner:
        role = ctx._("Key account manager")
    name = ctx.person(pid) or pid
    return el(
        "g",
        el("title", f"{name}. {role}"),
        rect(PAD, y, inner, OURS_H, "kg-chip kg-chip--ours", rx=5),
        text(PAD + 10, y + 16, fit(name, inner - 20, 12, bold=True), "kg-t-name kg-t-name--small"),
        text(PAD + 10, y + 30, fit(role, inner - 20, 10.5), "kg-t-small"),
        class_="kg-ours",
        data_person=pid,
    )


def _theirs(ctx: ChartText, who: Stakeholder, y: float, inner: float, level: str) -> El:
    gap = ctx.is_gap(who)
    ours = ctx.person(who.counterpart)
    room = inner - 40
    if gap:
        cover = text(PAD + 30, y + 40, gap_label(ctx._("Gap: nobody of ours covers"), room, 10.5), "kg-t-gap")
    elif ours is None:
        cover = text(PAD + 30, y + 40, fit(ctx._("No counterpart"), room, 10.5), "kg-t-small kg-t-muted")
    else:
        counterpart = ctx.team.get(who.counterpart or "")
        note = ctx._("Ours: %(name)s", name=ours)
        if ((counterpart.level if counterpart else None) or UNKNOWN_LEVEL) != level:
            note += " · " + ctx._("another level")
        cover = text(PAD + 30, y + 40, fit(note, room, 10.5), "kg-t-small")
    title = ", ".join(p for p in (who.title, who.department) if p) or ctx._("Title unknown")
    return el(
        "g",
        el("title", ctx.brief(who)),
        rect(PAD, y, inner, THEIRS_H, "kg-chip" + (" kg-chip--gap" if gap else ""), rx=5),
        attitude_icon(ctx, who, PAD + 15, y + 15),
        text(PAD + 30, y + 15, fit(who.name, room - 50, 12, bold=True), "kg-t-name kg-t-name--small"),
        text(PAD + inner - 10, y + 15, ctx.influence(who), "kg-t-dots", anchor="end"),
        text(PAD + 30, y + 28, fit(title, room, 10.5), "kg-t-small"),
        cover,
        class_="kg-theirs" + (" kg-gap" if gap else ""),
        data_id=who.id,
    )


def _band(ctx: ChartText, account: Account, band: Band, top: float, width: float) -> tuple[list[El], float]:
    """The band's marks and its height."""
    inner = width - 2 * PAD
    covered = sum(1 for s in band.theirs if s.counterpart)
    name = ctx._("Level not recorded") if band.level == UNKNOWN_LEVEL else ctx.label(band.level)
    head = ctx._("%(level)s · covered: %(covered)s of %(count)s", level=name, covered=covered, count=len(band.theirs))
    marks: list[El] = [text(PAD + 2, top + 18, fit(head, inner, 11, bold=True), "kg-t-head")]
    y = top + HEAD
    for pid in band.ours:
        marks.append(_ours(ctx, account, pid, y, inner))
        y += OURS_H + GAP
    if not band.ours:
        marks.append(text(PAD + 2, y + 12, ctx._("Nobody of ours at this level"), "kg-t-small kg-t-muted"))
        y += 18 + GAP
    for who in band.theirs:
        marks.append(_theirs(ctx, who, y, inner, band.level))
        y += THEIRS_H + GAP
    if not band.theirs:
        marks.append(text(PAD + 2, y + 12, ctx._("Nobody recorded at this level"), "kg-t-small kg-t-muted"))
        y += 18 + GAP
    height = y - top + PAD - GAP
    return [rect(0, top, width, height, "kg-band", rx=6), *marks], height


def comb_stacked(ctx: ChartText, account: Account, width: float = NARROW) -> El | None:
    if not account.stakeholders:
        return None
    parts: list[El] = []
    y = 0.0
    for band in bands(ctx, account):
        marks, height = _band(ctx, account, band, y, width)
        parts.extend(marks)
        y += height + 8
    covered = sum(1 for s in account.stakeholders if s.counterpart)
    desc = ctx._("Covered by our team: %(covered)s of %(count)s.", covered=covered, count=len(account.stakeholders))
    gaps = [s.name for s in account.stakeholders if ctx.is_gap(s)]
    if gaps:
        desc += " " + ctx._("Gaps: %(names)s.", names=", ".join(gaps))
    title = ctx._("Coverage of %(account)s by our team, level by level", account=account.name)
    return document("comb", f"{account.id}-narrow", (width, y - 8), title, desc, *parts)
