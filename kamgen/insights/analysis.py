"""Figures computed from the portfolio: Pareto (ABC) classes, shares, profitability."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from kamgen.data.load import Portfolio
from kamgen.data.model import Account

# Cumulative revenue share up to which accounts fall in class A, then B.
PARETO_A = 0.80
PARETO_B = 0.95


@dataclass(frozen=True)
class AccountFigures:
    revenue: float
    share: float
    cumulative_share: float
    pareto_class: str
    rank: int
    profit: float | None
    revenue_falling: bool
    revenue_recorded: bool = True
    """The dossier has a revenue entry for the report year (without one, revenue is unknown, not zero)."""

    @property
    def unprofitable(self) -> bool:
        return self.profit is not None and self.profit < 0


@dataclass(frozen=True)
class PortfolioFigures:
    year: int | None
    total_revenue: float
    accounts: dict[str, AccountFigures]

    def __getitem__(self, account_id: str) -> AccountFigures:
        return self.accounts[account_id]


def report_year(accounts: tuple[Account, ...]) -> int | None:
    years = [year for account in accounts for year in account.revenue]
    return max(years) if years else None


def revenue_falling(account: Account, years: int = 2) -> bool:
    """Revenue fell in each of the last ``years`` years recorded."""
    history = [account.revenue[y] for y in sorted(account.revenue)][-(years + 1) :]
    return len(history) == years + 1 and all(b < a for a, b in pairwise(history))


def pareto_classes(revenues: dict[str, float]) -> dict[str, tuple[str, float, int]]:
    """Class, cumulative share and rank per account, biggest first.

    An account is A while the accounts ranked above it make less than 80 % of the
    total (so the account that crosses 80 % is still A), B up to 95 %, C after;
    accounts with no revenue are always C.
    """
    total = sum(revenues.values())
    ranked = sorted(revenues, key=lambda k: (-revenues[k], k))
    out: dict[str, tuple[str, float, int]] = {}
    before = 0.0
    for rank, key in enumerate(ranked, start=1):
        share_before = before / total if total else 1.0
        before += revenues[key]
        if revenues[key] <= 0:
            cls = "C"
        elif share_before < PARETO_A:
            cls = "A"
        elif share_before < PARETO_B:
            cls = "B"
        else:
            cls = "C"
        out[key] = (cls, before / total if total else 0.0, rank)
    return out


def compute(portfolio: Portfolio) -> PortfolioFigures:
    year = report_year(portfolio.accounts)
    revenues = {a.id: (a.revenue.get(year, 0.0) if year else 0.0) for a in portfolio.accounts}
    total = sum(revenues.values())
    classes = pareto_classes(revenues)
    figures = {}
    for account in portfolio.accounts:
        revenue = revenues[account.id]
        cls, cumulative, rank = classes[account.id]
        recorded = year is not None and year in account.revenue
        figures[account.id] = AccountFigures(
            revenue=revenue,
            share=revenue / total if total else 0.0,
            cumulative_share=cumulative,
            pareto_class=cls,
            rank=rank,
            # A missing year is unknown, not a revenue of zero: no profit rather than a false loss.
            profit=None if account.cost_to_serve is None or not recorded else revenue - account.cost_to_serve,
            revenue_falling=revenue_falling(account),
            revenue_recorded=recorded,
        )
    return PortfolioFigures(year=year, total_revenue=total, accounts=figures)
