"""The method on the example site: alerts, the VIP programme and people's worklists, as readers get them."""

from __future__ import annotations

import posixpath
import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

from kamgen.cli import cli
from kamgen.config import Project
from kamgen.data.load import load_portfolio
from kamgen.insights.alerts import RULES
from kamgen.mkdocs_yml import load_project
from kamgen.render.site import SiteGenerator
from tests.support import MINIMAL_MKDOCS, REPO, TODAY, ProjectFactory

EVERY_RULE = {r.kind for r in RULES}


@pytest.fixture(scope="module")
def generator() -> SiteGenerator:
    """The example as the internal build sees it, judged as of TODAY."""
    project = load_project(REPO / "mkdocs.yml")
    options = project.options.model_copy(update={"today": date.fromisoformat(TODAY)})
    project = Project(project.root, options, language=project.language, site_name=project.site_name)
    return SiteGenerator(project, load_portfolio(project.team_file, project.accounts_dir, project.root))


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def text(html: str) -> str:
    """What a reader sees in the page's article: tags and permalinks dropped, white space collapsed."""
    article = html[html.index("<article") : html.index("</article>")]
    words = unescape(re.sub(r"<[^>]+>", " ", article)).replace("¶", " ")
    return re.sub(r"\s+", " ", words).replace(" .", ".").replace(" :", ":").replace(" ,", ",")


def test_the_example_portfolio_exercises_every_alert_rule(generator: SiteGenerator) -> None:
    assert {a.kind for a in generator.facts.alerts} == EVERY_RULE


def test_alerts_page_shows_every_alert_grouped_by_account(example_site: Path, generator: SiteGenerator) -> None:
    html = page(example_site, "alerts")
    for alert in generator.facts.alerts:
        assert alert.title in html, alert.kind
    for account_id in {a.account_id for a in generator.facts.alerts}:
        assert f'href="../accounts/{account_id}/"' in html, account_id
    seen = text(html)
    assert "Single-threaded account: Maria Petrenko is the only person of ours the client knows" in seen
    assert "Revenue falling: Revenue fell two years running: €980,000 in 2023, €760,000 in 2025" in seen
    assert "Final decision maker unknown: No stakeholder is marked as decision maker" in seen


def test_every_alert_links_to_a_playbook_heading_that_exists(example_site: Path, generator: SiteGenerator) -> None:
    for alert in generator.facts.alerts:
        path, _, anchor = alert.playbook.partition("#")
        target = example_site / path.removesuffix(".md") / "index.html"
        assert target.is_file(), f"{alert.kind}: {path} is not a page of the site"
        assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), f"{alert.kind}: no heading #{anchor} in {path}"


@pytest.mark.parametrize("url", ["alerts", "vip", "accounts/lumen-telecom", "people/maria-petrenko"])
def test_playbook_links_on_method_pages_resolve(example_site: Path, url: str) -> None:
    links = re.findall(r'href="([^"]*playbooks/[^"]*)"', page(example_site, url))
    assert links, f"{url} links to no playbook"
    for href in links:
        target, _, anchor = href.partition("#")
        folder = example_site / posixpath.normpath(posixpath.join(url, target))
        html = (folder / "index.html").read_text(encoding="utf-8")
        assert not anchor or f'id="{anchor}"' in html, f"{url}: {href}"


def test_plan_page_opens_with_what_needs_attention(example_site: Path) -> None:
    html = page(example_site, "accounts/lumen-telecom")
    box = html[html.index('class="admonition danger kg-alerts"') :]
    box = box[: box.index("</div>")]
    assert html.index("kg-alerts") < html.index('id="profile"'), "the box comes before the plan"
    assert '<p class="admonition-title">Needs attention (16)</p>' in box
    assert "Single-threaded account:" in box
    assert 'href="../../playbooks/comb-principle/#single-threaded-accounts"' in box
    assert "kg-alerts" not in page(example_site, "accounts/polar-foods"), "a released client has nothing to chase"


def test_person_page_is_a_worklist(example_site: Path) -> None:
    html = page(example_site, "people/maria-petrenko")
    assert re.findall(r"<h2[^>]*>([^<]+)<", html) == [
        "Needs your attention", "Open actions", "Accounts owned", "VIP programme list", "Client stakeholders covered",
    ]  # fmt: skip
    seen = text(html)
    assert "Overdue action: Introduce Iryna Tkachenko and Sergey Volkov to the client's specialists" in seen
    lead = text(page(example_site, "people/olena-koval"))
    assert "Single-threaded account:" in lead, "the programme lead is the one who reassigns"
    assert (
        "VIP programme list Account Goals reached Next goal Last progress Northwind Logistics 4 / 7 Volume grown"
        in lead
    )


def test_vip_page_shows_lead_lists_and_goal_progress(example_site: Path) -> None:
    seen = text(page(example_site, "vip"))
    assert "Programme lead Olena Koval, Sales director — plans the work" in seen
    for name, client in [("Andriy Melnyk", "Aurora Retail Group"), ("Дмитрий Соколов", "«СеверТранс»")]:
        assert f"{name} " in seen and client in seen
    assert "Relationships renewed 3 / 4 «СеверТранс»" in seen
    assert "Referrals obtained 0 / 4 Northwind Logistics, Aurora Retail Group, «СеверТранс», Lumen Telecom" in seen
    # Goals count per round: Northwind's cross-sell of 2019 is due again.
    assert "New items cross-sold 0 / 4 Northwind Logistics" in seen
    assert "Clients not in the programme" in seen and "Meridian Hotels" in seen
    assert "Lumen Telecom: Maria Petrenko is the only person of ours the client knows" in seen
    assert "Kestrel" not in seen, "restricted accounts stay out of the internal build"


def test_alerts_and_vip_programme_are_in_the_nav(example_site: Path) -> None:
    html = page(example_site, "")
    tabs = re.findall(r'class="md-tabs__link"[^>]*>\s*([^<]+?)\s*<', html)
    assert tabs[:4] == ["Portfolio", "Team", "Alerts", "VIP programme"]


def test_vip_lead_must_be_a_person_of_the_team(make_project: ProjectFactory) -> None:
    mkdocs = MINIMAL_MKDOCS.replace("today: 2026-11-22", "today: 2026-11-22\n      vip_lead: olena-kowal")
    root = make_project(accounts={"acme": "name: Acme\nowner: olena-koval\n"}, mkdocs=mkdocs)
    result = CliRunner().invoke(cli, ["check", "-f", str(root / "mkdocs.yml")])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "Error: mkdocs.yml: plugins.kamgen.vip_lead: 'olena-kowal' is not a person in team.yaml"
        " — did you mean 'olena-koval'? (fix the id or add the person)"
    )


def test_without_a_lead_the_vip_page_asks_for_one(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"acme": "name: Acme\nowner: olena-koval\n"})
    project = load_project(root / "mkdocs.yml")
    tree = SiteGenerator(project, load_portfolio(project.team_file, project.accounts_dir, root)).generate()
    assert (
        "**Task:** appoint a programme lead and name them in the kamgen plugin options \\(vip\\_lead\\)"
        in (tree.pages["vip.md"])
    )
    assert "Nobody works the programme yet" in tree.pages["vip.md"]
