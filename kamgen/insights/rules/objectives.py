"""Objectives: a goal past its due date, or behind the straight line from its start to its due date."""

from __future__ import annotations

from collections.abc import Iterator

from kamgen.data.model import Account
from kamgen.i18n import N_
from kamgen.insights.planning import progress
from kamgen.insights.rules.base import Context, Finding, rule

OBJECTIVES, OBJECTIVES_SECTION = "playbooks/account-planning.md#objectives", N_("Objectives")
REPLAN = N_("An objective nobody re-plans becomes a wish: agree the next step or change the target.")


@rule(
    "objective-overdue", "high", title=N_("Objective past due"), why=REPLAN, playbook=OBJECTIVES,
    section=OBJECTIVES_SECTION,
)  # fmt: skip
def overdue_objectives(account: Account, ctx: Context) -> Iterator[Finding]:
    for objective in account.objectives:
        p = progress(objective, ctx.today)
        if p.state == "overdue":
            values = {"objective": objective.objective, "due": objective.due, "reached": round((p.ratio or 0) * 100)}
            yield Finding(N_("%(objective)s — due %(due)s, %(reached)s%% reached"), values, objective.owner)


@rule(
    "objective-behind", "medium", title=N_("Objective behind plan"), why=REPLAN, playbook=OBJECTIVES,
    section=OBJECTIVES_SECTION,
)  # fmt: skip
def objectives_behind(account: Account, ctx: Context) -> Iterator[Finding]:
    for objective in account.objectives:
        p = progress(objective, ctx.today)
        if p.state == "at-risk":
            message = N_("%(objective)s — %(reached)s%% reached, %(expected)s%% expected by now")
            values = {"objective": objective.objective, "reached": round((p.ratio or 0) * 100),
                      "expected": round((p.expected or 0) * 100)}  # fmt: skip
            yield Finding(message, values, objective.owner)
