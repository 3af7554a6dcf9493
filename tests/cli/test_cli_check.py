"""`kamgen check` for tools and CI: given files only, JSON, GitHub annotations, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kamgen.cli import cli
from tests.support import ProjectFactory

GOOD = "name: Acme\nowner: olena-koval\nrevenue: {2025: 100}\n"
BAD_OWNER = "name: Beta\nowner: olena-kowal\n"


def run(*args: str, env: dict[str, str | None] | None = None) -> tuple[int, str, str]:
    # GitHub's variables are cleared so the tests behave the same inside GitHub Actions.
    result = CliRunner().invoke(cli, list(args), env={"GITHUB_ACTIONS": None, "GITHUB_WORKSPACE": None, **(env or {})})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def two_accounts(make_project: ProjectFactory) -> Path:
    return make_project(accounts={"acme": GOOD, "beta": BAD_OWNER})


def test_check_paths_checks_only_those_dossiers(two_accounts: Path) -> None:
    config = str(two_accounts / "mkdocs.yml")
    acme, beta = (str(two_accounts / "accounts" / f"{n}.yaml") for n in ("acme", "beta"))
    assert run("check", "-f", config, acme) == (0, "OK: 1 dossier checked against 2 people, no errors.\n", "")
    assert run("check", "-f", config, beta) == (
        1,
        "",
        "accounts/beta.yaml:2:8: owner: 'olena-kowal' is not a person in team.yaml — did you mean 'olena-koval'? "
        "(fix the id or add the person)\n"
        "1 error in the portfolio data\n",
    )


def test_a_changed_roster_means_the_whole_site_is_checked(two_accounts: Path) -> None:
    code, _, err = run("check", "-f", str(two_accounts / "mkdocs.yml"), str(two_accounts / "team.yaml"))
    assert code == 1
    assert "accounts/beta.yaml:2:8: owner:" in err


def test_check_refuses_a_file_that_is_not_part_of_the_site(two_accounts: Path) -> None:
    stray = two_accounts / "notes.yaml"
    stray.write_text("x: 1\n", encoding="utf-8")
    code, out, err = run("check", "-f", str(two_accounts / "mkdocs.yml"), str(stray))
    assert (code, out) == (2, "")
    assert err.startswith("Error: ")
    assert "notes.yaml: not a file of this site (expected a dossier in" in err


def test_check_of_a_missing_file_is_a_usage_error(two_accounts: Path) -> None:
    code, _, err = run("check", "-f", str(two_accounts / "mkdocs.yml"), str(two_accounts / "accounts" / "nope.yaml"))
    assert code == 2
    assert "does not exist" in err


def test_json_format_lists_every_diagnostic(make_project: ProjectFactory) -> None:
    root = make_project(
        accounts={
            "acme": GOOD + "industy: Retail\n",
            "beta": BAD_OWNER,
            "gamma": "name: G\nowner: olena-koval\ntier: a\n",
        }
    )
    code, out, err = run("check", "--format", "json", "-f", str(root / "mkdocs.yml"))
    assert (code, err) == (1, "")
    assert json.loads(out) == {
        "ok": False,
        "exit_code": 1,
        "errors": 2,
        "warnings": 1,
        "error": None,
        "accounts": 0,
        "people": 0,
        "diagnostics": [
            {
                "file": "accounts/acme.yaml",
                "line": 4,
                "column": 1,
                "field": "industy",
                "where": "industy",
                "message": "unknown field, ignored by kamgen — did you mean 'industry'?",
                "severity": "warning",
            },
            {
                "file": "accounts/beta.yaml",
                "line": 2,
                "column": 8,
                "field": "owner",
                "where": "owner",
                "message": "'olena-kowal' is not a person in team.yaml — did you mean 'olena-koval'? "
                "(fix the id or add the person)",
                "severity": "error",
            },
            {
                "file": "accounts/gamma.yaml",
                "line": 3,
                "column": 7,
                "field": "tier",
                "where": "tier",
                "message": "'a' is not allowed (expected one of: A, B, C) — did you mean 'A'?",
                "severity": "error",
            },
        ],
    }


def test_json_format_when_everything_is_fine(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"acme": GOOD})
    code, out, _ = run("check", "--format", "json", "-f", str(root / "mkdocs.yml"))
    assert code == 0
    document = json.loads(out)
    assert (document["ok"], document["diagnostics"], document["accounts"], document["people"]) == (True, [], 1, 2)


def test_json_format_strict_turns_warnings_into_errors(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"acme": GOOD + "industy: Retail\n"})
    code, out, _ = run("check", "--strict", "--format", "json", "-f", str(root / "mkdocs.yml"))
    assert code == 1
    assert [(d["field"], d["severity"]) for d in json.loads(out)["diagnostics"]] == [("industy", "error")]


def test_json_format_locates_a_template_error(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"acme": GOOD}, playbooks={"p.md": "ok\n{{ nope }}\n"})
    code, out, _ = run("check", "--format", "json", "-f", str(root / "mkdocs.yml"))
    document = json.loads(out)
    assert code == 1
    assert document["error"] == "playbooks/p.md:2: error: 'nope' is undefined"
    assert document["diagnostics"] == [
        {"file": "playbooks/p.md", "line": 2, "column": 1, "field": "", "where": "", "message": "'nope' is undefined",
         "severity": "error"}
    ]  # fmt: skip


def test_json_format_reports_a_config_error_with_exit_2(tmp_path: Path) -> None:
    code, out, _ = run("check", "--format", "json", "-f", str(tmp_path / "mkdocs.yml"))
    document = json.loads(out)
    assert (code, document["ok"], document["exit_code"], document["diagnostics"]) == (2, False, 2, [])
    assert document["error"].endswith(
        "mkdocs.yml: no such file (run kamgen in the site's folder or pass -f mkdocs.yml)"
    )


GITHUB_CASES = [
    (
        {"acme": GOOD + "industy: Retail\n"},
        0,
        [
            "::warning file=site-src/accounts/acme.yaml,line=4,col=1,title=kamgen check::"
            "industy: unknown field, ignored by kamgen — did you mean 'industry'?",
            "OK: 1 account and 2 people, no errors.",
        ],
    ),
    (
        {"beta": BAD_OWNER},
        1,
        [
            "::error file=site-src/accounts/beta.yaml,line=2,col=8,title=kamgen check::"
            "owner: 'olena-kowal' is not a person in team.yaml — did you mean 'olena-koval'? "
            "(fix the id or add the person)",
        ],
    ),
    (
        # Workflow-command syntax in a message is escaped, not obeyed.
        {"pct": "name: X\nowner: olena-koval\nrevenue: {2025: '50%'}\n"},
        1,
        [
            "::error file=site-src/accounts/pct.yaml,line=3,col=17,title=kamgen check::"
            "revenue 2025: expected a number (found '50%25')",
        ],
    ),
]


@pytest.mark.parametrize(("accounts", "code", "stdout"), GITHUB_CASES)
def test_github_annotations_inside_github_actions(
    make_project: ProjectFactory, accounts: dict[str, str], code: int, stdout: list[str]
) -> None:
    root = make_project(accounts=accounts)
    env = {"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(root.parent)}
    result = run("check", "-f", str(root / "mkdocs.yml"), env=env)
    assert (result[0], result[1].splitlines()) == (code, stdout)
    # The human-readable lines are still in the log.
    assert all(line.startswith("accounts/") for line in result[2].splitlines()[:1])


def test_github_format_can_be_asked_for_explicitly(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"beta": BAD_OWNER})
    code, out, _ = run(
        "check", "--format", "github", "-f", str(root / "mkdocs.yml"), env={"GITHUB_WORKSPACE": str(root)}
    )
    assert code == 1
    assert out.startswith("::error file=accounts/beta.yaml,line=2,col=8,title=kamgen check::owner: ")


def test_text_format_inside_github_actions_on_request(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"beta": BAD_OWNER})
    code, out, _ = run("check", "--format", "text", "-f", str(root / "mkdocs.yml"), env={"GITHUB_ACTIONS": "true"})
    assert (code, out) == (1, "")


def test_github_annotation_for_an_error_without_a_line(tmp_path: Path) -> None:
    code, out, _ = run("check", "--format", "github", "-f", str(tmp_path / "mkdocs.yml"))
    assert code == 2
    assert out.startswith("::error title=kamgen check::")
    assert out.rstrip().endswith("mkdocs.yml: no such file (run kamgen in the site's folder or pass -f mkdocs.yml)")
