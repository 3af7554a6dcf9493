"""The health score (issue 18): each component from a small dossier, the weights, and determinism."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kamgen.config import HealthWeights
from kamgen.data.model import Account, Person
from kamgen.insights.health import Inputs, health

TODAY = date(2026, 11, 22)
TEAM = {
    "olena": Person(id="olena", name="Olena", level="executive"),
    "andriy": Person(id="andriy", name="Andriy", level="manager"),
}


def account(**fields: Any) -> Account:
    return Account.model_validate({"id": "acme", "name": "Acme", "owner": "olena", **fields})


def person(pid: str, **fields: Any) -> dict[str, Any]:
    return {"id": pid, "name": pid.title(), **fields}


def ratios(a: Account, **inputs: Any) -> dict[str, float | None]:
    return {c.key: c.ratio for c in health(a, Inputs(TEAM, TODAY, **inputs)).components}


@pytest.mark.parametrize(
    ("fields", "key", "expected"),
    [
        # The comb: executive covered by an executive, manager level covered only by an executive.
        (
            {
                "stakeholders": [
                    person("ceo", level="executive", counterpart="olena"),
                    person("cfo", level="manager", counterpart="olena"),
                ]
            },
            "coverage",
            0.5,
        ),
        ({"stakeholders": []}, "coverage", 0.0),
        # Relationships of the people who decide (roles or influence 4+); unknown counts as 0.
        (
            {
                "stakeholders": [
                    person("ceo", roles=["decision-maker"], relationship=4),
                    person("cfo", influence=5),
                    person("user", relationship=1),
                ]
            },
            "relationships",
            0.4,
        ),
        # Freshness: contacted within stale_after_days (180).
        (
            {
                "stakeholders": [
                    person("a", last_contact="2026-10-01"),
                    person("b", last_contact="2025-01-01"),
                    person("c"),
                ]
            },
            "freshness",
            1 / 3,
        ),
        (
            {
                "decision_process": [{"step": "prepares", "who": ["x"]}, {"step": "signs", "who": []}],
                "stakeholders": [person("x")],
            },
            "decision_process",
            0.25,
        ),
        # Revenue trend: +10 % or more is 1, flat 0.5, -10 % or worse 0; one year is no trend.
        ({"revenue": {2024: 100, 2025: 110}}, "revenue_trend", 1.0),
        ({"revenue": {2024: 100, 2025: 100}}, "revenue_trend", 0.5),
        ({"revenue": {2024: 100, 2025: 95}}, "revenue_trend", 0.25),
        ({"revenue": {2025: 100}}, "revenue_trend", None),
        # Profitability: 30 % margin or more is 1; unknown cost is 0; no revenue at all: does not apply.
        ({"revenue": {2025: 100}, "cost_to_serve": 85}, "profitability", 0.5),
        ({"revenue": {2025: 100}}, "profitability", 0.0),
        ({}, "profitability", None),
        # Actions: open ones not past due (meeting follow-ups count too); none open is a clean slate.
        (
            {
                "actions": [
                    {"action": "a", "due": "2026-11-01"},
                    {"action": "b", "due": "2026-12-01"},
                    {"action": "c", "due": "2026-01-01", "status": "done"},
                ]
            },
            "actions",
            0.5,
        ),
        ({}, "actions", 1.0),
        ({"tier": "A"}, "vip", 0.0),
        ({"tier": "A", "vip_program": {"assignee": "olena"}}, "vip", 1.0),
        ({"tier": "B"}, "vip", None),
    ],
)
def test_components(fields: dict[str, Any], key: str, expected: float | None) -> None:
    found = ratios(account(**fields))[key]
    assert found == pytest.approx(expected) if expected is not None else found is None


def test_points_scale_to_100_over_the_components_that_apply() -> None:
    a = account(tier="B", revenue={2025: 100}, cost_to_serve=50)  # no trend, no VIP: 85 points apply
    result = health(a, Inputs(TEAM, TODAY))
    applicable = [c for c in result.components if c.ratio is not None]
    assert sum(c.max_points for c in applicable) == pytest.approx(100, abs=0.2)
    # Profitability 1.0 (50 % margin) and actions 1.0 (none open): (10 + 10) of 85 weight points.
    assert result.score == round(100 * 20 / 85)


def test_weights_come_from_the_plugin_config() -> None:
    a = account(revenue={2025: 100}, cost_to_serve=50)
    only_profit = HealthWeights(
        coverage=0, relationships=0, freshness=0, decision_process=0, revenue_trend=0, profitability=1, actions=0, vip=0
    )
    assert health(a, Inputs(TEAM, TODAY, weights=only_profit)).score == 100


def test_the_same_dossier_and_day_give_the_same_score() -> None:
    a = account(stakeholders=[person("a", last_contact="2026-06-01", relationship=3, roles=["approver"])])
    first = health(a, Inputs(TEAM, TODAY))
    assert health(a, Inputs(TEAM, TODAY)) == first
    # Freshness depends on --today: 174 days is fresh, 184 is not.
    assert health(a, Inputs(TEAM, date(2026, 12, 2))).score < first.score
