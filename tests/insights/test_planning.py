"""Objectives, whitespace and the growth grid (issue 18): progress, states, roll-ups, alerts, validation."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from click.testing import CliRunner

from kamgen.build import pipeline
from kamgen.cli import cli
from kamgen.config import Offering
from kamgen.data.model import Account, Objective
from kamgen.insights.planning import objectives_by_owner, opportunity_by_offering, progress, whitespace
from kamgen.mkdocs_yml import load_project
from tests.support import ProjectFactory

TODAY = date(2026, 11, 22)


def objective(**fields: Any) -> Objective:
    return Objective.model_validate({"id": "o", "objective": "Grow", **fields})


@pytest.mark.parametrize(
    ("fields", "state", "ratio"),
    [
        ({"baseline": 0, "target": 10, "current": 10}, "achieved", 1.0),
        ({"baseline": 0, "target": 10, "current": 5, "due": "2026-11-01"}, "overdue", 0.5),
        # Half the time gone (Jan 1 → Dec 31 … 22 Nov is 88 %), 50 % reached: behind the straight line.
        ({"baseline": 0, "target": 10, "current": 5, "start": "2026-01-01", "due": "2026-12-31"}, "at-risk", 0.5),
        ({"baseline": 0, "target": 10, "current": 9, "start": "2026-01-01", "due": "2026-12-31"}, "on-track", 0.9),
        # A target below the baseline (cut a cost): progress runs downwards.
        ({"baseline": 100, "target": 50, "current": 75}, "on-track", 0.5),
        ({"due": "2027-01-01"}, "unmeasured", None),
    ],
)
def test_objective_progress_and_state(fields: dict[str, Any], state: str, ratio: float | None) -> None:
    p = progress(objective(**fields), TODAY)
    assert (p.state, p.ratio) == (state, ratio)


def account(**fields: Any) -> Account:
    return Account.model_validate({"id": "acme", "name": "Acme", "owner": "olena", **fields})


def test_objectives_roll_up_per_owner() -> None:
    a = account(
        objectives=[
            {"id": "a", "objective": "A", "baseline": 0, "target": 1, "current": 1},
            {"id": "b", "objective": "B", "owner": "andriy", "due": "2026-01-01"},
        ]
    )
    counts = objectives_by_owner([a], TODAY)
    assert counts["olena"]["achieved"] == 1 and counts["andriy"]["overdue"] == 1


def test_whitespace_rows_columns_and_totals() -> None:
    catalogue = (Offering(id="wms", name="WMS"), Offering(id="tms", name="TMS"))
    a = account(
        needs=[{"unit": "Finance", "need": "Cost per pallet"}],
        whitespace=[
            {"offering": "wms", "unit": "Ops", "status": "in-use"},
            {"offering": "tms", "unit": "Ops", "status": "opportunity", "value": 100},
            {"offering": "bi", "unit": "Finance", "status": "opportunity", "value": 50},
        ],
    )
    ws = whitespace(a, catalogue)
    assert ws is not None
    assert ws.offerings == (("wms", "WMS"), ("tms", "TMS"), ("bi", "bi"))
    assert ws.units == ("Ops", "Finance")
    assert (dict(ws.row_value), dict(ws.column_value), ws.total) == (
        {"wms": 0.0, "tms": 100.0, "bi": 50.0},
        {"Ops": 100.0, "Finance": 50.0},
        150.0,
    )
    assert opportunity_by_offering([a], catalogue) == [("TMS", 1, 100.0), ("bi", 1, 50.0)]


ACME = """\
name: Acme
owner: olena-koval
objectives:
  - id: grow
    objective: Double the volume
    baseline: 10
    target: 20
    current: 11
    start: 2026-01-01
    due: 2026-12-31
  - id: audit
    objective: Pass the supplier audit
    due: 2026-10-01
actions:
  - action: Book the audit
    objective: grow
"""


def test_alerts_for_an_objective_behind_or_past_due(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"acme": ACME})
    alerts = pipeline.generate(load_project(root / "mkdocs.yml")).pages["alerts.md"]
    assert "Objective behind plan" in alerts and "10% reached, 89% expected by now" in alerts
    assert "Objective past due" in alerts and "Pass the supplier audit — due Oct 1, 2026, 0% reached" in alerts


BASE = "name: Acme\nowner: olena-koval\nobjectives:\n  - id: grow\n    objective: Grow\n"


@pytest.mark.parametrize(
    ("snippet", "message"),
    [
        (
            "actions:\n  - action: X\n    objective: grwo\n",
            "accounts/acme.yaml:8:16: action 1, X: objective: 'grwo' is not an objective of this account "
            "— did you mean 'grow'?",
        ),
        (
            "    owner: nobody\n",
            "accounts/acme.yaml:6:12: objective 1, grow: owner: 'nobody' is not a person in team.yaml",
        ),
        (
            "whitespace:\n  - offering: wms\n    unit: Ops\n    status: maybe\n",
            "accounts/acme.yaml:9:13: whitespace cell 1, wms: status: 'maybe' is not allowed "
            "(expected one of: in-use, pilot, opportunity, competitor, not-a-fit)",
        ),
    ],
)
def test_planning_fields_are_checked(make_project: ProjectFactory, snippet: str, message: str) -> None:
    root = make_project(accounts={"acme": BASE + snippet})
    result = CliRunner().invoke(cli, ["check", "-f", str(root / "mkdocs.yml")])
    assert result.exit_code == 1, result.output
    assert message in result.output
