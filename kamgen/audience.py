"""What each audience may see: the one place confidential data is removed.

The filter runs before anything is rendered, so no page, search index, chart
or total can include what it drops.
"""

from __future__ import annotations

from kamgen.config import Audience
from kamgen.load import Portfolio
from kamgen.model import Account


def _internal_view(account: Account) -> Account:
    stakeholders = [s.model_copy(update={"contact": None}) for s in account.stakeholders]
    return account.model_copy(update={"stakeholders": stakeholders, "private": None})


def for_audience(portfolio: Portfolio, audience: Audience) -> Portfolio:
    """The portfolio as ``audience`` may see it (``restricted`` sees everything)."""
    if audience == "restricted":
        return portfolio
    visible = tuple(_internal_view(a) for a in portfolio.accounts if a.visibility != "restricted")
    return Portfolio(team=portfolio.team, accounts=visible, warnings=portfolio.warnings)
