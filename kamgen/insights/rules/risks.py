"""Risks: the risk register of an account is managed, not just written down."""

from __future__ import annotations

from collections.abc import Iterator

from kamgen.data.model import Account
from kamgen.i18n import N_
from kamgen.insights.rules.base import Colleagues, Context, Finding, rule

PLAYBOOK, SECTION = "playbooks/coordination.md#risk-register", N_("The risk register")


@rule(
    "risk-unmanaged",
    "high",
    title=N_("Serious risk without owner or mitigation"),
    why=N_("A risk nobody owns, or nobody knows how to reduce, is only a prediction of how we lose the client."),
    playbook=PLAYBOOK,
    section=SECTION,
)
def unmanaged_risks(account: Account, ctx: Context) -> Iterator[Finding]:
    for risk in account.risks:
        serious = "high" in (risk.likelihood, risk.impact)
        if serious and (risk.owner is None or not risk.mitigation):
            missing = N_("%(risk)s — rated high, with no owner and no mitigation")
            if risk.owner is None and risk.mitigation:
                missing = N_("%(risk)s — rated high, with no owner")
            elif risk.owner is not None:
                missing = N_("%(risk)s — rated high, with no mitigation; owner: %(owner)s")
            yield Finding(
                missing, {"risk": risk.risk, "owner": Colleagues((risk.owner,) if risk.owner else ())}, risk.owner
            )


@rule(
    "at-risk-no-risk",
    "high",
    title=N_("At risk, but no risk recorded"),
    why=N_("If the account is at risk, the team must say of what: only a named risk gets an owner and a plan."),
    playbook=PLAYBOOK,
    section=SECTION,
)
def at_risk_without_risks(account: Account, ctx: Context) -> Iterator[Finding]:
    if account.status == "at-risk" and not account.risks:
        yield Finding(N_("The account is marked at risk, and its risk list is empty"))


@rule(
    "risk-review-passed",
    "medium",
    title=N_("Risk review date passed"),
    why=N_("A risk looked at once and never again is no longer managed: the situation has moved on."),
    playbook=PLAYBOOK,
    section=SECTION,
)
def risk_reviews(account: Account, ctx: Context) -> Iterator[Finding]:
    for risk in account.risks:
        if risk.review is not None and risk.review < ctx.today:
            message = N_("%(risk)s — to be reviewed by %(review)s; owner: %(owner)s")
            values = {
                "risk": risk.risk,
                "review": risk.review,
                "owner": Colleagues((risk.owner,) if risk.owner else ()),
            }
            yield Finding(message, values, risk.owner)
