"""Promises: open actions and meeting follow-ups past their due date (kept for released clients too)."""

from __future__ import annotations

from collections.abc import Iterator

from kamgen.data.model import Account, Action
from kamgen.i18n import N_
from kamgen.insights.rules.base import Colleagues, Context, Finding, Value, check


def _overdue(action: Action, ctx: Context) -> bool:
    return action.status == "open" and action.due is not None and action.due < ctx.today


def _finding(action: Action, message: str, **more: Value) -> Finding:
    owner = Colleagues((action.owner,) if action.owner else ())
    return Finding(message, {"action": action.action, "due": action.due, "owner": owner, **more}, action.owner)


@check("overdue-action")
def overdue_actions(account: Account, ctx: Context) -> Iterator[Finding]:
    for action in account.actions:
        if _overdue(action, ctx):
            yield _finding(action, N_("%(action)s — due %(due)s; owner: %(owner)s"))


@check("overdue-follow-up")
def overdue_follow_ups(account: Account, ctx: Context) -> Iterator[Finding]:
    for meeting in account.meetings:
        for action in meeting.follow_ups:
            if _overdue(action, ctx):
                message = N_("%(action)s — agreed at the meeting of %(meeting)s, due %(due)s; owner: %(owner)s")
                yield _finding(action, message, meeting=meeting.date)
