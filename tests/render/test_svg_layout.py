"""The org chart layout: every person once, no two cards overlapping, no line through a card, 1 to 60 people."""

from __future__ import annotations

import random
from collections.abc import Callable
from itertools import combinations
from typing import Any

import pytest

from kamgen.render.svg.layout import forest
from kamgen.render.svg.orgchart import PAD, WIDTH, Chart, layout, org_chart
from tests.svg_fixture import account, parse, plain_context, with_class

Shape = Callable[[int, random.Random], list[str | None]]  # n → each person's manager index as an id, or None


def _id(i: int) -> str:
    return f"p{i}"


SHAPES: dict[str, Shape] = {
    "chain": lambda n, rng: [None] + [_id(i - 1) for i in range(1, n)],
    "star": lambda n, rng: [None] + [_id(0) for _ in range(1, n)],
    "no-lines": lambda n, rng: [None] * n,
    "random-tree": lambda n, rng: [None] + [_id(rng.randrange(i)) for i in range(1, n)],
    "random-forest": lambda n, rng: (
        [None] + [_id(rng.randrange(i)) if rng.random() > 0.15 else None for i in range(1, n)]
    ),
    "wide-levels": lambda n, rng: [None] + [_id(0) if i <= 8 else _id(1 + i % 8) for i in range(1, n)],
    "unknown-managers": lambda n, rng: [None] + [_id(rng.randrange(i)) if i % 5 else "ghost" for i in range(1, n)],
}


def _people(shape: str, n: int) -> list[dict[str, Any]]:
    managers = SHAPES[shape](n, random.Random(n))
    return [
        {"id": _id(i), "name": f"Person {i}", "reports_to": m, "influence": 1 + i % 5} for i, m in enumerate(managers)
    ]


def _rects(chart: Chart) -> dict[str, tuple[float, float, float, float]]:
    m = chart.metrics
    return {key: (x, y, x + m.card_w, y + m.card_h) for key, (x, y) in chart.box.cards.items()}


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


CASES = [(shape, n) for shape in SHAPES for n in range(1, 61)]


@pytest.mark.parametrize(("shape", "n"), CASES, ids=[f"{s}-{n}" for s, n in CASES])
def test_cards_never_overlap_and_lines_never_cross_a_card(shape: str, n: int) -> None:
    people = _people(shape, n)
    chart = layout(account(people))
    rects = _rects(chart)
    assert sorted(rects) == sorted(p["id"] for p in people), "every person exactly once"
    for (a, ra), (b, rb) in combinations(rects.items(), 2):
        assert not _overlap(ra, rb), f"{a} and {b} overlap"
    assert chart.box.width <= WIDTH - 2 * PAD, "the chart fits the content width"
    assert all(x >= 0 and y >= 0 for x, y, _, _ in rects.values())
    for path in chart.box.lines:
        (x1, y1), (x2, y2) = path
        assert x1 == x2 or y1 == y2, "connectors are straight runs"
        segment = (min(x1, x2) - 0.01, min(y1, y2) - 0.01, max(x1, x2) + 0.01, max(y1, y2) + 0.01)
        for key, (left, top, right, bottom) in rects.items():
            inside = (left + 1, top + 1, right - 1, bottom - 1)
            assert not _overlap(segment, inside), f"a line runs through the card of {key}"


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_report_is_connected_to_the_chart(shape: str) -> None:
    people = _people(shape, 40)
    chart = layout(account(people))
    m = chart.metrics
    ends = {point for path in chart.box.lines for point in path}
    known = {p["id"] for p in people}
    for person in people:
        if person["reports_to"] not in known:
            continue
        x, y = chart.box.cards[person["id"]]
        # A report hangs from its top edge (side-by-side rows) or its left edge (hanging lists).
        assert (x + m.card_w / 2, y) in ends or (x, y + m.card_h / 2) in ends, person["id"]


def test_a_cycle_is_cut_so_everyone_is_still_drawn() -> None:
    # The loader refuses cycles; the layout must still terminate and draw everyone if one slips through.
    tree = forest([("a", "c"), ("b", "a"), ("c", "b"), ("d", None)])
    assert tree.roots == ["d", "a"]
    assert tree.children == {"a": ["b"], "b": ["c"], "c": [], "d": []}


def test_every_stakeholder_appears_exactly_once_in_the_drawn_org_chart() -> None:
    people = _people("random-forest", 45)
    svg = org_chart(plain_context(), account(people))
    assert svg is not None
    drawn = [g.get("data-id") for g in with_class(parse(svg.render()), "kg-person")]
    assert sorted(drawn) == sorted(p["id"] for p in people)


def test_a_manager_missing_from_the_dossier_gets_a_dotted_stub_and_a_note() -> None:
    people = [{"id": "ann", "name": "Ann", "reports_to": "ghost"}, {"id": "bob", "name": "Bob", "reports_to": "ann"}]
    svg = org_chart(plain_context(), account(people))
    assert svg is not None
    root = parse(svg.render())
    assert len(with_class(root, "kg-link--missing")) == 1
    assert "Reports to “ghost”, not in this dossier" in svg.render()


def test_large_charts_use_compact_cards_small_ones_full_cards() -> None:
    assert layout(account(_people("random-tree", 12))).metrics.card_h == 112
    assert layout(account(_people("random-tree", 45))).metrics.card_h < 112
