"""The example's per-account playbook sections (playbooks/sections/): whom they apply to and what they say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kamgen.build import pipeline
from kamgen.errors import TemplateError
from kamgen.mkdocs_yml import load_project
from tests.support import REPO, ProjectFactory

SECTIONS = {
    f"sections/{path.name}": path.read_text(encoding="utf-8") for path in (REPO / "playbooks" / "sections").glob("*.md")
}
TITLES = {
    "vip": "## VIP programme: next steps",
    "profit": "## Profitability verdict",
    "ways": "## Five ways — cost and value",
    "plan": "## Interaction plan and do/don't",
}

KEY = """\
name: Key Co
owner: olena-koval
tier: A
status: active
revenue: {2023: 1000000, 2024: 900000, 2025: 800000}
cost_to_serve: 100000
stakeholders:
  - {id: ceo, name: Ceo, level: executive, roles: [decision-maker], counterpart: olena-koval}
  - {id: buyer, name: Buyer, level: manager, roles: [gatekeeper]}
decision_process:
  - {step: prepares, who: [buyer]}
relationship_methods:
  trust:
    - {method: Steering call, status: active, cost: 5000, client_value: high}
  service_levels:
    - {method: Printed KPI pack, status: active, cost: 16000, client_value: low}
    - {method: Night hotline, status: planned}
    - {method: Old newsletter, status: dropped, cost: 900, client_value: low}
vip_program:
  assignee: andriy-melnyk
  goals: {relationships_renewed: 2026-09-01, contacts_updated: 2026-09-15, feedback: 2026-10-02}
"""


def generate(make_project: ProjectFactory, accounts: dict[str, str]) -> dict[str, str]:
    root = make_project(accounts=accounts, playbooks=SECTIONS)
    return pipeline.generate(load_project(root / "mkdocs.yml")).pages


def section(page: str, title: str) -> str:
    """The text of one section of a plan page, up to the next H2."""
    start = page.index(title)
    end = page.find("\n## ", start + len(title))
    return page[start : end if end >= 0 else None]


def account(tier: str, status: str) -> str:
    return f"name: X\nowner: olena-koval\ntier: {tier}\nstatus: {status}\nrevenue: {{2025: 100}}\n"


@pytest.mark.parametrize(
    ("tier", "status", "expected"),
    [
        ("A", "active", {"vip", "profit", "ways", "plan"}),
        ("A", "at-risk", {"vip", "profit", "ways", "plan"}),
        ("A", "prospect", {"profit", "ways", "plan"}),  # the VIP programme is for clients we have
        ("B", "active", {"profit", "ways", "plan"}),
        ("C", "released", set()),  # nothing left to plan
    ],
)
def test_sections_apply_by_tier_and_status(
    make_project: ProjectFactory, tier: str, status: str, expected: set[str]
) -> None:
    page = generate(make_project, {"x": account(tier, status)})["accounts/x.md"]
    assert {key for key, title in TITLES.items() if title in page} == expected


def test_sections_sit_where_their_front_matter_places_them(make_project: ProjectFactory) -> None:
    """A section goes right behind the plan section its `after` names; the others follow the profile."""
    page = generate(make_project, {"key": KEY})["accounts/key.md"]
    order = [
        "## Relationship methods", TITLES["ways"], "## VIP programme\n", TITLES["vip"],
        "## Profile", TITLES["profit"], TITLES["plan"],
    ]  # fmt: skip
    positions = [page.index(title) for title in order]
    assert positions == sorted(positions)
    for built_in, placed in [
        ("## Relationship methods", "ways"),
        ("## VIP programme\n", "vip"),
        ("## Profile", "profit"),
    ]:
        between = page[page.index(built_in) + len(built_in) : page.index(TITLES[placed])]
        assert "\n## " not in between, f"{placed} is not right behind {built_in}"


def test_an_unknown_place_is_a_template_error(make_project: ProjectFactory) -> None:
    bad = {"sections/x.md": "---\ntitle: X\nproduces: section\nafter: summery\n---\nText.\n"}
    root = make_project(accounts={"key": KEY}, playbooks=bad)
    with pytest.raises(TemplateError) as error:
        pipeline.generate(load_project(root / "mkdocs.yml"))
    message = str(error.value)
    assert message.startswith("playbooks/sections/x.md:1: front matter: after: no plan section 'summery'; use one of: ")
    assert "summary" in message and "relationship_methods" in message


def test_vip_status_lists_the_goals_reached_and_what_is_missing(make_project: ProjectFactory) -> None:
    text = section(generate(make_project, {"key": KEY})["accounts/key.md"], TITLES["vip"])
    assert "**3 of 7 goals reached** · programme lead:" in text
    assert "Sep 1, 2026" not in text, "the dates reached are in the plan's VIP programme table, once"
    assert "1. **Market position and plans learned** (next): learn their market position" in text
    assert "4. **Referrals obtained**:" in text
    assert "Feedback on quality received**" not in text, "reached goals are not listed as missing"


def test_vip_status_turns_a_missing_programme_into_a_task(make_project: ProjectFactory) -> None:
    text = section(generate(make_project, {"x": account("A", "active")})["accounts/x.md"], TITLES["vip"])
    assert "**Task:** this tier\\-A client is not in the VIP programme" in text


@pytest.mark.parametrize(
    ("fields", "verdict"),
    [
        ("revenue: {2024: 900, 2025: 1000}\ncost_to_serve: 100", "**Verdict: profitable\\.**"),
        ("revenue: {2024: 900, 2025: 1000}\ncost_to_serve: 800", "**Verdict: thin margin\\.**"),
        ("revenue: {2024: 900, 2025: 1000}\ncost_to_serve: 1200", "**Verdict: loss\\-making\\.**"),
        ("revenue: {2024: 900, 2025: 1000}\ncost_to_serve: 1200\nreference: true",
         "**Verdict: loss\\-making, kept for its name\\.**"),
        ("revenue: {2024: 900, 2025: 1000}\ncost_to_serve: 1200\nbrand: high",
         "**Verdict: loss\\-making, kept for its name\\.**"),
        ("revenue: {2023: 1200, 2024: 1100, 2025: 1000}\ncost_to_serve: 100",
         "**Verdict: profitable, but shrinking\\.**"),
        ("revenue: {2025: 1000}", "**Task:** record cost\\_to\\_serve in the dossier"),
    ],
)  # fmt: skip
def test_profitability_verdict(make_project: ProjectFactory, fields: str, verdict: str) -> None:
    dossier = f"name: X\nowner: olena-koval\nstatus: active\n{fields}\n"
    text = section(generate(make_project, {"x": dossier})["accounts/x.md"], TITLES["profit"])
    assert verdict in text


@pytest.mark.parametrize(
    ("revenue", "trend"),
    [
        ("{2023: 1000, 2024: 900, 2025: 800}", "**Trend: falling two years running\\.**"),
        ("{2023: 800, 2024: 900, 2025: 1000}", "**Trend: growing\\.**"),
        ("{2023: 800, 2024: 900, 2025: 850}", "**Trend: down in the last year\\.**"),
        ("{2024: 900, 2025: 900}", "**Trend: flat or mixed\\.**"),
        ("{2025: 900}", "**Task:** record revenue for at least two years"),
    ],
)
def test_profitability_shows_the_trend_over_the_years(make_project: ProjectFactory, revenue: str, trend: str) -> None:
    dossier = f"name: X\nowner: olena-koval\nstatus: active\ncost_to_serve: 10\nrevenue: {revenue}\n"
    text = section(generate(make_project, {"x": dossier})["accounts/x.md"], TITLES["profit"])
    assert trend in text
    assert "| 2025 |" not in text, "revenue by year is the profile's table, shown once"


def test_five_ways_show_cost_value_and_gaps(make_project: ProjectFactory) -> None:
    text = section(generate(make_project, {"key": KEY})["accounts/key.md"], TITLES["ways"])
    assert "Steering call" not in text, "the methods are listed once, in the plan's relationship methods"
    assert "**Total:** €21,000 a year in use or planned, 21% of the cost to serve." in text
    nothing = re.search(r"\*\*Nothing planned:\*\* (.*)\.", text)
    assert nothing is not None
    assert re.findall(r"\[([^]]+)\]", nothing.group(1)) == ["Technical support", "Resource support", "Risk reduction"]
    assert "Printed KPI pack costs €16,000 a year and the client values it little" in text
    assert "**Task:** ask the client how much they value Night hotline" in text
    assert "**Task:** estimate the annual cost of Night hotline" in text
    assert "Old newsletter" not in text, "dropped methods are history, not the plan"


def test_interaction_plan_shows_unknowns_as_tasks(make_project: ProjectFactory) -> None:
    text = section(generate(make_project, {"key": KEY})["accounts/key.md"], TITLES["plan"])
    assert (
        "1 of 4 steps known \\(see the decision process above\\)"
        '<br>Approves: <span class="kg-unknown">unknown</span> — **Task:** find out who approves it'
    ) in text
    assert 'Signs: <span class="kg-unknown">unknown</span> — **Task:** find out who signs' in text
    assert "Prepares: Buyer" not in text, "who takes a step is said once, in the decision process"
    assert (
        "1 of 3 key roles known \\(see the stakeholders above\\)"
        '<br>Budget holder: <span class="kg-unknown">unknown</span> — **Task:**'
    ) in text
    assert "**Task:** ask each unit that uses our product what it needs" in text
    assert "1 of 2 stakeholders have a counterpart on our side: [Olena Koval](../people/olena-koval.md) (1)" in text
    assert "**Task:** find a counterpart at the same level for Buyer" in text
    assert "**Task:** set up a short regular meeting and keep minutes" in text


def test_do_and_dont_warns_about_clients_in_the_same_industry(make_project: ProjectFactory) -> None:
    one = "name: Rail One\nowner: olena-koval\nstatus: active\nindustry: Rail\n"
    two = "name: Rail Two\nowner: olena-koval\nstatus: active\nindustry: Rail\n"
    pages = generate(make_project, {"one": one, "two": two})
    assert "Careful here: Rail Two work in the same industry\\." in section(pages["accounts/one.md"], TITLES["plan"])


def test_every_section_renders_for_every_example_account(example_site: Path) -> None:
    for plan in (example_site / "accounts").glob("*/index.html"):
        html = plan.read_text(encoding="utf-8")
        if 'kg-status-released"' in html.split("</h1>", 1)[1][:2000]:
            continue
        for title in ("Profitability verdict", "Five ways — cost and value", "Interaction plan and do/don"):
            assert title in html, f"{plan.parent.name}: {title}"
