"""The kamgen command as a user runs it: exit codes, messages, and what it writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kamgen.cli import cli
from tests.support import FIXTURE, TODAY, ProjectFactory

GOOD = "name: Acme\nowner: olena-koval\nrevenue: {2025: 100}\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_ok(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"acme": GOOD})
    code, out, err = run("check", "-f", str(root / "mkdocs.yml"))
    assert (code, out, err) == (0, "OK: 1 account and 2 people, no errors.\n", "")


def test_check_reports_every_error_and_exits_1(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"acme": "name: Acme\nowner: olena\ntier: Z\n", "beta": "owner: olena-koval\n"})
    code, out, err = run("check", "-f", str(root / "mkdocs.yml"))
    assert code == 1
    assert out == ""
    assert err == (
        "accounts/acme.yaml:2:8: owner: 'olena' is not a person in team.yaml — did you mean 'olena-koval'? "
        "(fix the id or add the person)\n"
        "accounts/acme.yaml:3:7: tier: 'Z' is not allowed (expected one of: A, B, C)\n"
        "accounts/beta.yaml:1:1: name: required field is missing (add it)\n"
        "3 errors in the portfolio data\n"
    )


def test_warnings_pass_but_fail_with_strict(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"acme": GOOD + "industy: Retail\n"})
    warning = "accounts/acme.yaml:4:1: warning: industy: unknown field, ignored by kamgen — did you mean 'industry'?\n"
    code, _, err = run("check", "-f", str(root / "mkdocs.yml"))
    assert (code, err) == (0, warning)
    code, _, err = run("check", "--strict", "-f", str(root / "mkdocs.yml"))
    assert code == 1
    assert "accounts/acme.yaml:4:1: industy: unknown field" in err


def test_missing_config_is_a_usage_error_with_exit_2(tmp_path: Path) -> None:
    code, _, err = run("check", "-f", str(tmp_path / "mkdocs.yml"))
    assert code == 2
    assert err.startswith(f"Error: {tmp_path / 'mkdocs.yml'}: no such file")


def test_bad_plugin_option_is_a_config_error(make_project: ProjectFactory) -> None:
    mkdocs = "site_name: X\ndocs_dir: playbooks\nplugins:\n  - kamgen:\n      audience: everyone\n"
    root = make_project(accounts={"acme": GOOD}, mkdocs=mkdocs)
    code, _, err = run("check", "-f", str(root / "mkdocs.yml"))
    assert code == 2
    assert "plugins.kamgen: audience: Input should be 'internal' or 'restricted'" in err


def test_template_error_fails_check(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"acme": GOOD}, playbooks={"p.md": "ok\n{{ nope }}\n"})
    code, _, err = run("check", "-f", str(root / "mkdocs.yml"))
    assert (code, err) == (1, "Error: playbooks/p.md:2: error: 'nope' is undefined\n")


def test_generate_writes_a_folder_plain_mkdocs_can_build(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    code, stdout, _ = run("generate", "-f", str(FIXTURE / "mkdocs.yml"), "-o", str(out))
    assert code == 0, stdout
    assert (out / "docs" / "accounts" / "northwind.md").is_file()
    assert (out / "docs" / "index.md").is_file()
    # Plain MkDocs, without the kamgen plugin, builds the generated tree on its own.
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == ["search"], "the generated config must not need the kamgen plugin"
    assert (out / "docs" / config["extra_css"][0]).is_file(), "kamgen's stylesheet travels with the docs"
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(out / "mkdocs.yml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    assert "Northwind Logistics" in (out / "site" / "accounts" / "northwind" / "index.html").read_text()


def test_generate_refuses_to_replace_a_folder_it_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "important"
    out.mkdir()
    (out / "thesis.txt").write_text("do not delete", encoding="utf-8")
    code, _, err = run("generate", "-f", str(FIXTURE / "mkdocs.yml"), "-o", str(out))
    assert code == 2
    assert "was not written by kamgen (no .kamgen-generated file)" in err
    assert (out / "thesis.txt").read_text(encoding="utf-8") == "do not delete"


def test_generate_can_replace_its_own_output(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    assert run("generate", "-f", str(FIXTURE / "mkdocs.yml"), "-o", str(out))[0] == 0
    (out / "docs" / "stale.md").write_text("old", encoding="utf-8")
    assert run("generate", "-f", str(FIXTURE / "mkdocs.yml"), "-o", str(out))[0] == 0
    assert not (out / "docs" / "stale.md").exists()


def test_build_writes_the_site(make_project: ProjectFactory, tmp_path: Path) -> None:
    root = make_project(accounts={"acme": GOOD})
    site = tmp_path / "site"
    code, out, _ = run("build", "-f", str(root / "mkdocs.yml"), "-d", str(site), "--today", TODAY)
    assert code == 0
    assert out == f"Site written to {site}\n"
    assert "Acme" in (site / "accounts" / "acme" / "index.html").read_text(encoding="utf-8")


def test_build_refuses_bad_data_and_keeps_the_previous_site(make_project: ProjectFactory, tmp_path: Path) -> None:
    root = make_project(accounts={"acme": GOOD})
    site = tmp_path / "site"
    assert run("build", "-f", str(root / "mkdocs.yml"), "-d", str(site))[0] == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (root / "accounts" / "acme.yaml").write_text("name: Acme\nowner: nobody\n", encoding="utf-8")
    code, _, err = run("build", "-f", str(root / "mkdocs.yml"), "-d", str(site))
    assert code == 1
    assert "accounts/acme.yaml:2:8: owner: 'nobody' is not a person in team.yaml" in err
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [], "no staging folder left behind"


def test_cli_never_shows_a_traceback_for_bad_yaml(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"acme": "name: [oops\n"})
    code, _, err = run("build", "-f", str(root / "mkdocs.yml"))
    assert code == 1
    assert "Traceback" not in err
    assert err.startswith("accounts/acme.yaml:1:7: the list or mapping opened on line 1 is not closed with ']'")


def test_help_lists_every_command_without_cutting_its_summary() -> None:
    for group in ([], ["new"]):
        result = CliRunner().invoke(cli, [*group, "--help"], terminal_width=80)
        commands = result.stdout.split("Commands:\n", 1)[1].splitlines()
        assert commands, result.stdout
        assert all(not line.rstrip().endswith(("...", "…")) for line in commands), commands


COUNTS = [
    ("acme", "OK: 1 account and 2 people, no errors.\n"),
    ("acme,beta", "OK: 2 accounts and 2 people, no errors.\n"),
]


@pytest.mark.parametrize(("names", "summary"), COUNTS)
def test_check_counts_in_words(make_project: ProjectFactory, names: str, summary: str) -> None:
    root = make_project(accounts={name: GOOD for name in names.split(",")})
    assert run("check", "-f", str(root / "mkdocs.yml"))[:2] == (0, summary)


def test_one_person_is_a_person(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"acme": GOOD}, team="people:\n  - {id: olena-koval, name: Olena}\n")
    assert run("check", "-f", str(root / "mkdocs.yml"))[:2] == (0, "OK: 1 account and 1 person, no errors.\n")
