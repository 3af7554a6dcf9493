"""The comb ("гребёнка"): our people against the client's, level by level.

Each of our people should cover the client's people at their own level:
director to director, head to head, specialist to specialist. A band per
level holds our people on the left and theirs on the right; a line joins
each of ours to everyone they cover (dashed when it crosses levels). Anyone
influential whom nobody covers carries a "gap" label.
"""

from __future__ import annotations

from dataclasses import dataclass

from kamgen.data.model import LEVELS, Account, Stakeholder
from kamgen.render.svg.chart_text import ChartText
from kamgen.render.svg.marks import attitude_icon, gap_label
from kamgen.render.svg.textfit import fit
from kamgen.render.svg.writer import El, document, el, num, rect, text

WIDTH = 1000
OURS_X, OURS_W, OURS_H, OURS_GAP = 12, 230, 38, 8
THEIRS_X, THEIRS_H, THEIRS_GAP = 530, 31, 5
THEIRS_W = WIDTH - THEIRS_X - 12
NAME_W = 230  # a client's name and title, left of the gap flag
FLAG_W = THEIRS_W - 40 - NAME_W - 10
HEAD = 24  # band heading
COLUMNS = 26  # "Our team" and "Client" over the columns
BAND_PAD = 8
UNKNOWN_LEVEL = "unknown"


@dataclass
class Band:
    level: str
    ours: list[str]
    theirs: list[Stakeholder]
    top: float = 0.0
    height: float = 0.0


def _our_people(account: Account) -> list[str]:
    """The account owner, then everyone who covers someone, in order of first appearance."""
    found = [account.owner]
    for s in account.stakeholders:
        if s.counterpart and s.counterpart not in found:
            found.append(s.counterpart)
    return found


def bands(ctx: ChartText, account: Account) -> list[Band]:
    ours = _our_people(account)

    def our_level(pid: str) -> str:
        person = ctx.team.get(pid)
        return person.level if person and person.level else UNKNOWN_LEVEL

    order = {pid: i for i, pid in enumerate(ours)}
    index = {s.id: i for i, s in enumerate(account.stakeholders)}

    def their_key(s: Stakeholder) -> tuple[int, int, int]:
        # Covered people line up with their counterpart (fewer crossing lines); gaps come first below.
        rank = order[s.counterpart] if s.counterpart else len(order) + (0 if ctx.is_gap(s) else 1)
        return (rank, -(s.influence or 0), index[s.id])

    out = []
    for level in (*LEVELS, UNKNOWN_LEVEL):
        mine = [pid for pid in ours if our_level(pid) == level]
        theirs = sorted((s for s in account.stakeholders if (s.level or UNKNOWN_LEVEL) == level), key=their_key)
        if level != UNKNOWN_LEVEL or mine or theirs:
            out.append(Band(level, mine, theirs))
    y = float(COLUMNS)
    for band in out:
        block = max(_block(len(band.ours), OURS_H, OURS_GAP), _block(len(band.theirs), THEIRS_H, THEIRS_GAP))
        band.top, band.height = y, HEAD + max(block, THEIRS_H) + 2 * BAND_PAD
        y += band.height + 8
    return out


def _block(count: int, height: float, gap: float) -> float:
    return count * (height + gap) - gap if count else 0.0


def _starts(band: Band, count: int, height: float, gap: float) -> float:
    """Top of a centred column of ``count`` chips inside ``band``."""
    inner = band.height - HEAD - 2 * BAND_PAD
    return band.top + HEAD + BAND_PAD + (inner - _block(max(count, 1), height, gap)) / 2


def _our_chip(ctx: ChartText, account: Account, pid: str, y: float) -> El:
    person = ctx.team.get(pid)
    name = ctx.person(pid) or pid
    role = person.title if person and person.title else ""
    if pid == account.owner:
        kam = ctx._("Key account manager")
        role = kam + (f" · {role}" if role and role.casefold() != kam.casefold() else "")
    return el(
        "g",
        el("title", f"{name}. {role}" if role else name),
        rect(OURS_X, y, OURS_W, OURS_H, "kg-chip kg-chip--ours", rx=5),
        text(OURS_X + 10, y + 16, fit(name, OURS_W - 20, 12, bold=True), "kg-t-name kg-t-name--small"),
        text(OURS_X + 10, y + 30, fit(role or ctx._("Title unknown"), OURS_W - 20, 10.5), "kg-t-small"),
        class_="kg-ours",
        data_person=pid,
    )


def _their_chip(ctx: ChartText, who: Stakeholder, y: float) -> El:
    gap = ctx.is_gap(who)
    right = THEIRS_X + THEIRS_W
    flag = None
    if gap:
        flag = text(
            right - 10, y + 25, gap_label(ctx._("Gap: nobody of ours covers"), FLAG_W, 10.5), "kg-t-gap", anchor="end"
        )
    elif who.counterpart is None:
        flag = text(
            right - 10, y + 25, fit(ctx._("No counterpart"), FLAG_W, 10.5), "kg-t-small kg-t-muted", anchor="end"
        )
    title = ", ".join(p for p in (who.title, who.department) if p) or ctx._("Title unknown")
    return el(
        "g",
        el("title", ctx.brief(who)),
        rect(THEIRS_X, y, THEIRS_W, THEIRS_H, "kg-chip" + (" kg-chip--gap" if gap else ""), rx=5),
        attitude_icon(ctx, who, THEIRS_X + 15, y + THEIRS_H / 2),
        text(THEIRS_X + 30, y + 13, fit(who.name, NAME_W, 12, bold=True), "kg-t-name kg-t-name--small"),
        text(THEIRS_X + 30, y + 25, fit(title, NAME_W if flag else THEIRS_W - 40, 10.5), "kg-t-small"),
        text(right - 10, y + 13, ctx.influence(who), "kg-t-dots", anchor="end"),
        flag,
        class_="kg-theirs" + (" kg-gap" if gap else ""),
        data_id=who.id,
    )


def comb_map(ctx: ChartText, account: Account) -> El | None:
    if not account.stakeholders:
        return None
    layout = bands(ctx, account)
    parts: list[El] = [
        text(OURS_X, 16, ctx._("Our team"), "kg-t-name kg-t-name--small"),
        text(THEIRS_X, 16, fit(account.name, THEIRS_W, 12, bold=True), "kg-t-name kg-t-name--small"),
    ]
    ours_y: dict[str, float] = {}
    theirs_y: dict[str, tuple[float, str]] = {}
    chips: list[El] = []
    for band in layout:
        covered = sum(1 for s in band.theirs if s.counterpart)
        name = ctx._("Level not recorded") if band.level == UNKNOWN_LEVEL else ctx.label(band.level)
        head = ctx._(
            "%(level)s · covered: %(covered)s of %(count)s", level=name, covered=covered, count=len(band.theirs)
        )
        parts.append(rect(0, band.top, WIDTH, band.height, "kg-band", rx=6))
        parts.append(text(12, band.top + 19, head, "kg-t-head"))
        y = _starts(band, len(band.ours), OURS_H, OURS_GAP)
        for pid in band.ours:
            ours_y[pid] = y + OURS_H / 2
            chips.append(_our_chip(ctx, account, pid, y))
            y += OURS_H + OURS_GAP
        if not band.ours:
            chips.append(rect(OURS_X, y, OURS_W, OURS_H, "kg-chip kg-chip--empty", rx=5))
            chips.append(text(OURS_X + 10, y + 23, ctx._("Nobody of ours at this level"), "kg-t-small kg-t-muted"))
        y = _starts(band, len(band.theirs), THEIRS_H, THEIRS_GAP)
        for who in band.theirs:
            theirs_y[who.id] = (y + THEIRS_H / 2, band.level)
            chips.append(_their_chip(ctx, who, y))
            y += THEIRS_H + THEIRS_GAP
        if not band.theirs:
            chips.append(text(THEIRS_X, y + 21, ctx._("Nobody recorded at this level"), "kg-t-small kg-t-muted"))
    our_level = {pid: band.level for band in layout for pid in band.ours}
    for who in account.stakeholders:
        if who.counterpart in ours_y:
            y1, (y2, level) = ours_y[who.counterpart], theirs_y[who.id]
            x1, x2 = OURS_X + OURS_W, THEIRS_X
            d = f"M{num(x1)},{num(y1)} C{num(x1 + 120)},{num(y1)} {num(x2 - 120)},{num(y2)} {num(x2)},{num(y2)}"
            same = our_level[who.counterpart] == level
            parts.append(el("path", d=d, class_="kg-cover" + ("" if same else " kg-cover--cross")))
    height = layout[-1].top + layout[-1].height
    covered = sum(1 for s in account.stakeholders if s.counterpart)
    gaps = [s.name for s in account.stakeholders if ctx.is_gap(s)]
    # Worded without a counted noun: "1 of 1 people" reads wrong, and a chart label has no plural forms.
    desc = ctx._("Covered by our team: %(covered)s of %(count)s.", covered=covered, count=len(account.stakeholders))
    if gaps:
        desc += " " + ctx._("Gaps: %(names)s.", names=", ".join(gaps))
    title = ctx._("Coverage of %(account)s by our team, level by level", account=account.name)
    return document("comb", account.id, (WIDTH, height), title, desc, *parts, *chips)
