"""The method's rules (issue 22): each fires on a dossier that shows the problem, is silent on one that does
not, and reads in English, Russian and Ukrainian."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kamgen.build import pipeline as build
from kamgen.config import ContactRhythm, KamgenOptions, MeetingRhythm
from kamgen.data.history import parse_stage_moves, read_stage_moves
from kamgen.data.load import Portfolio
from kamgen.i18n import translations
from kamgen.insights.alerts import RULES, Alert, Context, compute_alerts
from kamgen.insights.analysis import compute
from kamgen.insights.sales import pipeline, retention
from kamgen.insights.vip import enrolment
from kamgen.mkdocs_yml import load_project
from kamgen.render.formatting import Formatter
from kamgen.render.markdown import escape_message
from kamgen.render.site import SiteGenerator
from tests.data.test_history import commit, git
from tests.insights.test_alerts import TEAM, TODAY, account, kinds
from tests.support import ProjectFactory

NEW_RULES = {
    "risk-unmanaged", "at-risk-no-risk", "risk-review-passed", "contact-rhythm", "contact-imbalance",
    "hostile-key-person", "weak-decider", "unknown-signer", "stalled-deal", "deal-next-step",
    "deal-decision-overdue", "meeting-rhythm", "open-issue", "vip-goal-lapsed", "vip-contacts-unconfirmed",
    "vip-monopolised", "method-cost-value", "method-review", "no-revenue-year",
}  # fmt: skip
DEAL = {"what": "Fleet module", "value": 50, "stage": "proposal", "next_step": "Demo", "next_step_date": "2026-12-01",
        "decision_due": "2027-01-15", "since": "2026-11-01"}  # fmt: skip
ISSUE = {"issue": "Late delivery", "kind": "delivery", "opened": "2026-11-10"}
RISK = {"risk": "CFO leaves", "likelihood": "high", "impact": "high", "owner": "andriy", "mitigation": "Meet the CEO"}
METHOD = {"method": "On-site engineer", "status": "active", "cost": 3, "client_value": "low", "review": "2026-10-01"}
VIP = {"assignee": "iryna", "goals": {"contacts_updated": "2026-06-01", "feedback": "2026-03-01"}}
ME = [{"id": "ceo", "name": "Ceo", "level": "manager", "roles": ["decision-maker"], "counterpart": "andriy",
       "last_contact": "2026-11-01"}]  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # Risks: rated high without owner or mitigation; at-risk with none recorded; review date passed.
        ({"risks": [RISK]}, []),
        ({"risks": [{**RISK, "owner": None}]}, ["risk-unmanaged"]),
        ({"risks": [{**RISK, "mitigation": None}]}, ["risk-unmanaged"]),
        ({"risks": [{**RISK, "likelihood": "medium", "impact": "low", "owner": None}]}, []),
        ({"status": "at-risk"}, ["at-risk-no-risk"]),
        ({"status": "at-risk", "risks": [RISK]}, []),
        ({"risks": [{**RISK, "review": "2026-11-21"}]}, ["risk-review-passed"]),
        ({"risks": [{**RISK, "review": "2026-11-22"}]}, []),
        # Contact rhythm by weight: a decision maker monthly, influence 4 every two months, others quarterly.
        ({"stakeholders.0.last_contact": "2026-10-21"}, ["contact-rhythm"]),  # 32 days
        ({"stakeholders.0.last_contact": "2026-10-22"}, []),  # 31 days
        ({"stakeholders.1.last_contact": "2026-09-20"}, ["contact-rhythm"]),  # 63 days
        ({"stakeholders.2.last_contact": "2026-08-21"}, ["contact-rhythm"]),  # 93 days
        ({"stakeholders.2.last_contact": "2026-08-22"}, []),  # 92 days
        ({"stakeholders.0.last_contact": "2026-10-01", "status": "prospect"}, []),  # no rhythm before the first sale
        # Contact spent on a low-influence person rather than the decision makers.
        ({"meetings": [{"date": d, "attendees": ["user"]} for d in ("2026-09-01", "2026-10-01", "2026-11-10")]},
         ["contact-imbalance"]),
        ({"meetings": [{"date": d, "attendees": ["user", "ceo"]} for d in ("2026-09-01", "2026-10-01", "2026-11-10")]},
         []),
        # Key people: influential opponents and skeptics, weak ties to deciders, an unknown signer.
        ({"stakeholders.1.attitude": "opponent"}, ["hostile-key-person"]),
        ({"stakeholders.1.attitude": "skeptic"}, ["hostile-key-person"]),
        ({"stakeholders.2.attitude": "opponent"}, []),  # influence 2
        ({"stakeholders.0.relationship": 2}, ["weak-decider"]),
        ({"stakeholders.0.relationship": 3}, []),
        ({"decision_process": [{"step": "signs", "who": ["ceo"]}], "stakeholders.0.counterpart": None,
          "stakeholders.0.influence": 3}, ["comb-gap", "unknown-signer"]),
        # Deals: stalled by stage or by time in a stage, a dated next step, the client's decision date.
        ({"deals": [DEAL]}, []),
        ({"deals": [{**DEAL, "stage": "stalled"}]}, ["stalled-deal"]),
        ({"deals": [{**DEAL, "since": "2026-09-22"}]}, ["stalled-deal"]),  # 61 days
        ({"deals": [{**DEAL, "since": "2026-09-23"}]}, []),  # 60 days
        ({"deals": [{**DEAL, "since": "2025-01-01", "stage": "won"}]}, []),
        ({"deals": [{**DEAL, "next_step_date": None}]}, ["deal-next-step"]),
        ({"deals": [{**DEAL, "next_step_date": "2026-11-21"}]}, ["deal-next-step"]),
        ({"deals": [{**DEAL, "decision_due": "2026-11-21"}]}, ["deal-decision-overdue"]),
        ({"deals": [{**DEAL, "decision_due": "2026-11-21", "stage": "lost"}]}, []),
        # Meetings by tier (A: 31 days), service problems open past the service level (14 days).
        ({"meetings": [{"date": "2026-10-21"}]}, ["meeting-rhythm"]),
        ({"meetings": []}, ["meeting-rhythm"]),
        ({"meetings": [{"date": "2026-10-21"}], "tier": "C"}, ["tier-below-class"]),  # C: no rhythm
        ({"issues": [{**ISSUE, "opened": "2026-11-07"}]}, ["open-issue"]),  # 15 days
        ({"issues": [ISSUE]}, []),
        ({"issues": [{**ISSUE, "opened": "2026-01-01", "resolved": "2026-02-01"}]}, []),
        # VIP rounds: goals of an earlier round, a contact update nobody's contacts bear out, a monopoly.
        ({"vip_program": VIP}, []),
        ({"vip_program": {**VIP, "goals": {"feedback": "2025-11-21"}}}, ["vip-goal-lapsed"]),
        ({"vip_program": VIP, "stakeholders.2.last_contact": None}, ["no-contact-date", "vip-contacts-unconfirmed"]),
        ({"vip_program": {"assignee": "andriy"}, "stakeholders": ME}, ["vip-monopolised"]),
        ({"vip_program": {"assignee": "iryna"}, "stakeholders": ME}, []),
        # Methods: costly (5 % of revenue or more) and little valued; not reviewed in six months.
        ({"relationship_methods": {"trust": [{**METHOD, "cost": 6}]}}, ["method-cost-value"]),
        ({"relationship_methods": {"trust": [METHOD]}}, []),
        ({"relationship_methods": {"trust": [{**METHOD, "review": "2026-05-22"}]}}, ["method-review"]),
        ({"relationship_methods": {"trust": [{**METHOD, "review": None, "status": "planned"}]}}, []),
        # A missing revenue year is unknown, not a loss.
        ({"revenue": {2024: 100}, "id": "old", "tier": None}, ["no-revenue-year"]),
    ],
)  # fmt: skip
def test_method_rule_fires_only_when_the_dossier_shows_the_problem(
    changes: dict[str, Any], expected: list[str]
) -> None:
    fields = {k: v for k, v in changes.items() if "." not in k}
    paths = {k: v for k, v in changes.items() if "." in k}
    other = account(id="other", revenue={2025: 1}, cost_to_serve=None, tier=None)  # keeps 2025 the report year
    found = [a.kind for a in compute_alerts(context(account(paths, **fields), other)) if a.account_id != "other"]
    assert sorted(found) == expected


def context(*accounts: Any, options: KamgenOptions | None = None, **more: Any) -> Context:
    portfolio = Portfolio(team=TEAM, accounts=accounts)
    return Context(portfolio, compute(portfolio), TODAY, options=options or KamgenOptions(), **more)


def test_every_new_rule_is_in_the_table() -> None:
    assert {r.kind for r in RULES} >= NEW_RULES


def test_a_missing_revenue_year_is_not_a_loss() -> None:
    old = account(id="old", revenue={2024: 100}, cost_to_serve=90)
    other = account(id="other", revenue={2025: 1}, cost_to_serve=None, tier=None)
    figures = compute(Portfolio(team=TEAM, accounts=(old, other)))
    assert figures["old"].profit is None and not figures["old"].unprofitable
    assert "unprofitable" not in kinds(old, other)


def test_thresholds_are_options() -> None:
    late = account({"stakeholders.0.last_contact": "2026-10-01"})  # 52 days
    assert [a.kind for a in compute_alerts(context(late))] == ["contact-rhythm"]
    relaxed = KamgenOptions(contact_rhythm=ContactRhythm(key_people=60), meeting_rhythm=MeetingRhythm(A=10))
    assert [a.kind for a in compute_alerts(context(late, options=relaxed))] == ["meeting-rhythm"]
    stalled = account(deals=[{**DEAL, "since": "2026-10-01"}])
    assert [a.kind for a in compute_alerts(context(stalled, options=KamgenOptions(stalled_deal_days=30)))] == [
        "stalled-deal"
    ]


def test_a_stage_move_seen_in_git_wins_over_an_old_since() -> None:
    stuck = account(deals=[{**DEAL, "since": "2026-01-01"}])
    assert [a.kind for a in compute_alerts(context(stuck))] == ["stalled-deal"]
    moved = {"acme": {"Fleet module": date(2026, 11, 1)}}
    assert [a.kind for a in compute_alerts(context(stuck, stage_moves=moved))] == []


def test_stage_moves_are_read_from_the_patches_of_git_log() -> None:
    log = (
        "\x1e2026-10-05T10:00:00+02:00\n"
        "diff --git a/acme.yaml b/acme.yaml\n--- a/acme.yaml\n+++ b/acme.yaml\n@@ -1,4 +1,4 @@\n"
        " deals:\n   - what: Fleet module\n     value: 50\n-    stage: proposal\n+    stage: negotiation\n"
        '   - what: "Spare parts"\n+    stage: interest\n'
        "\x1e2026-03-01T10:00:00+02:00\n"
        "diff --git a/acme.yaml b/acme.yaml\n--- a/acme.yaml\n+++ b/acme.yaml\n@@ -1,4 +1,4 @@\n"
        "   - what: Fleet module\n-    stage: interest\n+    stage: proposal\n"
    )
    # The newest move counts; a deal only added (Spare parts) has not moved: its `since` says when it started.
    assert parse_stage_moves(log) == {"acme": {"Fleet module": date(2026, 10, 5)}}


def test_vip_goals_count_for_the_current_round_only() -> None:
    enrolled = account(vip_program={"goals": {"feedback": "2019-05-01", "referrals": "2026-05-01"}})
    current = enrolment(enrolled, date(2025, 11, 22))
    assert current is not None
    assert [g for g, _ in current.reached] == ["referrals"]
    assert "feedback" in current.missing


def _problem_accounts() -> list[Any]:
    """One dossier that triggers every new rule at least once."""
    return [
        account(
            status="at-risk", tier="A", revenue={2024: 100, 2025: 120},
            decision_process=[{"step": "signs", "who": ["user"]}],
            deals=[{**DEAL, "stage": "stalled"}, {**DEAL, "what": "Other", "next_step_date": None,
                                                  "decision_due": "2026-11-01"}],
            issues=[{**ISSUE, "opened": "2026-10-01"}],
            meetings=[{"date": d, "attendees": ["user"]} for d in ("2026-09-01", "2026-09-10", "2026-10-01")],
            relationship_methods={"trust": [{**METHOD, "cost": 60, "review": None}]},
            vip_program={"assignee": "andriy", "goals": {"contacts_updated": "2026-06-01", "feedback": "2020-01-01"}},
            stakeholders=[{**ME[0], "relationship": 1, "last_contact": "2026-10-01"},
                          {"id": "opp", "name": "Opp", "influence": 5, "attitude": "skeptic",
                           "counterpart": "andriy", "last_contact": "2026-11-20"},
                          {"id": "user", "name": "User", "influence": 1, "counterpart": "andriy"}],
        ),
        account(
            id="unknown", decision_process=[{"step": "signs", "who": ["head"]}],
            stakeholders=[{"id": "head", "name": "Head", "influence": 3, "last_contact": "2026-11-20"}],
        ),
        account(id="risky", status="active", risks=[{**RISK, "owner": None, "review": "2026-01-01"}]),
        account(id="gone", revenue={2024: 100}),
    ]  # fmt: skip


@pytest.mark.parametrize("language", ["en", "ru", "uk"])
def test_every_new_alert_reads_in_each_language(language: str) -> None:
    gettext = translations(language).gettext
    found = compute_alerts(context(*_problem_accounts(), gettext=gettext))
    assert {a.kind for a in found} >= NEW_RULES, "the problem accounts show every new rule"
    formatter = Formatter(language, "EUR", gettext)
    for alert in (a for a in found if a.kind in NEW_RULES):
        texts = (alert.title, alert.message, alert.why, alert.playbook_section)
        if language != "en":
            english = next(r for r in RULES if r.kind == alert.kind)
            assert alert.title != english.title, f"{alert.kind}: title not translated into {language}"
            assert alert.why != english.why, f"{alert.kind}: reason not translated into {language}"
        assert all(t and not t.startswith(" ") for t in texts)
        _render(alert, formatter)  # every placeholder of the translated message has its value


def _render(alert: Alert, formatter: Formatter) -> str:
    return escape_message(alert.message, {key: formatter.unknown() for key in alert.values})


def test_portfolio_pipeline_by_owner_and_stage_and_retention() -> None:
    deals = [{**DEAL, "value": 50}, {**DEAL, "what": "B", "stage": "decision", "owner": "iryna", "value": 30},
             {**DEAL, "what": "C", "stage": "won", "value": 99}]  # fmt: skip
    big = account(id="big", deals=deals, revenue={2024: 150, 2025: 120})
    risky = account(id="risky", status="at-risk", revenue={2025: 40}, tier=None)
    hunted = account({"competitors.0.threat": "high"}, id="hunted", revenue={2025: 10}, tier=None)
    gone = account(id="gone", status="released", revenue={2024: 70}, tier=None)
    portfolio = Portfolio(team=TEAM, accounts=(big, risky, hunted, gone))
    found = pipeline(portfolio)
    assert [(owner, total.count, total.value) for owner, _, total in found.rows] == [
        ("andriy", 1, 50.0), ("iryna", 1, 30.0),
    ]  # fmt: skip
    assert (found.totals["proposal"].value, found.totals["decision"].value, found.total.value) == (50, 30, 80)
    kept = retention(portfolio, compute(portfolio))
    assert (kept.released, kept.falling, kept.at_risk) == (70, 30, 50)
    assert [a.id for a in kept.risky_accounts] == ["risky", "hunted"]


def test_a_deal_moved_in_git_is_not_stalled_by_its_old_since(make_project: ProjectFactory) -> None:
    dossier = "name: Acme\nowner: andriy-melnyk\ntier: C\ndeals:\n  - what: Fleet module\n    value: 50\n"
    deal = "    next_step: Demo\n    next_step_date: 2026-12-20\n    since: 2026-01-10\n"
    root = make_project(accounts={"acme": dossier + "    stage: proposal\n" + deal})
    git(root, "init", "-q")
    commit(root, "Acme: a proposal", when="2026-01-10T09:00:00+02:00")
    assert read_stage_moves(root / "accounts") == {}, "added, never moved: `since` counts"
    stalled = pipeline_alerts(root)
    assert [a.kind for a in stalled] == ["stalled-deal"]
    (root / "accounts" / "acme.yaml").write_text(dossier + "    stage: negotiation\n" + deal, encoding="utf-8")
    commit(root, "Acme: negotiating", when="2026-11-01T09:00:00+02:00")
    assert read_stage_moves(root / "accounts") == {"acme": {"Fleet module": date(2026, 11, 1)}}
    assert pipeline_alerts(root) == [], "negotiating since Nov 1: 21 days, not stalled"
    page = build.generate(load_project(root / "mkdocs.yml")).pages["accounts/acme.md"]
    assert '| Fleet module | €50 | Negotiation | <span class="kg-date">Nov 1, 2026</span> |' in page


def pipeline_alerts(root: Path) -> list[Alert]:
    project = load_project(root / "mkdocs.yml")
    generator = SiteGenerator(project, build.load(project))
    return [a for a in generator.facts.alerts if a.kind in NEW_RULES and a.kind != "method-review"]
