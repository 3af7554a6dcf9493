"""The plan page as a reader meets it: a summary first, each fact once; /accounts/ and /team/."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from kamgen.build import pipeline
from kamgen.data.model import Account
from kamgen.insights.brief import next_actions, who_to_call
from kamgen.mkdocs_yml import load_project
from tests.support import REPO, ProjectFactory

SECTIONS = {
    f"sections/{path.name}": path.read_text(encoding="utf-8") for path in (REPO / "playbooks" / "sections").glob("*.md")
}
TODAY = date(2026, 11, 22)


def plan_of(make_project: ProjectFactory, dossier: str) -> str:
    root = make_project(accounts={"key": dossier}, playbooks=SECTIONS)
    return pipeline.generate(load_project(root / "mkdocs.yml")).pages["accounts/key.md"]


def account(**fields: object) -> Account:
    return Account.model_validate({"id": "x", "name": "X", "owner": "olena-koval", **fields})


KEY = """\
name: Key Co
owner: olena-koval
tier: A
status: active
industry: Rail
revenue: {2023: 1000000, 2024: 900000, 2025: 800000}
cost_to_serve: 100000
stakeholders:
  - {id: ceo, name: Ceo Person, level: executive, roles: [decision-maker], influence: 5, counterpart: olena-koval}
  - {id: buyer, name: Buyer Person, level: manager, roles: [gatekeeper], influence: 2}
decision_process:
  - {step: prepares, who: [buyer]}
  - {step: signs, who: [ceo]}
needs:
  - {unit: Logistics, need: Faster docks}
relationship_methods:
  trust:
    - {method: Steering call, status: active, cost: 5000, client_value: high}
vip_program:
  assignee: andriy-melnyk
  goals: {relationships_renewed: 2026-09-01}
"""


def test_each_fact_is_shown_once(make_project: ProjectFactory) -> None:
    page = plan_of(make_project, KEY)
    assert len(re.findall(r"^\| 2024 \|", page, re.M)) == 1, "revenue by year: the profile's table only"
    methods = page[page.index("## Relationship methods") :]
    assert methods.count("Steering call") == 1 and page.count("Steering call") <= 2, (
        "the methods: the relationship methods table only (an alert may name one that is due for review)"
    )
    assert page.count("Faster docks") == 1, "the needs: the needs table only"
    assert page.count("Sep 1, 2026") == 1, "a VIP goal's date: the VIP programme table only"
    assert "Prepares: Buyer Person<br>" not in page, "who takes a step: the decision process only"
    assert page.count("Andriy Melnyk") == 1, "who works the client in the VIP programme"
    assert "## VIP programme status" not in page
    profile = page[page.index("## Profile") : page.index("### Revenue by year")]
    for repeated in ("| Industry |", "| Status |", "| Key account manager |", "| Declared tier |"):
        assert repeated not in profile, f"{repeated} is in the line under the title already"


def test_the_summary_comes_first_then_the_meeting_order(make_project: ProjectFactory) -> None:
    page = plan_of(make_project, KEY)
    order = [
        'class="kg-cards"', "Next actions", "Who to call", "## Stakeholders", "## Decision process",
        "## Stakeholder map", "## Needs", "## Risks", "## Meetings", "## Actions", "## Relationship methods",
        "## VIP programme", "## Profile",
    ]  # fmt: skip
    positions = [page.index(marker) for marker in order]
    assert positions == sorted(positions)


def test_next_actions_are_open_and_soonest_first() -> None:
    plan = account(
        actions=[
            {"action": "Later", "due": "2026-12-20"},
            {"action": "Done", "due": "2026-01-01", "status": "done"},
            {"action": "Undated"},
            {"action": "Overdue", "due": "2026-10-01"},
        ],
        meetings=[{"date": "2026-11-01", "follow_ups": [{"action": "Follow-up", "due": "2026-11-30"}]}],
    )
    assert [a.action for a in next_actions(plan, TODAY)] == ["Overdue", "Follow-up", "Later"]
    assert [a.action for a in next_actions(plan, TODAY, limit=5)] == ["Overdue", "Follow-up", "Later", "Undated"]


def test_who_to_call_puts_uncovered_influential_people_first_then_the_longest_silence() -> None:
    plan = account(
        stakeholders=[
            {"id": "a", "name": "A", "influence": 5, "counterpart": "olena-koval", "last_contact": "2026-11-01"},
            {"id": "b", "name": "B", "influence": 4, "counterpart": "olena-koval", "last_contact": "2026-03-01"},
            {"id": "c", "name": "C", "influence": 2, "last_contact": "2025-01-01"},
            {"id": "d", "name": "D", "influence": 4, "last_contact": "2026-10-01"},
        ]
    )
    assert [s.name for s in who_to_call(plan)] == ["D", "B", "A"]
    assert [s.name for s in who_to_call(plan, limit=4)] == ["D", "B", "A", "C"]


def test_long_lists_fold_away(make_project: ProjectFactory) -> None:
    meetings = "".join(f"  - {{date: 2026-0{m}-01}}\n" for m in range(1, 5))
    page = plan_of(make_project, KEY + "meetings:\n" + meetings)
    meetings_part = page[page.index("## Meetings") : page.index("## Actions")]
    assert meetings_part.index("### Apr 1, 2026") < meetings_part.index("<details")
    assert "<summary>3 earlier meetings</summary>" in meetings_part
    assert "<summary>Interests and what to send: 2 people</summary>" in page


def test_accounts_and_team_have_index_pages(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"key": KEY, "other": "name: Other Co\nowner: andriy-melnyk\n"})
    pages = pipeline.generate(load_project(root / "mkdocs.yml")).pages
    accounts = pages["accounts/index.md"]
    assert accounts.index("[Key Co](key.md)") < accounts.index("[Other Co](other.md)")
    assert "[Olena Koval](../people/olena-koval.md)" in pages["team/index.md"], "the team table, linking to worklists"
    assert "people/index.md" in pages, "the team page stays where it was"


def test_the_example_site_answers_at_accounts_and_team(example_site: Path) -> None:
    assert "Northwind Logistics" in (example_site / "accounts" / "index.html").read_text(encoding="utf-8")
    team = (example_site / "team" / "index.html").read_text(encoding="utf-8")
    assert "Olena Koval" in team and 'href="../people/olena-koval/"' in team, "the team table, linking to worklists"
    assert (example_site / "people" / "index.html").is_file()
