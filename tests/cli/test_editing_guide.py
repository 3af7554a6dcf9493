"""docs/editing.md shows a real run: its example dossier gives exactly the messages it prints."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from kamgen.cli import cli
from tests.support import REPO, copy_example


def blocks(kind: str, text: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", text, re.S)


def test_the_guides_example_run_is_what_kamgen_check_prints(tmp_path: Path) -> None:
    guide = (REPO / "docs" / "editing.md").read_text(encoding="utf-8")
    section = guide.split("## The messages and how to fix them", 1)[1]
    dossier = blocks("yaml", section)[0]
    first_run, second_run = blocks("text", section)[:2]
    root = copy_example(tmp_path / "site")
    path = root / "accounts" / "acme-corp.yaml"
    path.write_text(dossier, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "-f", str(root / "mkdocs.yml")], env={"GITHUB_ACTIONS": None})
    assert result.exit_code == 1
    assert "$ kamgen check\n" + result.stderr == first_run
    fixed = (
        dossier.replace("andriy-melnik", "andriy-melnyk")
        .replace("tier: a", "tier: A")
        .replace("influence: 7", "influence: 4")
        .replace("14.11.2026", "2026-11-14")
        .replace("reports_to: olena-koval", "counterpart: olena-koval")
        .replace("stauts", "status")
    )
    path.write_text(fixed, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "-f", str(root / "mkdocs.yml")], env={"GITHUB_ACTIONS": None})
    assert (result.exit_code, "$ kamgen check\n" + result.stdout) == (0, second_run)
