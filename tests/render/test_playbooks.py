"""Playbook templates: what they produce, whom they apply to, and how they fail."""

from __future__ import annotations

import re

import pytest

from kamgen.build import pipeline
from kamgen.errors import TemplateError
from kamgen.mkdocs_yml import load_project
from tests.support import ProjectFactory

ACCOUNTS = {
    "big": "name: Big Co\nowner: olena-koval\ntier: A\nstatus: active\nrevenue: {2025: 900}\n",
    "risky": "name: Risky Ltd\nowner: andriy-melnyk\ntier: B\nstatus: at-risk\nrevenue: {2025: 100}\n",
}


def generate(make_project: ProjectFactory, playbooks: dict[str, str]) -> dict[str, str]:
    root = make_project(accounts=ACCOUNTS, playbooks=playbooks)
    return pipeline.generate(load_project(root / "mkdocs.yml")).pages


def test_section_goes_only_to_matching_accounts(make_project: ProjectFactory) -> None:
    pages = generate(
        make_project,
        {
            "sections/recovery.md": """\
                ---
                title: Recovery plan
                produces: section
                applies_to: {status: [at-risk]}
                ---
                Win back {{ account.name }}.
                """,
        },
    )
    assert "## Recovery plan\n\nWin back Risky Ltd." in pages["accounts/risky.md"]
    assert "Recovery plan" not in pages["accounts/big.md"]
    assert "playbooks/sections/recovery.md" not in pages, "a section is not a page of its own"


def test_criteria_combine_and_pareto_class_is_computed(make_project: ProjectFactory) -> None:
    pages = generate(
        make_project,
        {
            "a.md": "---\nproduces: section\ntitle: For A\napplies_to: {tier: [A, B], pareto_class: [A]}\n---\nA!\n",
        },
    )
    assert "## For A" in pages["accounts/big.md"]
    assert "## For A" not in pages["accounts/risky.md"]  # tier B, but Pareto class B


def test_account_page_is_one_page_per_matching_account(make_project: ProjectFactory) -> None:
    pages = generate(
        make_project,
        {"qbr.md": "---\nproduces: account-page\ntitle: QBR deck\n---\n# QBR: {{ account.name }}\n"},
    )
    assert pages["accounts/big/qbr.md"] == "---\ntitle: 'QBR: Big Co'\n---\n\n# QBR: Big Co\n"
    assert pages["accounts/risky/qbr.md"].endswith("# QBR: Risky Ltd\n")
    assert "- [QBR deck](big/qbr.md)" in pages["accounts/big.md"]


def test_plain_page_keeps_its_front_matter_and_sees_the_portfolio(make_project: ProjectFactory) -> None:
    pages = generate(
        make_project,
        {"guide.md": "---\ntitle: Guide\nhide: [toc]\n---\n# Guide\n\n{{ accounts | length }} accounts.\n"},
    )
    assert pages["playbooks/guide.md"] == "---\nhide:\n- toc\ntitle: Guide\n---\n\n# Guide\n\n2 accounts.\n"


def test_underscore_files_are_partials_not_pages(make_project: ProjectFactory) -> None:
    pages = generate(
        make_project,
        {
            "_checklist.md": "- call {{ account.name }}\n",
            "sections/s.md": "---\nproduces: section\ntitle: S\n---\n{% include '_checklist.md' %}",
        },
    )
    assert not any("_checklist" in path for path in pages)
    assert "- call Big Co" in pages["accounts/big.md"]


def test_a_user_file_overrides_one_builtin_partial(make_project: ProjectFactory) -> None:
    pages = generate(make_project, {"_kamgen/account/risks.md": "## Risks\n\nOur own risk register.\n"})
    assert "Our own risk register." in pages["accounts/big.md"]
    assert "## Stakeholders" in pages["accounts/big.md"], "the other sections are still kamgen's"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("---\nproduces: section\n---\n\n{% if %}\n", "playbooks/bad.md:5: template syntax error: Expected an expression, got 'end of statement block'"),
        ("---\nproduces: section\n---\nok\n{{ account.nmae }}\n", "playbooks/bad.md:5: error: 'kamgen.data.model.Account object' has no attribute 'nmae'"),
        ("line\n{{ ''.__class__.__mro__ }}\n", "playbooks/bad.md:2: not allowed in a playbook: access to attribute '__class__' of 'str' object is unsafe."),
        ("{{ accounts[0].__init__.__globals__ }}\n", "playbooks/bad.md:1: not allowed in a playbook: access to attribute '__init__' of 'Account' object is unsafe."),
        ("{% include 'missing.md' %}\n", "template 'missing.md' not found (needed by 'bad.md')"),
        ("---\nproduces: chapter\n---\n", "playbooks/bad.md:1: front matter: produces: Input should be 'page', 'section' or 'account-page'"),
        ("---\napplies_to: {tier: [D]}\n---\n", "playbooks/bad.md:1: front matter: applies_to.tier[0]: Input should be 'A', 'B' or 'C'"),
    ],
)  # fmt: skip
def test_template_errors_name_the_file_and_line(make_project: ProjectFactory, template: str, message: str) -> None:
    with pytest.raises(TemplateError) as caught:
        generate(make_project, {"bad.md": template})
    assert str(caught.value) == message


def test_templates_cannot_change_the_data(make_project: ProjectFactory) -> None:
    with pytest.raises(TemplateError, match=re.escape("playbooks/bad.md:1: not allowed in a playbook")):
        generate(make_project, {"bad.md": "{{ accounts[0].stakeholders.append(1) }}\n"})


def test_portfolio_without_revenue_has_clean_chart_titles(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"new": "name: New Co\nowner: olena-koval\n"})
    index = pipeline.generate(load_project(root / "mkdocs.yml")).pages["index.md"]
    assert "**Revenue concentration \\(Pareto\\)**" in index
    assert ", **" not in index, "bold text must not end in a space, or Markdown prints the asterisks"


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        ("title: [unclosed\n", "front matter: not valid YAML: "),
        ("- a list\n- of things\n", "front matter: expected a mapping of settings (name: value lines)"),
        ("a: " + "[" * 5000 + "\n", "front matter: nested too deeply to read; flatten it"),
    ],
)
def test_a_front_matter_that_is_not_a_mapping_names_the_playbook(
    make_project: ProjectFactory, front_matter: str, message: str
) -> None:
    with pytest.raises(TemplateError) as raised:
        generate(make_project, {"broken.md": f"---\n{front_matter}---\nBody\n"})
    assert str(raised.value).startswith(f"playbooks/broken.md:1: {message}")
