"""The VIP programme: goals reached this round, contact updates that match the contacts, no monopoly."""

from __future__ import annotations

from collections.abc import Iterator

from kamgen.data.model import VIP_GOALS, Account
from kamgen.i18n import N_
from kamgen.insights.rules.base import Colleagues, Context, Finding, Label, check
from kamgen.insights.vip import IN_PROGRAMME_STATUSES, round_start


def _enrolled(account: Account) -> bool:
    return account.vip_program is not None and account.status in IN_PROGRAMME_STATUSES


@check("vip-goal-lapsed")
def lapsed_goals(account: Account, ctx: Context) -> Iterator[Finding]:
    if not _enrolled(account) or account.vip_program is None:
        return
    start = round_start(ctx.today, ctx.options.vip_round_days)
    goals = account.vip_program.goals
    lapsed = [(g, when) for g in VIP_GOALS if (when := getattr(goals, g)) is not None and when < start]
    if lapsed:
        message = N_("Reached before this round (last %(days)s days), so due again: %(goals)s")
        goal_labels = Label(*(g for g, _ in lapsed))
        yield Finding(message, {"days": ctx.options.vip_round_days, "goals": goal_labels}, account.vip_program.assignee)


@check("vip-contacts-unconfirmed")
def unconfirmed_contact_update(account: Account, ctx: Context) -> Iterator[Finding]:
    if not _enrolled(account) or account.vip_program is None:
        return
    updated = account.vip_program.goals.contacts_updated
    start = round_start(ctx.today, ctx.options.vip_round_days)
    if updated is None or updated < start:
        return  # not claimed this round: "VIP goals due again" says so
    silent = [s.name for s in account.stakeholders if s.last_contact is None or s.last_contact < start]
    if silent:
        message = N_("Contacts marked updated on %(updated)s, but not contacted this round: %(names)s")
        yield Finding(message, {"updated": updated, "names": ", ".join(silent)}, account.vip_program.assignee)


@check("vip-monopolised")
def monopolised(account: Account, ctx: Context) -> Iterator[Finding]:
    if not _enrolled(account) or account.vip_program is None:
        return
    assignee = account.vip_program.assignee
    ours = {s.counterpart for s in account.stakeholders}
    if assignee is not None and assignee == account.owner and ours == {assignee}:
        message = N_(
            "%(person)s owns the account, works it in the VIP programme and is every stakeholder's counterpart"
        )
        yield Finding(message, {"person": Colleagues((assignee,))}, ctx.vip_lead)
