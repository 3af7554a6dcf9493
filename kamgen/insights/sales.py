"""The portfolio's deals by stage and owner, and its retention: revenue lost and revenue at risk."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kamgen.data.load import Portfolio
from kamgen.data.model import OPEN_DEAL_STAGES, Account, DealStage
from kamgen.insights.analysis import PortfolioFigures


@dataclass(frozen=True)
class Cell:
    count: int = 0
    value: float = 0.0

    def add(self, value: float | None) -> Cell:
        return Cell(self.count + 1, self.value + (value or 0.0))


@dataclass(frozen=True)
class Pipeline:
    """Open deals: for each owner (a team.yaml id) the count and value per stage, and the totals."""

    stages: tuple[DealStage, ...]
    rows: tuple[tuple[str, dict[DealStage, Cell], Cell], ...]
    totals: dict[DealStage, Cell]
    total: Cell


def pipeline(portfolio: Portfolio) -> Pipeline:
    cells: dict[str, dict[DealStage, Cell]] = {}
    for account in portfolio.accounts:
        for deal in account.deals:
            if deal.stage in OPEN_DEAL_STAGES:
                row = cells.setdefault(deal.owner or account.owner, {})
                row[deal.stage] = row.get(deal.stage, Cell()).add(deal.value)
    team = portfolio.team
    owners = sorted(cells, key=lambda p: (p not in team, team[p].name if p in team else p))
    totals = {stage: _sum(cells[p].get(stage, Cell()) for p in owners) for stage in OPEN_DEAL_STAGES}
    rows = tuple((p, cells[p], _sum(cells[p].values())) for p in owners)
    return Pipeline(OPEN_DEAL_STAGES, rows, totals, _sum(totals.values()))


def _sum(cells: Iterable[Cell]) -> Cell:
    found = list(cells)
    return Cell(sum(c.count for c in found), sum(c.value for c in found))


@dataclass(frozen=True)
class Retention:
    """What the portfolio lost and what it may lose next (the VIP programme exists to keep it)."""

    released: float
    """The last recorded yearly revenue of released clients."""
    falling: float
    """Revenue lost in the report year by clients whose revenue falls."""
    at_risk: float
    """Report-year revenue of clients at risk or hunted by a high-threat competitor."""
    lost_accounts: tuple[Account, ...]
    risky_accounts: tuple[Account, ...]

    @property
    def lost(self) -> float:
        return self.released + self.falling


def retention(portfolio: Portfolio, figures: PortfolioFigures) -> Retention:
    released = [a for a in portfolio.accounts if a.status == "released" and _last_revenue(a)]
    falling = [a for a in portfolio.accounts if a.status != "released" and _drop(a, figures.year) > 0]
    risky = [
        a for a in portfolio.accounts
        if a.status == "at-risk" or (a.status != "released" and any(c.threat == "high" for c in a.competitors))
    ]  # fmt: skip
    return Retention(
        released=sum(_last_revenue(a) for a in released),
        falling=sum(_drop(a, figures.year) for a in falling),
        at_risk=sum(figures[a.id].revenue for a in risky),
        lost_accounts=tuple(released + falling),
        risky_accounts=tuple(risky),
    )


def _last_revenue(account: Account) -> float:
    """The last yearly revenue above zero: what a released client used to bring."""
    return next((account.revenue[y] for y in sorted(account.revenue, reverse=True) if account.revenue[y] > 0), 0.0)


def _drop(account: Account, year: int | None) -> float:
    """Revenue lost against the year before, in the report year (0 when it grew or is not recorded)."""
    if year is None or year not in account.revenue or year - 1 not in account.revenue:
        return 0.0
    return max(account.revenue[year - 1] - account.revenue[year], 0.0)
