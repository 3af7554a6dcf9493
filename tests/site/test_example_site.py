"""The example site, built end to end with `kamgen build`, as readers will get it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kamgen.data.load import load_portfolio
from kamgen.search import read_docs
from tests.support import REPO

PORTFOLIO = load_portfolio(REPO / "team.yaml", REPO / "accounts", REPO)
INTERNAL = [a for a in PORTFOLIO.accounts if a.visibility == "internal"]
RESTRICTED = [a for a in PORTFOLIO.accounts if a.visibility == "restricted"]
CONTACTS = [
    value
    for account in PORTFOLIO.accounts
    for s in account.stakeholders
    if s.contact
    for value in (s.contact.email, s.contact.phone)
    if value
]


def text_files(site: Path) -> dict[Path, str]:
    return {
        p: p.read_text(encoding="utf-8", errors="replace")
        for p in site.rglob("*")
        if p.is_file() and p.suffix in (".html", ".json", ".xml", ".js", ".css", ".svg", ".txt")
    }


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_every_contract_url_exists(example_site: Path) -> None:
    assert (example_site / "index.html").is_file()
    for account in INTERNAL:
        assert (example_site / "accounts" / account.id / "index.html").is_file(), account.id
    for person_id in PORTFOLIO.team:
        assert (example_site / "people" / person_id / "index.html").is_file(), person_id
    for stem in ("index", "comb-principle", "vip-programme", "five-ways", "abc-classification"):
        url = "playbooks" if stem == "index" else f"playbooks/{stem}"
        assert (example_site / url / "index.html").is_file(), stem


def test_portfolio_lists_every_account_with_its_figures(example_site: Path) -> None:
    html = page(example_site, "")
    for account in INTERNAL:
        assert f'href="accounts/{account.id}/"' in html, account.id
    assert "€1,450,000" in html  # Northwind's 2025 revenue
    assert "Pareto class" in html


def test_account_plan_has_every_section(example_site: Path) -> None:
    html = page(example_site, "accounts/northwind-logistics")
    for heading in (
        "Profile", "Needs", "Decision process", "Stakeholders", "Relationship methods",
        "Risks", "Actions", "Meetings", "VIP programme", "Notes",
    ):  # fmt: skip
        assert re.search(rf"<h2[^>]*>{re.escape(heading)}", html), heading
    assert "Olga Ivanova" in html
    assert 'href="../../people/olena-koval/"' in html


def test_cyrillic_account_renders_in_its_own_language(example_site: Path) -> None:
    html = page(example_site, "accounts/severtrans")
    assert "«СеверТранс»" in html
    assert "Ольга Кузнецова" in html


def test_person_page_lists_owned_accounts_and_covered_stakeholders(example_site: Path) -> None:
    html = page(example_site, "people/olena-koval")
    assert 'href="../../accounts/northwind-logistics/"' in html
    assert "Olga Ivanova" in html  # a stakeholder Olena covers at Northwind


def test_accounts_are_not_in_the_global_nav(example_site: Path) -> None:
    html = page(example_site, "")
    nav = html[html.index('class="md-nav md-nav--primary') : html.index('class="md-nav md-nav--secondary')]
    assert "accounts/" not in nav, "every account in the nav makes big portfolios quadratic to build"
    assert "playbooks/comb-principle/" in nav


def test_internal_build_contains_nothing_restricted(example_site: Path) -> None:
    assert RESTRICTED and CONTACTS, "the example must exercise the audience rules"
    secrets = [a.name for a in RESTRICTED] + [a.id for a in RESTRICTED] + CONTACTS
    # Private text values (numbers such as 0.05 also occur in any stylesheet).
    secrets += [v for a in PORTFOLIO.accounts if a.private for v in a.private.values() if isinstance(v, str)]
    for path, text in text_files(example_site).items():
        for secret in secrets:
            assert secret not in text, f"{secret!r} leaked into {path.relative_to(example_site)}"


def test_internal_totals_do_not_count_restricted_accounts(example_site: Path) -> None:
    html = page(example_site, "")
    count = re.search(r'Accounts</span>\s*<span class="kg-card__value">(\d+)<', html)
    assert count is not None
    assert int(count.group(1)) == len(INTERNAL)


def test_restricted_build_shows_everything(restricted_site: Path) -> None:
    html = page(restricted_site, f"accounts/{RESTRICTED[0].id}")
    assert RESTRICTED[0].name in html
    assert any(contact in html for contact in CONTACTS)
    assert "Restricted information" in html


def test_search_index_covers_names_in_every_script(example_site: Path) -> None:
    titles = {doc["title"] for doc in read_docs(example_site)}
    assert "Northwind Logistics" in titles
    assert "«СеверТранс»" in titles


@pytest.mark.parametrize("attr", ["src", "href"])
def test_no_page_loads_anything_from_outside(example_site: Path, attr: str) -> None:
    tag = re.compile(rf"<(script|link|img|iframe|source)\b[^>]*\b{attr}=\"(https?:)?//[^\"]+\"", re.I)
    for path, text in text_files(example_site).items():
        if path.suffix == ".html":
            found = tag.search(text)
            assert found is None, f"{path.relative_to(example_site)} loads {found.group(0)}"
    assert "fonts.googleapis.com" not in page(example_site, "")
