"""The health score: the method's checklist for one account made a number from 0 to 100.

Each component is a ratio from 0 to 1 of one thing the method asks for (the
comb covered, decision makers won over, contacts fresh, the decision process
known, revenue growing, a margin after cost to serve, promises kept, VIP care
for tier A). What the dossier does not record counts as not done: knowing the
client is part of the health. A component that cannot apply (no revenue yet,
VIP care for a tier B client) is left out and the others are scaled to 100.

The score depends only on the dossier, the team's levels, the weights and
``today``, so it is the same for a given ``--today`` and the same dossier; a
trend recomputes it for each old version at the date of its commit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from kamgen.config import HealthWeights
from kamgen.data.model import LEVELS, STEPS, Account, Person, Stakeholder

# Roles whose relationship with us decides the deal (with everyone of influence 4 or 5).
DECIDING_ROLES = frozenset({"decision-maker", "approver", "budget-holder"})
DECIDING_INFLUENCE = 4
# Revenue trend: -10 % or worse scores 0, flat 0.5, +10 % or better 1.
TREND_SPAN = 0.2
# Profitability: a margin after cost to serve of 30 % or more scores 1, none or a loss 0.
GOOD_MARGIN = 0.3

# Component → the playbook section that explains what to do about it.
PLAYBOOK: dict[str, str] = {
    "coverage": "playbooks/comb-principle.md#gaps",
    "relationships": "playbooks/five-ways.md",
    "freshness": "playbooks/comb-principle.md#staying-in-touch",
    "decision_process": "playbooks/decision-process.md#who-decides",
    "revenue_trend": "playbooks/key-clients.md#revenue-trend",
    "profitability": "playbooks/key-clients.md#profitability-check",
    "actions": "playbooks/coordination.md#overdue-actions",
    "vip": "playbooks/vip-programme.md#the-seven-goals",
}
COMPONENTS: tuple[str, ...] = tuple(PLAYBOOK)


@dataclass(frozen=True)
class Component:
    key: str
    ratio: float | None
    """0..1 of what the method asks; None: does not apply to this account."""
    found: float = 0
    """The measure behind the ratio (levels covered, average relationship, …): see ``of``."""
    of: float = 0
    points: float = 0.0
    max_points: float = 0.0


@dataclass(frozen=True)
class Health:
    score: int
    components: tuple[Component, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Inputs:
    team: Mapping[str, Person]
    today: date
    stale_after_days: int = 180
    weights: HealthWeights = field(default_factory=HealthWeights)


def _share(found: float, of: float) -> Component:
    return Component("", found / of if of else 0.0, found, of)


def coverage(account: Account, inputs: Inputs) -> Component:
    """Levels present at the client that someone of ours at the same level covers."""
    present = [level for level in LEVELS if any(s.level == level for s in account.stakeholders)]
    covered = [
        level
        for level in present
        if any(
            s.level == level and s.counterpart in inputs.team and inputs.team[s.counterpart].level == level
            for s in account.stakeholders
        )
    ]
    return _share(len(covered), len(present))


def deciders(account: Account) -> list[Stakeholder]:
    return [
        s
        for s in account.stakeholders
        if DECIDING_ROLES.intersection(s.roles) or (s.influence or 0) >= DECIDING_INFLUENCE
    ]


def relationships(account: Account, inputs: Inputs) -> Component:
    """Average strength (1..5) of our relationship with the people who decide; unknown counts as 0."""
    people = deciders(account)
    average = sum(s.relationship or 0 for s in people) / len(people) if people else 0.0
    return Component("", average / 5, round(average, 1), 5)


def freshness(account: Account, inputs: Inputs) -> Component:
    fresh = [
        s
        for s in account.stakeholders
        if s.last_contact is not None and (inputs.today - s.last_contact).days <= inputs.stale_after_days
    ]
    return _share(len(fresh), len(account.stakeholders))


def decision_process(account: Account, inputs: Inputs) -> Component:
    known = {step.step for step in account.decision_process if step.who}
    return _share(len(known), len(STEPS))


def revenue_trend(account: Account, inputs: Inputs) -> Component:
    """Last recorded year against the one before; without two years there is no trend."""
    years = sorted(account.revenue)[-2:]
    if len(years) < 2:
        return Component("", None)
    before, now = account.revenue[years[0]], account.revenue[years[1]]
    change = (now - before) / before if before else (1.0 if now else 0.0)
    return Component("", min(1.0, max(0.0, 0.5 + change / TREND_SPAN)), round(change * 100), 100)


def profitability(account: Account, inputs: Inputs) -> Component:
    """Margin after cost to serve in the last recorded year; an unrecorded cost counts as none known."""
    if not account.revenue:
        return Component("", None)
    revenue = account.revenue[max(account.revenue)]
    if account.cost_to_serve is None or revenue <= 0:
        return Component("", 0.0)
    margin = (revenue - account.cost_to_serve) / revenue
    return Component("", min(1.0, max(0.0, margin / GOOD_MARGIN)), round(margin * 100), 100)


def actions(account: Account, inputs: Inputs) -> Component:
    """Open actions (and meeting follow-ups) not past their due date; none open is a clean slate."""
    open_ = [a for a in [*account.actions, *(f for m in account.meetings for f in m.follow_ups)] if a.status == "open"]
    if not open_:
        return Component("", 1.0)
    on_time = [a for a in open_ if a.due is None or a.due >= inputs.today]
    return _share(len(on_time), len(open_))


def vip(account: Account, inputs: Inputs) -> Component:
    """A tier A client belongs in the VIP programme; the component does not apply to others."""
    if account.tier != "A":
        return Component("", None)
    return Component("", 1.0 if account.vip_program is not None else 0.0)


RULES: dict[str, Callable[[Account, Inputs], Component]] = {
    "coverage": coverage,
    "relationships": relationships,
    "freshness": freshness,
    "decision_process": decision_process,
    "revenue_trend": revenue_trend,
    "profitability": profitability,
    "actions": actions,
    "vip": vip,
}


def health(account: Account, inputs: Inputs) -> Health:
    """The score and its components, with points scaled so the applicable ones add up to 100."""
    weights = inputs.weights.model_dump()
    raw = {key: rule(account, inputs) for key, rule in RULES.items()}
    total = sum(weights[key] for key, c in raw.items() if c.ratio is not None)
    parts: list[Component] = []
    for key, c in raw.items():
        top = 100 * weights[key] / total if c.ratio is not None and total else 0.0
        points = top * (c.ratio or 0.0)
        parts.append(Component(key, c.ratio, c.found, c.of, round(points, 1), round(top, 1)))
    # Rounded from the exact sum, not from the rounded parts: the same dossier always gives the same score.
    exact = sum(100 * weights[p.key] / total * (p.ratio or 0.0) for p in parts if p.ratio is not None and total)
    return Health(round(exact), tuple(parts))
