"""Where we are going with a client, and how far we got: objectives, whitespace, attractiveness.

:class:`Planning` gathers them, with health and trends, once per generation from
the audience's portfolio and the git log (kamgen/render/planning_helpers.py words and
draws them for the templates).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from kamgen.config import KamgenOptions, Offering
from kamgen.data.history import Log
from kamgen.data.load import Portfolio
from kamgen.data.model import Account, Objective, WhitespaceCell
from kamgen.insights.analysis import AccountFigures, PortfolioFigures
from kamgen.insights.health import Health, Inputs, health
from kamgen.insights.trends import Trend, trend
from kamgen.util.parallel import fork_map

ObjectiveState = Literal["achieved", "on-track", "at-risk", "overdue", "unmeasured"]
OBJECTIVE_STATES: tuple[ObjectiveState, ...] = ("achieved", "on-track", "at-risk", "overdue", "unmeasured")
# Behind the straight line from start to due by more than this share of the way: at risk.
BEHIND_BY = 0.05
# Accounts from which old versions are scored on all cores.
PARALLEL_FROM = 100
# Trends memo for `kamgen serve`: account id → (the account object, its trend).
TrendMemo = dict[str, tuple[Account, Trend]]


@dataclass(frozen=True)
class Progress:
    objective: Objective
    ratio: float | None
    """Share of the way from baseline to target, 0..1; None without baseline, target and current."""
    expected: float | None
    """Where the straight line from ``start`` to ``due`` says it should be today."""
    state: ObjectiveState


def progress(objective: Objective, today: date) -> Progress:
    o = objective
    ratio: float | None = None
    if o.baseline is not None and o.target is not None and o.current is not None:
        span = o.target - o.baseline
        reached = (o.current - o.baseline) / span if span else float(o.current == o.target)
        ratio = min(1.0, max(0.0, reached))
    expected: float | None = None
    if o.start is not None and o.due is not None and o.due > o.start:
        expected = min(1.0, max(0.0, (today - o.start).days / (o.due - o.start).days))
    state: ObjectiveState
    if ratio is not None and ratio >= 1:
        state = "achieved"
    elif o.due is not None and o.due < today:
        state = "overdue"
    elif ratio is None:
        state = "unmeasured"
    elif expected is not None and ratio < expected - BEHIND_BY:
        state = "at-risk"
    else:
        state = "on-track"
    return Progress(o, ratio, expected, state)


def objectives_by_owner(accounts: Iterable[Account], today: date) -> dict[str, dict[str, int]]:
    """Owner (an objective's owner, else the account's) → count per state, for the portfolio roll-up."""
    out: dict[str, dict[str, int]] = {}
    for account in accounts:
        for objective in account.objectives:
            counts = out.setdefault(objective.owner or account.owner, dict.fromkeys(OBJECTIVE_STATES, 0))
            counts[progress(objective, today).state] += 1
    return out


@dataclass(frozen=True)
class Whitespace:
    """Offerings (rows) × the client's business units (columns), with open opportunity value."""

    offerings: tuple[tuple[str, str], ...]  # (id, name)
    units: tuple[str, ...]
    cells: Mapping[tuple[str, str], WhitespaceCell]
    row_value: Mapping[str, float]
    column_value: Mapping[str, float]
    total: float


def whitespace(account: Account, catalogue: Sequence[Offering]) -> Whitespace | None:
    """The map of ``account``; rows are every catalogue offering, then any other the dossier names."""
    if not account.whitespace:
        return None
    names = {o.id: o.name for o in catalogue}
    used = [c.offering for c in account.whitespace if c.offering not in names]
    offerings = tuple((o.id, o.name) for o in catalogue) + tuple((o, o) for o in dict.fromkeys(used))
    units = tuple(dict.fromkeys([*(c.unit for c in account.whitespace), *(n.unit for n in account.needs if n.unit)]))
    cells = {(c.offering, c.unit): c for c in account.whitespace}
    rows = {o: 0.0 for o, _ in offerings}
    columns = dict.fromkeys(units, 0.0)
    for (offering, unit), cell in cells.items():
        if cell.status == "opportunity" and cell.value:
            rows[offering] += cell.value
            columns[unit] += cell.value
    return Whitespace(offerings, units, cells, rows, columns, sum(rows.values()))


def opportunity_by_offering(accounts: Iterable[Account], catalogue: Sequence[Offering]) -> list[tuple[str, int, float]]:
    """(offering name, open opportunities, their value) across the portfolio, largest value first."""
    names = {o.id: o.name for o in catalogue}
    found: dict[str, list[float]] = {}
    for account in accounts:
        for cell in account.whitespace:
            if cell.status == "opportunity":
                found.setdefault(cell.offering, []).append(cell.value or 0.0)
    rows = [(names.get(key, key), len(values), sum(values)) for key, values in found.items()]
    return sorted(rows, key=lambda row: (-row[2], row[0]))


@dataclass(frozen=True)
class Placement:
    """An account on the growth grid: attractiveness and health, both 0..100."""

    account: Account
    attractiveness: float
    health: int
    share_of_wallet: float


def attractiveness(
    accounts: Sequence[Account], figures: Mapping[str, AccountFigures], health: Mapping[str, int]
) -> list[Placement]:
    """Accounts with a recorded potential, placed by attractiveness × health.

    Attractiveness weighs the size of the prize (potential against the largest in
    the portfolio, 60 %) and the room left in it (1 − our share of wallet, 40 %):
    a big client where we sell little is the most attractive.
    """
    placed = [a for a in accounts if a.potential]
    largest = max((a.potential or 0.0 for a in placed), default=0.0)
    out = []
    for account in placed:
        potential = account.potential or 0.0
        wallet = min(1.0, figures[account.id].revenue / potential)
        score = 100 * (0.6 * potential / largest + 0.4 * (1 - wallet))
        out.append(Placement(account, round(score, 1), health[account.id], wallet))
    return out


@dataclass
class Planning:
    """Every planning fact of one generation."""

    health: dict[str, Health]
    trends: dict[str, Trend]
    history_available: bool
    """False without a full git history, when the plan says so (never when the history option is off)."""
    placements: list[Placement]
    whitespace: dict[str, Whitespace]
    by_owner: dict[str, dict[str, int]]
    by_offering: list[tuple[str, int, float]]
    today: date
    memo: TrendMemo = field(default_factory=dict)

    @classmethod
    def compute(
        cls,
        portfolio: Portfolio,
        figures: PortfolioFigures,
        options: KamgenOptions,
        today: date,
        log: Log,
        memo: TrendMemo,
    ) -> Planning:
        inputs = Inputs(portfolio.team, today, options.stale_after_days, options.health_weights)
        accounts = portfolio.accounts
        scores = {a.id: health(a, inputs) for a in accounts}
        trends: dict[str, Trend] = {}
        if log.available:
            # Each old version is parsed and validated like a dossier: on all cores for a large portfolio.
            todo = [a for a in accounts if (hit := memo.get(a.id)) is None or hit[0] is not a]
            done = fork_map(
                lambda a: trend(log.versions.get(a.id, ()), a, inputs, today), todo, parallel_from=PARALLEL_FROM
            )
            memo.update({a.id: (a, t) for a, t in zip(todo, done, strict=True)})
            trends = {a.id: memo[a.id][1] for a in accounts}
        maps = {a.id: ws for a in accounts if (ws := whitespace(a, options.offerings)) is not None}
        return cls(
            health=scores,
            trends=trends,
            history_available=log.available or not options.history,
            placements=attractiveness(accounts, figures.accounts, {k: v.score for k, v in scores.items()}),
            whitespace=maps,
            by_owner=objectives_by_owner(accounts, today),
            by_offering=opportunity_by_offering(accounts, options.offerings),
            today=today,
            memo=memo,
        )

    def progress(self, objective: Objective) -> Progress:
        return progress(objective, self.today)
