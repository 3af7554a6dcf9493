"""Alerts: what in the dossiers needs someone's attention, why, and where the method says what to do.

The rules live in :mod:`kamgen.insights.rules`, one module per part of the
method, all of one shape. They read the portfolio insights.facts.collect() already
filtered for its audience, so an alert never reveals what the build leaves out.
"""

from __future__ import annotations

from kamgen.data.model import Account
from kamgen.insights.analysis import AccountFigures
from kamgen.insights.rules import RULES, RULES_BY_KIND
from kamgen.insights.rules.base import (
    SEVERITIES,
    Alert,
    Colleagues,
    Context,
    Label,
    Money,
    Rule,
    Severity,
    Value,
)

__all__ = [
    "RULES", "RULES_BY_KIND", "SEVERITIES", "Alert", "AlertMemo", "Colleagues", "Context", "Label",
    "Money", "Rule", "Severity", "Value", "account_alerts", "compute_alerts",
]  # fmt: skip

# A released client keeps only the promises still open; the relationship rules are moot.
ALWAYS: tuple[Rule, ...] = tuple(r for r in RULES if r.always)


def account_alerts(account: Account, ctx: Context) -> list[Alert]:
    rules = ALWAYS if account.status == "released" else RULES
    alerts = [alert for rule in rules for alert in rule(account, ctx)]
    return sorted(alerts, key=lambda a: a.level)  # stable: rule order within a severity


# account id → (account, its figures, the report year, its alerts): see compute_alerts.
AlertMemo = dict[str, tuple[Account, AccountFigures, "int | None", list[Alert]]]


def compute_alerts(ctx: Context, memo: AlertMemo | None = None) -> list[Alert]:
    """Every alert of the portfolio: most severe first, then the biggest account first.

    ``memo``: alerts of an earlier call with the same roster, day and settings,
    reused for the very same account with the same figures (``kamgen serve``).
    """
    known: AlertMemo = {} if memo is None else memo

    def of(account: Account) -> list[Alert]:
        figures, year = ctx.figures[account.id], ctx.figures.year
        hit = known.get(account.id)
        if hit is None or hit[0] is not account or hit[1] != figures or hit[2] != year:
            hit = known[account.id] = (account, figures, year, account_alerts(account, ctx))
        return hit[3]

    alerts = [alert for account in ctx.portfolio.accounts for alert in of(account)]
    return sorted(alerts, key=lambda a: (a.level, ctx.figures[a.account_id].rank))
