"""Keeping the account running: regular coordination meetings and service problems resolved in time."""

from __future__ import annotations

from collections.abc import Iterator

from kamgen.data.model import Account
from kamgen.i18n import N_
from kamgen.insights.rules.base import Context, Finding, Label, check, days_since


@check("meeting-rhythm")
def meeting_rhythm(account: Account, ctx: Context) -> Iterator[Finding]:
    every: int | None = getattr(ctx.options.meeting_rhythm, account.tier) if account.tier else None
    if every is None:
        return
    last = max((m.date for m in account.meetings if m.date <= ctx.today), default=None)
    if last is None:
        yield Finding(N_("Tier %(tier)s: no meeting recorded; the rhythm is every %(every)s days"),
                      {"tier": account.tier, "every": every})  # fmt: skip
    elif days_since(last, ctx) > every:
        message = N_(
            "Tier %(tier)s: the last meeting was on %(last)s, %(days)s days ago; the rhythm is every %(every)s days"
        )
        yield Finding(message, {"tier": account.tier, "last": last, "days": days_since(last, ctx), "every": every})


@check("open-issue")
def open_issues(account: Account, ctx: Context) -> Iterator[Finding]:
    limit = ctx.options.service_level_days
    for issue in account.issues:
        if issue.resolved is None and days_since(issue.opened, ctx) > limit:
            message = N_(
                "%(kind)s: %(issue)s — open since %(opened)s, %(days)s days; the service level is %(limit)s days"
            )
            values = {"kind": Label(issue.kind), "issue": issue.issue, "opened": issue.opened,
                      "days": days_since(issue.opened, ctx), "limit": limit}  # fmt: skip
            yield Finding(message, values, issue.owner)
