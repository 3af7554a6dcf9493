"""collect(): one portfolio's facts for one audience, computed without rendering a page."""

from __future__ import annotations

import gettext
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kamgen.build import pipeline
from kamgen.data.history import NO_LOG
from kamgen.errors import ConfigError
from kamgen.insights.facts import Reuse, SiteFacts, collect
from kamgen.mkdocs_yml import load_project
from tests.support import MINIMAL_MKDOCS, REPO, write_project

# Three accounts of one industry; the biggest is restricted. An overdue action gives each an alert.
ACCOUNTS = {
    "big-co": """\
        name: Big Co
        owner: olena-koval
        industry: Retail
        revenue: {2025: 300}
        stakeholders:
          - id: vera
            name: Vera Big
            influence: 5
            counterpart: olena-koval
            contact:
              email: vera@big.example
        actions:
          - action: Call Vera
            owner: olena-koval
            due: 2020-01-01
        """,
    "small-co": """\
        name: Small Co
        owner: andriy-melnyk
        industry: Retail
        revenue: {2025: 100}
        actions:
          - action: Send the offer
            owner: andriy-melnyk
            due: 2020-01-01
        """,
    "secret-co": """\
        name: Secret Co
        owner: andriy-melnyk
        visibility: restricted
        industry: Retail
        revenue: {2025: 900}
        actions:
          - action: Call the board
            owner: andriy-melnyk
            due: 2020-01-01
        """,
}
# No git: the facts do not depend on where the test runs.
NO_HISTORY = MINIMAL_MKDOCS.replace("today: 2026-11-22", "today: 2026-11-22\n      history: false")


def facts_of(root: Path, **options: Any) -> SiteFacts:
    project = load_project(root / "mkdocs.yml")
    project.options = project.options.model_copy(update=options)
    return collect(project, pipeline.load(project), Reuse(), gettext.NullTranslations().gettext)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    # Without a playbooks folder's templates: collect() must not need anything a page needs.
    return write_project(tmp_path / "src", accounts=ACCOUNTS, mkdocs=NO_HISTORY)


def test_the_internal_audience_sees_no_restricted_account_and_no_contact(root: Path) -> None:
    facts = facts_of(root)
    assert [a.id for a in facts.portfolio.accounts] == ["big-co", "small-co"]
    assert [a.id for a in facts.ranked] == ["big-co", "small-co"]
    assert set(facts.account_by_id) == {"big-co", "small-co"}
    assert [a.id for a in facts.by_industry["Retail"]] == ["big-co", "small-co"]
    assert "secret-co" not in facts.figures.accounts
    assert {a.account_id for a in facts.alerts} == {"big-co", "small-co"}
    assert facts.account_by_id["big-co"].stakeholders[0].contact is None


def test_the_restricted_audience_sees_everything(root: Path) -> None:
    facts = facts_of(root, audience="restricted")
    assert [a.id for a in facts.ranked] == ["secret-co", "big-co", "small-co"]
    assert [a.id for a in facts.by_industry["Retail"]] == ["big-co", "secret-co", "small-co"]  # dossier order
    assert "secret-co" in {a.account_id for a in facts.alerts}
    contact = facts.account_by_id["big-co"].stakeholders[0].contact
    assert contact is not None and contact.email == "vera@big.example"


def test_alerts_are_grouped_by_account_and_by_person_in_their_order(root: Path) -> None:
    facts = facts_of(root, audience="restricted")
    assert facts.alerts, "an overdue action gives an alert"
    for account_id, alerts in facts.alerts_by_account.items():
        assert alerts == [a for a in facts.alerts if a.account_id == account_id]
    for person, alerts in facts.alerts_by_person.items():
        assert alerts == [a for a in facts.alerts if a.responsible == person]
    assert sum(len(a) for a in facts.alerts_by_account.values()) == len(facts.alerts)


def test_today_and_the_vip_round_come_from_the_options(root: Path) -> None:
    facts = facts_of(root, vip_round_days=30)
    assert str(facts.today) == "2026-11-22"
    assert str(facts.vip_round_start) == "2026-10-23"
    assert facts.planning.today == facts.today
    assert facts.history == {}


def test_collect_records_what_the_next_generation_may_reuse(root: Path) -> None:
    project = load_project(root / "mkdocs.yml")
    portfolio = pipeline.load(project)
    reuse = Reuse()
    first = collect(project, portfolio, reuse, gettext.NullTranslations().gettext)
    assert reuse.history is NO_LOG and reuse.stage_moves == {}
    assert set(reuse.views) == {"big-co", "small-co"}
    second = collect(project, portfolio, reuse, gettext.NullTranslations().gettext)
    assert second.portfolio.accounts == first.portfolio.accounts
    assert all(a is b for a, b in zip(second.portfolio.accounts, first.portfolio.accounts, strict=True))


def test_an_unknown_vip_lead_is_a_config_error(root: Path) -> None:
    with pytest.raises(ConfigError, match="olena-kovall"):
        facts_of(root, vip_lead="olena-kovall")


def test_the_facts_layer_imports_no_renderer() -> None:
    code = "import sys, kamgen.insights.facts; print(sorted(m for m in sys.modules if m.startswith('kamgen.render')))"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
