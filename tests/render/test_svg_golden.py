"""Golden SVG: every map and chart drawn for the fixture portfolio in tests/fixtures/svg/.

The fixture holds a small account (harbor-mills), a 45-person one
(atlas-group) and one with no reporting lines and hardly any optional field
(quiet-harbour). After an intended change to a chart, regenerate the files
and review the diff (open a changed .svg in a browser to look at it):

    KAMGEN_UPDATE_GOLDEN=1 python3 -m pytest tests/render/test_svg_golden.py
    git diff tests/golden_svg
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from kamgen.data.model import Account
from kamgen.render.svg import ChartText
from kamgen.render.svg.comb import comb_map
from kamgen.render.svg.comb_stacked import NARROW, comb_stacked
from kamgen.render.svg.decision import decision_strip
from kamgen.render.svg.grid import influence_grid
from kamgen.render.svg.grid_stacked import grid_stacked
from kamgen.render.svg.growth import growth_grid
from kamgen.render.svg.orgchart import org_chart
from kamgen.render.svg.pareto import pareto_chart
from kamgen.render.svg.profit import profit_chart
from kamgen.render.svg.swot import swot_chart
from kamgen.render.svg.whitespace import whitespace_chart
from kamgen.render.svg.writer import El
from tests.support import replace_golden
from tests.svg_fixture import fixture_context, fixture_site, parse

GOLDEN = Path(__file__).resolve().parent.parent / "golden_svg"
UPDATE = os.environ.get("KAMGEN_UPDATE_GOLDEN") == "1"
ACCOUNTS = ("atlas-group", "harbor-mills", "quiet-harbour")
MAPS: dict[str, Callable[[ChartText, Account], El | None]] = {
    "org": org_chart,
    "comb": comb_map,
    "grid": influence_grid,
    "decision": decision_strip,
    # The phone versions (kamgen.css shows them below 45em).
    "org-narrow": lambda ctx, account: org_chart(ctx, account, NARROW),
    "comb-narrow": comb_stacked,
    "grid-narrow": grid_stacked,
}


def drawn() -> dict[str, str]:
    """Golden path → SVG, for every chart of the fixture portfolio."""
    site = fixture_site()
    ctx = fixture_context()
    out: dict[str, str] = {}
    for account in site.facts.portfolio.accounts:
        for kind, draw in MAPS.items():
            chart = draw(ctx, account)
            assert chart is not None, f"{account.id}: no {kind} chart"
            out[f"{account.id}/{kind}.svg"] = chart.render() + "\n"
    for kind, chart in (
        ("pareto", pareto_chart(ctx, site.facts.portfolio.accounts, site.facts.figures)),
        ("profit", profit_chart(ctx, site.facts.portfolio.accounts, site.facts.figures)),
    ):
        assert chart is not None
        out[f"portfolio/{kind}.svg"] = chart.render() + "\n"
    # Planning (issue 18): the whitespace map (wide and narrow drawings), SWOT and the growth grid.
    planning = site.facts.planning
    harbor = site.facts.account_by_id["harbor-mills"]
    out["harbor-mills/whitespace.svg"] = (
        whitespace_chart(ctx, harbor.id, planning.whitespace[harbor.id], harbor.name) + "\n"
    )
    swot = swot_chart(ctx, harbor)
    assert swot is not None
    out["harbor-mills/swot.svg"] = swot.render() + "\n"
    growth = growth_grid(ctx, planning.placements, lambda account_id: f"accounts/{account_id}/")
    assert growth is not None
    out["portfolio/growth.svg"] = growth.render() + "\n"
    return out


EXPECTED = sorted(
    [f"{a}/{k}.svg" for a in ACCOUNTS for k in MAPS]
    + ["portfolio/pareto.svg", "portfolio/profit.svg", "portfolio/growth.svg"]
    + ["harbor-mills/whitespace.svg", "harbor-mills/swot.svg"]
)


@pytest.fixture(scope="module")
def charts() -> dict[str, str]:
    out = drawn()
    if UPDATE:
        replace_golden(GOLDEN, ".svg", out)
    return out


def test_the_fixture_portfolio_draws_every_chart(charts: dict[str, str]) -> None:
    assert sorted(charts) == EXPECTED
    assert sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.svg")) == EXPECTED


@pytest.mark.parametrize("path", EXPECTED)
def test_chart_matches_golden(charts: dict[str, str], path: str) -> None:
    parse(charts[path])  # well-formed XML before anything else
    assert charts[path] == (GOLDEN / path).read_text(encoding="utf-8"), (
        f"tests/golden_svg/{path} differs; if the change is intended, run "
        "KAMGEN_UPDATE_GOLDEN=1 python3 -m pytest tests/render/test_svg_golden.py and review git diff tests/golden_svg"
    )
