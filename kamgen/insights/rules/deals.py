"""Deals as mini-projects: each sale moves, has a dated next step, and gets its decision on time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from kamgen.data.model import OPEN_DEAL_STAGES, Account, Deal
from kamgen.i18n import N_
from kamgen.insights.rules.base import Colleagues, Context, Finding, Label, Money, Value, check, days_since


def open_deals(account: Account) -> Iterator[Deal]:
    return (deal for deal in account.deals if deal.stage in OPEN_DEAL_STAGES)


def stage_since(account: Account, deal: Deal, ctx: Context) -> date | None:
    """When the deal reached its stage: a move git saw, else the dossier's ``since``."""
    return ctx.stage_moves.get(account.id, {}).get(deal.what) or deal.since


def _values(deal: Deal, **more: Value) -> dict[str, Value]:
    value = Money(deal.value) if deal.value is not None else None
    return {"deal": deal.what, "value": value, "stage": Label(deal.stage), **more}


@check("stalled-deal")
def stalled_deals(account: Account, ctx: Context) -> Iterator[Finding]:
    for deal in open_deals(account):
        since = stage_since(account, deal, ctx)
        if deal.stage == "stalled":
            yield Finding(N_("%(deal)s (%(value)s) is marked stalled"), _values(deal), deal.owner)
        elif since is not None and days_since(since, ctx) > ctx.options.stalled_deal_days:
            message = N_("%(deal)s (%(value)s) has been at the %(stage)s stage since %(since)s: %(days)s days")
            yield Finding(message, _values(deal, since=since, days=days_since(since, ctx)), deal.owner)


@check("deal-next-step")
def deals_without_next_step(account: Account, ctx: Context) -> Iterator[Finding]:
    for deal in open_deals(account):
        owner = Colleagues((deal.owner or account.owner,))
        if not deal.next_step or deal.next_step_date is None:
            yield Finding(
                N_("%(deal)s: no next step with a date; owner: %(owner)s"), _values(deal, owner=owner), deal.owner
            )
        elif deal.next_step_date < ctx.today:
            message = N_("%(deal)s: the next step “%(step)s” was due %(due)s; owner: %(owner)s")
            values = _values(deal, step=deal.next_step, due=deal.next_step_date, owner=owner)
            yield Finding(message, values, deal.owner)


@check("deal-decision-overdue")
def overdue_decisions(account: Account, ctx: Context) -> Iterator[Finding]:
    for deal in open_deals(account):
        if deal.stage != "stalled" and deal.decision_due is not None and deal.decision_due < ctx.today:
            message = N_("%(deal)s (%(value)s): the client's decision was due %(due)s")
            yield Finding(message, _values(deal, due=deal.decision_due), deal.owner)
