"""Pareto classes, shares and revenue trends computed from the dossiers."""

from __future__ import annotations

import pytest

from kamgen.data.model import Account
from kamgen.insights.analysis import pareto_classes, revenue_falling


def classes(revenues: dict[str, float]) -> dict[str, str]:
    return {key: value[0] for key, value in pareto_classes(revenues).items()}


def test_top_accounts_making_80_percent_are_class_a() -> None:
    revenues = {"a": 500, "b": 300, "c": 100, "d": 60, "e": 40}
    # a: 0 % before it, b: 50 % before → A; c: 80 % before → B; d: 90 % → B; e: 96 % → C
    assert classes(revenues) == {"a": "A", "b": "A", "c": "B", "d": "B", "e": "C"}


def test_account_crossing_the_threshold_is_still_class_a() -> None:
    assert classes({"a": 70, "b": 20, "c": 10}) == {"a": "A", "b": "A", "c": "B"}


def test_zero_revenue_is_always_class_c_and_ranks_last() -> None:
    result = pareto_classes({"idle": 0, "big": 100})
    assert result["idle"] == ("C", 1.0, 2)
    assert result["big"] == ("A", 1.0, 1)


def test_empty_portfolio_has_no_classes() -> None:
    assert pareto_classes({}) == {}


def test_ties_rank_by_id_so_builds_are_reproducible() -> None:
    result = pareto_classes({"zeta": 10, "alpha": 10})
    assert result["alpha"][2] == 1
    assert result["zeta"][2] == 2


@pytest.mark.parametrize(
    ("revenue", "falling"),
    [
        ({2023: 980, 2024: 870, 2025: 760}, True),
        ({2023: 980, 2024: 870, 2025: 900}, False),
        ({2024: 870, 2025: 760}, False),  # one fall is not a trend
        ({2022: 500, 2023: 980, 2024: 870, 2025: 760}, True),
        ({}, False),
    ],
)
def test_revenue_falling_two_years_running(revenue: dict[int, float], falling: bool) -> None:
    account = Account(name="X", owner="o", revenue=revenue)
    assert revenue_falling(account) is falling
