"""The decision process as a strip: prepares → approves → signs → budgets."""

from __future__ import annotations

from kamgen.data.model import STEPS, Account, Stakeholder
from kamgen.i18n import N_
from kamgen.render.svg.chart_text import ChartText
from kamgen.render.svg.marks import attitude_icon, gap_label
from kamgen.render.svg.textfit import fit
from kamgen.render.svg.writer import El, document, el, num, rect, text

WIDTH = 1000
ARROW = 28  # room between steps for the arrow
HEAD = 48
ENTRY = 36
HINTS = {
    "prepares": N_("Prepares the decision"),
    "approves": N_("Agrees and approves it"),
    "signs": N_("Signs it off"),
    "budgets": N_("Puts the cost in the budget"),
}


def _people(account: Account, step: str) -> list[Stakeholder | str]:
    """The people of a step, in dossier order; an id the dossier does not know stays as the id."""
    out: list[Stakeholder | str] = []
    for entry in account.decision_process:
        if entry.step == step:
            for sid in entry.who:
                found = account.stakeholder(sid)
                person = found if found is not None else sid
                if person not in out:
                    out.append(person)
    return out


def _entry(ctx: ChartText, person: Stakeholder | str, x: float, y: float, room: float) -> El:
    if isinstance(person, str):
        return text(x, y + 16, fit(person, room, 12), "kg-t-name kg-t-name--small")
    gap = ctx.is_gap(person)
    inner = room - 20  # right of the attitude symbol
    second = gap_label(ctx._("Gap: nobody of ours"), inner, 10.5) if gap else (person.title or ctx._("Title unknown"))
    return el(
        "g",
        el("title", ctx.brief(person)),
        attitude_icon(ctx, person, x + 7, y + 12),
        text(x + 20, y + 16, fit(person.name, inner, 12, bold=True), "kg-t-name kg-t-name--small"),
        text(x + 20, y + 30, fit(second, inner, 10.5, bold=gap), "kg-t-gap" if gap else "kg-t-small"),
        class_="kg-mark",
        data_id=person.id,
    )


def decision_strip(ctx: ChartText, account: Account) -> El | None:
    if not account.stakeholders and not account.decision_process:
        return None
    box_w = (WIDTH - ARROW * (len(STEPS) - 1)) / len(STEPS)
    steps = {step: _people(account, step) for step in STEPS}
    height = HEAD + max(1, *(len(p) for p in steps.values())) * ENTRY + 14
    parts: list[El] = []
    for i, step in enumerate(STEPS):
        x = i * (box_w + ARROW)
        people = steps[step]
        parts.append(rect(x, 0, box_w, height, "kg-step" + ("" if people else " kg-step--unknown"), rx=6))
        parts.append(rect(x, 0, box_w, HEAD - 10, "kg-step__head", rx=6))
        parts.append(text(x + 12, 18, f"{i + 1}. {ctx.label(step)}", "kg-t-name"))
        parts.append(text(x + 12, 32, fit(ctx._(HINTS[step]), box_w - 24, 10.5), "kg-t-small"))
        for k, person in enumerate(people):
            parts.append(_entry(ctx, person, x + 10, HEAD + k * ENTRY, box_w - 20))
        if not people:
            parts.append(text(x + 12, HEAD + 16, ctx._("unknown"), "kg-t-sub kg-t-muted kg-t-italic"))
            parts.append(text(x + 12, HEAD + 30, fit(ctx._("Find out who"), box_w - 24, 10.5), "kg-t-small kg-t-muted"))
        if i < len(STEPS) - 1:
            ax = x + box_w + 6
            d = f"M{num(ax)},{num(10)} L{num(ax + ARROW - 12)},{num(19)} L{num(ax)},{num(28)} Z"
            parts.append(el("path", d=d, class_="kg-arrow"))
    named = [f"{ctx.label(step)}: {', '.join(_name(p) for p in steps[step]) or ctx._('unknown')}" for step in STEPS]
    desc = "; ".join(named) + "."
    title = ctx._("Decision process at %(account)s", account=account.name)
    return document("decision", account.id, (WIDTH, height), title, desc, *parts)


def _name(person: Stakeholder | str) -> str:
    return person if isinstance(person, str) else person.name
