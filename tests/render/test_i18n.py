"""Languages: every label translated, a Russian and a Ukrainian site, language versions of playbooks."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from babel.messages.catalog import Catalog
from click.testing import CliRunner

from kamgen.build import pipeline
from kamgen.cli import cli
from kamgen.errors import ConfigError
from kamgen.i18n import LANGUAGES, SOURCE_LANGUAGE
from kamgen.i18n.catalogs import extract, load, problems
from kamgen.mkdocs_yml import load_project
from kamgen.render.formatting import Formatter
from tests.support import MINIMAL_MKDOCS, REPO, ProjectFactory, build_site, copy_example

NBSP, NNBSP = "\u00a0", "\u202f"


def with_language(mkdocs: str, language: str) -> str:
    return mkdocs.replace("  font: false\n", f"  font: false\n  language: {language}\n", 1)


# -- the catalogues ---------------------------------------------------------


@pytest.fixture(scope="module")
def template() -> Catalog:
    """Every label in the sources now (extracted afresh, not read from kamgen.pot)."""
    return extract()


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
def test_every_label_has_a_translation(template: Catalog, language: str) -> None:
    """A label added anywhere without a translation fails here, listed by name."""
    missing = problems(load(language), template)
    assert not missing, (
        f"{len(missing)} labels lack a {language} translation; run `python -m kamgen.i18n update`, "
        f"then translate them in kamgen/locale/{language}/LC_MESSAGES/kamgen.po:\n" + "\n".join(missing)
    )


def test_extraction_finds_labels_of_templates_code_theme_and_section_titles(template: Catalog) -> None:
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    assert {"Key account portfolio", "Executive", "Portfolio", "Playbooks", "yes", "Internal use only"} <= ids
    assert "Profitability verdict" in ids, "a section's front-matter title is a label"


# -- formatting for the locale ----------------------------------------------


@pytest.mark.parametrize(
    ("language", "money", "day", "share"),
    [
        ("en", "€1,450,000", "Jan 5, 2026", "12\\.5%"),
        ("ru", f"1{NBSP}450{NBSP}000{NBSP}€", f"5 янв\\. 2026{NNBSP}г\\.", "12,5%"),
        ("uk", f"1{NBSP}450{NBSP}000{NBSP}EUR", f"5 січ\\. 2026{NNBSP}р\\.", "12,5%"),
    ],
)
def test_money_dates_and_shares_follow_the_locale(language: str, money: str, day: str, share: str) -> None:
    formatter = Formatter(language, "EUR", lambda message: message)
    assert (formatter.money(1_450_000), formatter.date(date(2026, 1, 5)), formatter.percent(0.125)) == (
        money,
        day,
        share,
    )


# -- choosing the language --------------------------------------------------

ACCOUNTS = {
    "acme": """\
        name: Acme
        owner: olena-koval
        tier: A
        status: at-risk
        reference: true
        revenue: {2025: 1450000}
        """
}


def generate(make_project: ProjectFactory, language: str, playbooks: dict[str, str] | None = None) -> dict[str, str]:
    root = make_project(accounts=ACCOUNTS, playbooks=playbooks, mkdocs=with_language(MINIMAL_MKDOCS, language))
    return pipeline.generate(load_project(root / "mkdocs.yml")).pages


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["# Key account portfolio", "| Key account manager |", "At risk", "€1,450,000"]),
        (
            "ru",
            [
                "# Портфель ключевых клиентов",
                "| Ответственный менеджер |",
                "Под угрозой",
                f"1{NBSP}450{NBSP}000{NBSP}€",
            ],
        ),
        (
            "uk",
            [
                "# Портфель ключових клієнтів",
                "| Відповідальний менеджер |",
                "Під загрозою",
                f"1{NBSP}450{NBSP}000{NBSP}EUR",
            ],
        ),
    ],
)
def test_theme_language_chooses_the_labels(make_project: ProjectFactory, language: str, expected: list[str]) -> None:
    index = generate(make_project, language)["index.md"]
    for text in expected:
        assert text in index


def test_yes_and_no_are_words_of_the_site_language(make_project: ProjectFactory) -> None:
    plan = generate(make_project, "ru")["accounts/acme.md"]
    assert "| Можно ссылаться публично | да |" in plan


def test_a_language_kamgen_has_no_labels_in_is_a_config_error(make_project: ProjectFactory) -> None:
    root = make_project(accounts=ACCOUNTS, mkdocs=with_language(MINIMAL_MKDOCS, "de"))
    with pytest.raises(ConfigError) as error:
        pipeline.generate(load_project(root / "mkdocs.yml"))
    assert str(error.value) == (
        "mkdocs.yml: theme.language: kamgen has no labels in 'de' "
        "(choose one of: en, ru, uk; see 'Languages' in docs/guides/playbook-authors.md to add one)"
    )
    result = CliRunner().invoke(cli, ["check", "-f", str(root / "mkdocs.yml")])
    assert result.exit_code == 2
    assert "theme.language: kamgen has no labels in 'de'" in result.output


# -- playbooks in several languages -----------------------------------------

GUIDE = {
    "guide.md": "---\ntitle: Guide\n---\n# Guide\n\n## Gaps { #gaps }\n",
    "guide.ru.md": "---\ntitle: Руководство\n---\n# Руководство\n\n## Пробелы { #gaps }\n",
    "only-russian.ru.md": "---\ntitle: Только по-русски\n---\n# Только по-русски\n",
    "qbr.md": "---\nproduces: account-page\ntitle: QBR\n---\n# QBR {{ account.name }}\n",
    "qbr.ru.md": "---\nproduces: account-page\ntitle: Квартальный обзор\n---\n# Обзор {{ account.name }}\n",
}


def test_a_language_version_replaces_the_page_at_the_same_url(make_project: ProjectFactory) -> None:
    pages = generate(make_project, "ru", GUIDE)
    assert pages["playbooks/guide.md"].endswith("# Руководство\n\n## Пробелы { #gaps }\n")
    assert "playbooks/guide.ru.md" not in pages
    assert "# Только по-русски" in pages["playbooks/only-russian.md"]
    assert pages["accounts/acme/qbr.md"].endswith("# Обзор Acme\n")
    assert "- [Квартальный обзор](acme/qbr.md)" in pages["accounts/acme.md"]


@pytest.mark.parametrize("language", ["en", "uk"])
def test_other_languages_keep_the_unsuffixed_page(make_project: ProjectFactory, language: str) -> None:
    pages = generate(make_project, language, GUIDE)
    assert pages["playbooks/guide.md"].endswith("# Guide\n\n## Gaps { #gaps }\n")
    assert not any("only-russian" in path or ".ru" in path for path in pages)
    assert pages["accounts/acme/qbr.md"].endswith("# QBR Acme\n")


def test_section_titles_are_labels(make_project: ProjectFactory) -> None:
    section = {"sections/p.md": "---\ntitle: Profitability verdict\nproduces: section\n---\nText.\n"}
    assert "## Вывод о рентабельности\n" in generate(make_project, "ru", section)["accounts/acme.md"]


def _ids(text: str) -> list[str]:
    return re.findall(r"\{ #([a-z0-9-]+) \}", text)


def test_every_playbook_page_exists_in_russian_and_ukrainian() -> None:
    english = sorted(p.name for p in (REPO / "playbooks").glob("*.md") if p.name.count(".") == 1)
    for language in ("ru", "uk"):
        translated = sorted(
            p.name.replace(f".{language}.md", ".md") for p in (REPO / "playbooks").glob(f"*.{language}.md")
        )
        assert translated == english, language


@pytest.mark.parametrize("page", sorted(p.name for p in (REPO / "playbooks").glob("*.*.md")))
def test_translated_playbooks_keep_the_structure_and_anchor_ids(page: str) -> None:
    """Alerts link to sections by id, so every language carries the same ids on the same headings."""
    russian = (REPO / "playbooks" / page).read_text(encoding="utf-8")
    english = (REPO / "playbooks" / (page.split(".")[0] + ".md")).read_text(encoding="utf-8")

    def outline(text: str) -> list[str]:
        return [line.split(" ", 1)[0] + " ".join(_ids(line)) for line in text.splitlines() if line.startswith("#")]

    assert outline(russian) == outline(english)
    assert re.findall(r"^(produces|order): .*$", russian, re.M) == re.findall(r"^(produces|order): .*$", english, re.M)


# -- the example site in Russian and Ukrainian --------------------------------


def build_example(tmp_path_factory: pytest.TempPathFactory, language: str) -> Path:
    source = copy_example(tmp_path_factory.mktemp(f"example-{language}"))
    config = source / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  language: en\n" in text
    config.write_text(text.replace("  language: en\n", f"  language: {language}\n"), encoding="utf-8")
    site = source / "site"
    return build_site(config, site)


@pytest.fixture(scope="module")
def russian_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_example(tmp_path_factory, "ru")


def read(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_russian_portfolio_nav_and_money(russian_site: Path) -> None:
    html = read(russian_site, "")
    for text in [
        "Портфель ключевых клиентов",
        "Ответственный менеджер",
        "Класс по Парето",
        f"1{NBSP}450{NBSP}000{NBSP}€",
    ]:
        assert text in html
    nav = re.findall(r'class="md-tabs__link[^"]*"[^>]*>\s*([^<]+?)\s*<', html)
    assert nav[:3] == ["Портфель", "Команда", "Предупреждения"]
    assert "Руководства" in nav
    assert "Key account portfolio" not in html
    assert "Только для внутреннего использования" in html, "the theme's footer speaks the site's language too"


def test_russian_plan_page(russian_site: Path) -> None:
    html = read(russian_site, "accounts/severtrans")
    for text in [
        "Контактные лица",
        "Процесс принятия решения",
        "Под угрозой",
        "Требует внимания",
        "Вывод о рентабельности",
    ]:
        assert text in html
    assert f"15 сент. 2026{NNBSP}г." in html, "dates in the Russian medium format"
    assert "Stakeholders" not in html


def test_russian_playbooks_at_the_same_urls(russian_site: Path) -> None:
    html = read(russian_site, "playbooks/comb-principle")
    assert "<h1" in html and "Контактные лица и принцип гребёнки" in html
    for anchor in ("gaps", "single-threaded-accounts", "staying-in-touch"):
        assert f'id="{anchor}"' in html
    assert not (russian_site / "playbooks" / "comb-principle.ru").exists()


def test_every_link_to_a_playbook_section_lands_on_it_in_russian(russian_site: Path) -> None:
    """Alerts, sections and playbooks link to section ids; none may dangle in the Russian site."""
    checked: set[str] = set()
    for page in russian_site.rglob("*.html"):
        base = "/" + page.relative_to(russian_site).as_posix()
        for href in re.findall(r'href="([^"#]*playbooks/[^"#]*)#([^"]+)"', page.read_text(encoding="utf-8")):
            target = urljoin(base, href[0])
            checked.add(f"{target}#{href[1]}")
    assert len(checked) >= 12, checked
    for link in sorted(checked):
        target, anchor = link.split("#")
        html = (russian_site / unquote(target).lstrip("/") / "index.html").read_text(encoding="utf-8")
        assert f'id="{anchor}"' in html, f"{link} has no such section"


def test_ukrainian_site_shows_ukrainian_labels(
    make_project: ProjectFactory, tmp_path_factory: pytest.TempPathFactory
) -> None:
    source = copy_example(tmp_path_factory.mktemp("example-uk"))
    config = source / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  language: en\n", "  language: uk\n"), encoding="utf-8"
    )
    tree = pipeline.generate(load_project(config))
    assert "# Портфель ключових клієнтів" in tree.pages["index.md"]
    assert "## Контактні особи" in tree.pages["accounts/severtrans.md"]
    assert [next(iter(item)) for item in tree.nav][:2] == ["Портфель", "Команда"]
    assert "## Прогалини { #gaps }" in tree.pages["playbooks/comb-principle.md"]
