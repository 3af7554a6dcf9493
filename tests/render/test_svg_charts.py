"""What each map and chart must show, checked on the drawn SVG of the fixture portfolio and small tables."""

from __future__ import annotations

import re
from itertools import combinations

import pytest

from kamgen.build import pipeline
from kamgen.data.load import Portfolio
from kamgen.data.model import Account
from kamgen.insights.analysis import compute
from kamgen.mkdocs_yml import load_project
from kamgen.render.svg.comb import comb_map
from kamgen.render.svg.decision import decision_strip
from kamgen.render.svg.grid import ATTITUDE_ORDER, ENTRY, LEFT, WIDTH, influence_grid
from kamgen.render.svg.pareto import MAX_BARS, pareto_chart
from kamgen.render.svg.profit import MAX_ROWS, profit_chart
from tests.support import ProjectFactory
from tests.svg_fixture import (
    NS,
    SVG_FIXTURE,
    account,
    drawn,
    fixture_context,
    fixture_site,
    parse,
    plain_context,
    texts,
    with_class,
)


def _account(account_id: str) -> Account:
    found = fixture_site().facts.portfolio.account(account_id)
    assert found is not None
    return found


FIXTURE_ACCOUNTS = ["atlas-group", "harbor-mills", "quiet-harbour"]


@pytest.mark.parametrize("account_id", FIXTURE_ACCOUNTS)
def test_comb_shows_everyone_once_and_flags_every_gap_in_words(account_id: str) -> None:
    ctx = fixture_context()
    acme = _account(account_id)
    chart = comb_map(ctx, acme)
    assert chart is not None
    root = parse(chart.render())
    chips = {g.get("data-id"): g for g in with_class(root, "kg-theirs")}
    assert sorted(chips) == sorted(s.id for s in acme.stakeholders)
    for s in acme.stakeholders:
        flagged = "kg-gap" in (chips[s.id].get("class") or "")
        worded = any("⚠ Gap" in t for t in texts(chips[s.id]))
        assert flagged == worded == ctx.is_gap(s), s.id
    covered = [s for s in acme.stakeholders if s.counterpart]
    assert len(with_class(root, "kg-cover")) == len(covered), "one line per covered person"


def test_comb_dashes_lines_across_levels_and_marks_empty_levels() -> None:
    # Harbor Mills: Olena (executive) covers Tom Ellis (manager); Karl Berg (influence 5) has nobody.
    root = drawn(comb_map(fixture_context(), _account("harbor-mills")))
    assert len(with_class(root, "kg-cover--cross")) == 1
    gap = next(g for g in with_class(root, "kg-theirs") if g.get("data-id") == "karl-berg")
    assert "⚠ Gap: nobody of ours covers" in texts(gap)
    sparse = drawn(comb_map(fixture_context(), _account("quiet-harbour")))
    assert texts(sparse).count("Nobody of ours at this level") == 3  # executive, specialist, level not recorded
    assert texts(sparse).count("Nobody recorded at this level") == 3


@pytest.mark.parametrize("account_id", FIXTURE_ACCOUNTS)
def test_influence_grid_places_everyone_once_in_their_cell_without_overlap(account_id: str) -> None:
    acme = _account(account_id)
    root = drawn(influence_grid(fixture_context(), acme))
    marks = with_class(root, "kg-mark")
    assert sorted(m.get("data-id") for m in marks) == sorted(s.id for s in acme.stakeholders)
    spots = []
    for mark in marks:
        circle = next(mark.iter(NS + "circle"))
        spots.append((float(circle.get("cx", 0)), float(circle.get("cy", 0))))
    for (x1, y1), (x2, y2) in combinations(spots, 2):
        assert x1 != x2 or abs(y1 - y2) >= ENTRY, "two names drawn on top of each other"
    # Each name sits in its attitude's column, and higher influence sits higher in that column.
    columns = len(ATTITUDE_ORDER) + (1 if any(s.attitude is None for s in acme.stakeholders) else 0)
    width = (WIDTH - LEFT) / columns
    place = {m.get("data-id"): spot for m, spot in zip(marks, spots, strict=True)}
    for s in acme.stakeholders:
        column = ATTITUDE_ORDER.index(s.attitude) if s.attitude else len(ATTITUDE_ORDER)
        assert LEFT + column * width <= place[s.id][0] < LEFT + (column + 1) * width, s.id
    for a, b in combinations(acme.stakeholders, 2):
        if a.attitude == b.attitude and a.influence and b.influence and a.influence > b.influence:
            assert place[a.id][1] < place[b.id][1], (a.id, b.id)


def test_influence_grid_quadrants_follow_influence_and_attitude() -> None:
    people = [
        {"id": "boss", "name": "Boss", "influence": 5, "attitude": "opponent"},
        {"id": "fan", "name": "Fan", "influence": 4, "attitude": "champion", "counterpart": "olena-koval"},
        {"id": "clerk", "name": "Clerk", "influence": 1, "attitude": "skeptic"},
    ]
    svg = influence_grid(plain_context(), account(people))
    assert svg is not None
    desc = next(parse(svg.render()).iter(NS + "desc")).text
    assert (
        desc
        == "People placed by influence (1 to 5) and attitude to us: 3. Powerful allies: 1. Powerful and against us: 1."
    )
    assert "⚠ Boss" in texts(parse(svg.render()))  # influential, uncovered: a gap, marked with a symbol


@pytest.mark.parametrize(
    ("account_id", "expected"),
    [
        ("harbor-mills", ["Nadia Okafor", "Karl Berg", "Lena Fischer", "Karl Berg", "unknown"]),
        ("quiet-harbour", ["unknown", "unknown", "unknown", "unknown"]),
    ],
)
def test_decision_strip_names_each_step_or_says_unknown(account_id: str, expected: list[str]) -> None:
    root = drawn(decision_strip(fixture_context(), _account(account_id)))
    shown = [t for t in texts(root) if t in {"unknown"} | {s.name for s in _account(account_id).stakeholders}]
    assert shown == expected
    assert [t for t in texts(root) if re.match(r"\d\. ", t)] == ["1. Prepares", "2. Approves", "3. Signs", "4. Budgets"]


def test_pareto_chart_has_class_zones_guides_and_a_point_per_account() -> None:
    site = fixture_site()
    root = drawn(pareto_chart(fixture_context(), site.facts.portfolio.accounts, site.facts.figures))
    assert len(with_class(root, "kg-bar")) == 3
    assert len(with_class(root, "kg-curve-point")) == 3
    assert [z.get("class") for z in with_class(root, "kg-zone")] == [
        "kg-zone kg-zone--a",
        "kg-zone kg-zone--b",
        "kg-zone kg-zone--c",
    ]
    assert {"80%", "95%"} <= set(texts(root))
    assert "Class A · 1" in texts(root)


def test_pareto_groups_ranks_beyond_its_bar_limit() -> None:
    accounts = tuple(
        Account.model_validate({"id": f"a{i}", "name": f"A{i}", "owner": "olena-koval", "revenue": {2025: 1000 + i}})
        for i in range(3 * MAX_BARS + 1)
    )
    figures = compute(Portfolio(team={}, accounts=accounts))
    root = drawn(pareto_chart(plain_context(), accounts, figures))
    assert len(with_class(root, "kg-bar")) <= MAX_BARS
    assert "Accounts by revenue rank →" in texts(root)


def test_profit_chart_marks_losses_in_words_and_keeps_every_loss() -> None:
    site = fixture_site()
    root = drawn(profit_chart(fixture_context(), site.facts.portfolio.accounts, site.facts.figures))
    lines = texts(root)
    assert "⚠ Loss -€40K" in lines  # Harbor Mills: 150,000 revenue, 190,000 cost to serve
    assert "cost to serve unknown" in lines  # Quiet Harbour
    assert len(with_class(root, "kg-row--loss")) == 1
    # Beyond the largest MAX_ROWS accounts, a loss-making one is still shown (after them).
    count = MAX_ROWS + 10
    many = tuple(
        Account.model_validate(
            {
                "id": f"a{i}",
                "name": f"A{i}",
                "owner": "olena-koval",
                "revenue": {2025: 1000 - i},
                "cost_to_serve": 5000 if i == count - 1 else 500,
            }
        )
        for i in range(count)
    )
    root = drawn(profit_chart(plain_context(), many, compute(Portfolio(team={}, accounts=many))))
    verdicts = [t for t in texts(root) if t.startswith(("Profit", "⚠ Loss"))]
    assert len(verdicts) == MAX_ROWS + 1
    assert verdicts[-1].startswith("⚠ Loss")
    assert "The 20 largest accounts and every loss-making one." in texts(root)


def test_plan_and_portfolio_pages_carry_the_figures() -> None:
    pages = pipeline.generate(load_project(SVG_FIXTURE / "mkdocs.yml")).pages
    plan = pages["accounts/harbor-mills.md"]
    assert re.findall(r'<figure class="kg-figure kg-figure--(\w+)">', plan) == [
        "decision", "org", "comb", "grid", "whitespace", "swot",
    ]  # fmt: skip
    assert plan.index("## Stakeholders") < plan.index("## Decision process") < plan.index("## Stakeholder map")
    index = pages["index.md"]
    assert re.findall(r'<figure class="kg-figure kg-figure--(\w+)">', index) == [
        "pareto",
        "profit",
        "retention",
        "growth",
    ]


def test_an_account_without_stakeholders_has_no_maps(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"bare": "name: Bare\nowner: olena-koval\n"})
    pages = pipeline.generate(load_project(root / "mkdocs.yml")).pages
    assert "kg-figure" not in pages["accounts/bare.md"]
    assert "Stakeholder map" not in pages["accounts/bare.md"]


def test_portfolio_charts_leave_out_restricted_accounts(make_project: ProjectFactory) -> None:
    root = make_project(
        accounts={
            "open": "name: Open Co\nowner: olena-koval\nrevenue: {2025: 100}\n",
            "secret": "name: Secret Merger Target\nowner: olena-koval\nvisibility: restricted\nrevenue: {2025: 900}\n",
        }
    )
    index = pipeline.generate(load_project(root / "mkdocs.yml")).pages["index.md"]
    assert "Open Co" in index and "Secret Merger Target" not in index
