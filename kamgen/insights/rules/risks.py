"""Risks: the risk register of an account is managed, not just written down."""

from __future__ import annotations

from collections.abc import Iterator

from kamgen.data.model import Account
from kamgen.i18n import N_
from kamgen.insights.rules.base import Colleagues, Context, Finding, check


@check("risk-unmanaged")
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


@check("at-risk-no-risk")
def at_risk_without_risks(account: Account, ctx: Context) -> Iterator[Finding]:
    if account.status == "at-risk" and not account.risks:
        yield Finding(N_("The account is marked at risk, and its risk list is empty"))


@check("risk-review-passed")
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
