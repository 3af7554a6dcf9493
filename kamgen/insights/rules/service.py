"""Keeping the account running: regular coordination meetings and service problems resolved in time."""

from __future__ import annotations

from collections.abc import Iterator

from kamgen.data.model import Account
from kamgen.i18n import N_
from kamgen.insights.rules.base import Context, Finding, Label, days_since, rule


@rule(
    "meeting-rhythm",
    "medium",
    title=N_("No coordination meeting"),
    why=N_("A key account is a team's project: short regular meetings keep everyone's work and promises in step."),
    playbook="playbooks/coordination.md#short-regular-meetings",
    section=N_("Short regular meetings"),
)
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


@rule(
    "open-issue",
    "high",
    title=N_("Problem open past the service level"),
    why=N_("Small problems left open spoil the relationship: react fast to requests, problems and complaints."),
    playbook="playbooks/five-ways.md#service-levels",
    section=N_("Service levels"),
)
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
