"""What each audience may see: the one place confidential data is removed.

The filter runs before anything is rendered, so no page, search index, chart
or total can include what it drops.
"""

from __future__ import annotations

from kamgen.config import Audience
from kamgen.data.load import Portfolio
from kamgen.data.model import Account


def _internal_view(account: Account) -> Account:
    stakeholders = [s.model_copy(update={"contact": None}) for s in account.stakeholders]
    return account.model_copy(update={"stakeholders": stakeholders, "private": None})


def for_audience(
    portfolio: Portfolio, audience: Audience, views: dict[str, tuple[Account, Account]] | None = None
) -> Portfolio:
    """The portfolio as ``audience`` may see it (``restricted`` sees everything).

    ``views``: account id → (account, its view) from an earlier call, reused
    for the very same account object (``kamgen serve`` filters on every save).
    """
    if audience == "restricted":
        return portfolio
    memo: dict[str, tuple[Account, Account]] = {} if views is None else views

    def view(account: Account) -> Account:
        known = memo.get(account.id)
        if known is None or known[0] is not account:
            known = memo[account.id] = (account, _internal_view(account))
        return known[1]

    visible = tuple(view(a) for a in portfolio.accounts if a.visibility != "restricted")
    return Portfolio(team=portfolio.team, accounts=visible, warnings=portfolio.warnings)
