"""The alert rules: each fires when the dossier shows the problem and is silent when it does not."""

from __future__ import annotations

import copy
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from benchmarks.synthetic import write_site
from kamgen.build import pipeline
from kamgen.data.load import Portfolio
from kamgen.data.model import Account, Person
from kamgen.insights.alerts import Alert, Context, compute_alerts
from kamgen.insights.analysis import compute
from kamgen.mkdocs_yml import load_project
from tests.support import ProjectFactory

TODAY = date(2026, 11, 22)
TEAM = {
    "olena": Person(id="olena", name="Olena Koval", level="executive"),
    "andriy": Person(id="andriy", name="Andriy Melnyk", level="manager"),
    "iryna": Person(id="iryna", name="Iryna Tkachenko", level="specialist"),
}

# An account with nothing to report: every level covered by a peer, contacts
# fresh, the signer known, revenue growing, profitable, no serious competitor.
HEALTHY: dict[str, Any] = {
    "name": "Acme",
    "owner": "andriy",
    "tier": "A",
    "status": "active",
    "revenue": {2024: 100, 2025: 120},
    "cost_to_serve": 50,
    "competitors": [{"name": "Rival", "threat": "medium"}],
    "decision_process": [{"step": "signs", "who": ["ceo"]}],
    "stakeholders": [
        {"id": "ceo", "name": "Ceo", "level": "executive", "roles": ["decision-maker"], "influence": 5,
         "counterpart": "olena", "last_contact": "2026-11-01"},
        {"id": "head", "name": "Head", "title": "Head of IT", "level": "manager", "influence": 4,
         "counterpart": "andriy", "last_contact": "2026-10-01"},
        {"id": "user", "name": "User", "level": "specialist", "influence": 2, "counterpart": "iryna",
         "last_contact": "2026-09-01"},
    ],
    "actions": [
        {"action": "Call", "owner": "andriy", "due": "2026-12-01"},
        {"action": "Old", "owner": "andriy", "due": "2026-01-01", "status": "done"},
    ],
    "meetings": [{"date": "2026-11-10", "follow_ups": [{"action": "Send", "owner": "iryna", "due": "2026-11-30"}]}],
}  # fmt: skip


def account(changes: dict[str, Any] | None = None, **fields: Any) -> Account:
    data = copy.deepcopy(HEALTHY)
    for path, value in (changes or {}).items():
        *parents, key = path.split(".")
        target: Any = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(key) if key.isdigit() else key] = value
    data.update(fields)
    return Account.model_validate({**data, "id": data.get("id", "acme")})


def alerts(*accounts: Account, stale_after_days: int = 180, vip_lead: str | None = None) -> list[Alert]:
    portfolio = Portfolio(team=TEAM, accounts=accounts)
    return compute_alerts(Context(portfolio, compute(portfolio), TODAY, stale_after_days, vip_lead))


def kinds(*accounts: Account, **options: Any) -> list[str]:
    return sorted(a.kind for a in alerts(*accounts, **options))


def test_a_healthy_account_has_no_alerts() -> None:
    assert kinds(account()) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # Overdue actions and follow-ups: open and due before today.
        ({"actions.0.due": "2026-11-21"}, ["overdue-action"]),
        ({"actions.0.due": "2026-11-22"}, []),  # due today is not late yet
        ({"actions.0.due": "2026-11-01", "actions.0.status": "dropped"}, []),
        ({"actions.0.due": None}, []),
        ({"meetings.0.follow_ups.0.due": "2026-11-01"}, ["overdue-follow-up"]),
        ({"meetings.0.follow_ups.0.due": "2026-11-01", "meetings.0.follow_ups.0.status": "done"}, []),
        # Stale contacts: more than stale_after_days; no date at all is its own, softer alert.
        ({"stakeholders.0.last_contact": "2026-05-25"}, ["stale-contact"]),  # 181 days
        ({"stakeholders.0.last_contact": "2026-05-26"}, ["contact-rhythm"]),  # 180 days: late, not cold yet
        ({"stakeholders.2.last_contact": None}, ["no-contact-date"]),
        # High-influence stakeholders without a counterpart (the manager level is then a gap too).
        ({"stakeholders.1.counterpart": None}, ["comb-gap", "uncovered-influencer"]),
        ({"stakeholders.1.counterpart": None, "stakeholders.1.influence": 3}, ["comb-gap"]),
        # Comb: a level covered only by someone of another level.
        ({"stakeholders.1.counterpart": "iryna"}, ["comb-gap"]),
        ({"stakeholders.2.counterpart": "andriy"}, ["comb-gap"]),
        ({"stakeholders.2.level": None, "stakeholders.2.counterpart": "andriy"}, []),  # no level: no comb
        # Final decision maker: neither a decision-maker role nor a signer.
        ({"stakeholders.0.roles": [], "decision_process": []}, ["no-decision-maker"]),
        ({"stakeholders.0.roles": [], "decision_process": [{"step": "signs", "who": []}]}, ["no-decision-maker"]),
        ({"stakeholders.0.roles": []}, []),  # the signs step names someone
        ({"decision_process": []}, []),  # a stakeholder is the decision maker
        # Tier against the computed class (one account is always class A).
        ({"tier": "B"}, ["tier-below-class"]),
        ({"tier": None}, []),
        # Revenue falling two years running.
        ({"revenue": {2023: 300, 2024: 200, 2025: 120}}, ["revenue-falling"]),
        ({"revenue": {2023: 100, 2024: 200, 2025: 120}}, []),
        # Cost to serve above revenue.
        ({"cost_to_serve": 121}, ["unprofitable"]),
        ({"cost_to_serve": 120}, []),
        ({"cost_to_serve": None}, []),
        # A competitor rated a high threat.
        ({"competitors.0.threat": "high"}, ["competitor-threat"]),
        ({"competitors.0.threat": None}, []),
    ],
)  # fmt: skip
def test_rule_fires_only_when_the_dossier_shows_the_problem(changes: dict[str, Any], expected: list[str]) -> None:
    assert kinds(account(changes)) == expected


def test_single_threaded_when_one_person_of_ours_holds_every_relationship() -> None:
    executives = [
        {"id": "ceo", "name": "Ceo", "level": "executive", "roles": ["decision-maker"], "counterpart": "olena",
         "last_contact": "2026-11-01"},
        {"id": "cfo", "name": "Cfo", "level": "executive", "counterpart": "olena", "last_contact": "2026-11-01"},
    ]  # fmt: skip
    assert kinds(account(stakeholders=executives)) == ["single-threaded"]
    assert kinds(account(stakeholders=executives[:1])) == [], "one relationship is not a thread"
    mixed = [executives[0], {**executives[1], "counterpart": "andriy"}]
    assert kinds(account(stakeholders=mixed)) == [], "two threads (and Olena covers the executive level)"


def test_single_threaded_goes_to_the_vip_lead_who_reassigns() -> None:
    executives = [
        {"id": "ceo", "name": "Ceo", "level": "executive", "roles": ["decision-maker"], "counterpart": "olena",
         "last_contact": "2026-11-01"},
        {"id": "cfo", "name": "Cfo", "level": "executive", "counterpart": "olena", "last_contact": "2026-11-01"},
    ]  # fmt: skip
    (alert,) = alerts(account(stakeholders=executives), vip_lead="iryna")
    assert alert.responsible == "iryna"
    (alert,) = alerts(account(stakeholders=executives))
    assert alert.responsible == "andriy", "without a programme lead, the account's KAM"


def test_tier_above_the_pareto_class_is_a_softer_alert() -> None:
    big = account(id="big", revenue={2025: 1000})
    small = account(id="small", revenue={2025: 10}, cost_to_serve=5)  # tier A, computed class C
    found = alerts(big, small)
    assert [(a.account_id, a.kind, a.severity) for a in found] == [("small", "tier-above-class", "low")]
    assert dict(found[0].values) == {"tier": "A", "pareto": "C"}


def test_stale_after_days_is_an_option() -> None:
    assert kinds(account(), stale_after_days=80) == ["stale-contact"]  # User: 82 days


def test_released_account_keeps_only_its_overdue_promises() -> None:
    gone = account(
        {"status": "released", "competitors.0.threat": "high", "actions.0.due": "2026-11-01", "cost_to_serve": 500}
    )
    assert kinds(gone) == ["overdue-action"]


def test_each_alert_says_who_acts_why_and_where_the_method_is() -> None:
    changes = {"actions.0.due": "2026-11-01", "actions.0.owner": None, "stakeholders.2.last_contact": "2026-01-01"}
    overdue, stale = alerts(account(changes))
    assert (overdue.kind, overdue.severity, overdue.responsible) == ("overdue-action", "high", "andriy")
    assert overdue.playbook == "playbooks/coordination.md#overdue-actions"
    assert overdue.playbook_section == "Overdue actions"
    assert overdue.why.endswith(".") and overdue.why.count(". ") == 0, "one sentence"
    assert (stale.kind, stale.severity, stale.responsible) == ("stale-contact", "medium", "iryna")
    assert stale.playbook == "playbooks/comb-principle.md#staying-in-touch"


def test_most_severe_first_then_the_biggest_account() -> None:
    big = account({"stakeholders.2.last_contact": None}, id="big", revenue={2025: 1000})
    small = account({"competitors.0.threat": "high"}, id="small", revenue={2025: 900}, tier="A")
    assert [(a.severity, a.account_id) for a in alerts(big, small)] == [("high", "small"), ("low", "big")]


def test_display_text_goes_through_the_given_gettext() -> None:
    portfolio = Portfolio(team=TEAM, accounts=(account({"competitors.0.threat": "high"}),))
    context = Context(portfolio, compute(portfolio), TODAY, gettext=lambda text: f"«{text}»")
    (alert,) = compute_alerts(context)
    assert alert.title == "«Competitor hunting the client»"
    assert alert.message == "«%(competitor)s is rated a high threat»"
    assert alert.values == {"competitor": "Rival"}, "dossier values stay out of the translated text"


ALERTING = """\
name: Acme
owner: andriy-melnyk
tier: A
status: active
revenue: {2025: 100}
stakeholders:
  - {id: ceo, name: Ceo, level: executive, roles: [decision-maker], counterpart: olena-koval, last_contact: 2026-11-01}
actions:
  - {action: "**Call** <script>x</script> {{ 7*7 }}", owner: andriy-melnyk, due: 2026-11-21}
meetings:
  - {date: 2026-11-02}
"""


def test_plan_page_box_and_alerts_page_print_the_alert_escaped(make_project: ProjectFactory) -> None:
    pages = pipeline.generate(load_project(make_project(accounts={"acme": ALERTING}) / "mkdocs.yml")).pages
    line = (
        r"**Overdue action:** \*\*Call\*\* &lt;script&gt;x&lt;/script&gt; \{\{ 7\*7 \}\} — due Nov 21, 2026; "
        "owner: [Andriy Melnyk](../people/andriy-melnyk.md)"
    )
    plan = pages["accounts/acme.md"]
    assert r'<p class="admonition-title" markdown="span">Needs attention \(1\)</p>' in plan
    assert f"- {line}." in plan.replace('<span class="kg-badge kg-badge--level kg-level-high">High</span> ', "")
    assert line.replace("../", "") in pages["alerts.md"]
    assert "<script>" not in plan + pages["alerts.md"] + pages["people/andriy-melnyk.md"]
    # The fixture site has no coordination playbook: the alert names the section without a dead link.
    assert "](../playbooks/coordination.md" not in plan


def test_no_alerts_means_no_box_and_a_calm_alerts_page(make_project: ProjectFactory) -> None:
    quiet = ALERTING.replace("due: 2026-11-21", "due: 2026-12-21")
    pages = pipeline.generate(load_project(make_project(accounts={"acme": quiet}) / "mkdocs.yml")).pages
    assert "Needs attention" not in pages["accounts/acme.md"]
    assert "*No alerts as of Nov 22, 2026" in pages["alerts.md"]
    assert r"Nothing needs your attention today\." in pages["people/andriy-melnyk.md"]


def test_the_alerts_page_stays_short_in_a_large_portfolio(tmp_path: Path) -> None:
    site = write_site(tmp_path / "big", accounts=80, stakeholders=6)
    project = load_project(site / "mkdocs.yml")
    portfolio = pipeline.load(project)
    page = pipeline.generate(project, portfolio).pages["alerts.md"]
    by_account = page.split("## By account", 1)[1]
    listed = re.findall(r"^### ", by_account, flags=re.M)
    affected = len({a for a in re.findall(r"\(accounts/([a-z0-9-]+)\.md\)", page)})
    assert len(listed) == 50
    assert re.search(r"The 50 accounts with the most severe alerts, of 80\\?\.", by_account)
    assert affected > 50, "accounts past the first 50 are still named in the overview by rule"
    # A rule names its first twelve accounts, then says how many more there are.
    rows = [line for line in page.split("## By rule", 1)[1].split("##", 1)[0].splitlines() if line.startswith("| ")]
    assert any(re.search(r"\)(?: and \d+ more)", row) for row in rows)
    assert all(row.count("(accounts/") <= 12 for row in rows)
    # Who must act: one row per person, linked to their worklist.
    people = page.split("## By person", 1)[1].split("## By account", 1)[0]
    assert "(people/" in people
