"""Objectives: a goal past its due date, or behind the straight line from its start to its due date."""

from __future__ import annotations

from collections.abc import Iterator

from kamgen.data.model import Account, Objective
from kamgen.i18n import N_
from kamgen.insights.planning import Progress, progress
from kamgen.insights.rules.base import Context, Finding, Value, check


def _in_state(account: Account, ctx: Context, state: str) -> Iterator[tuple[Objective, Progress, int]]:
    """The account's objectives in ``state`` as of today, with their progress and the % reached."""
    for objective in account.objectives:
        p = progress(objective, ctx.today)
        if p.state == state:
            yield objective, p, round((p.ratio or 0) * 100)


@check("objective-overdue")
def overdue_objectives(account: Account, ctx: Context) -> Iterator[Finding]:
    for objective, _, reached in _in_state(account, ctx, "overdue"):
        values = {"objective": objective.objective, "due": objective.due, "reached": reached}
        yield Finding(N_("%(objective)s — due %(due)s, %(reached)s%% reached"), values, objective.owner)


@check("objective-behind")
def objectives_behind(account: Account, ctx: Context) -> Iterator[Finding]:
    message = N_("%(objective)s — %(reached)s%% reached, %(expected)s%% expected by now")
    for objective, p, reached in _in_state(account, ctx, "at-risk"):
        values: dict[str, Value] = {
            "objective": objective.objective, "reached": reached, "expected": round((p.expected or 0) * 100)
        }  # fmt: skip
        yield Finding(message, values, objective.owner)
