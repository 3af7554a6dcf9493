"""Shared fixtures: the example site built once, and small throwaway projects."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from kamgen.cli import cli

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "portfolio"
# Plans are judged as of this day in every test, so alerts and "overdue" are stable.
TODAY = "2026-11-22"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

MINIMAL_MKDOCS = """\
site_name: Test portfolio
docs_dir: playbooks
theme:
  name: material
  font: false
plugins:
  - kamgen:
      today: 2026-11-22
markdown_extensions: [tables, attr_list, md_in_html]
"""

MINIMAL_TEAM = """\
people:
  - id: olena-koval
    name: Olena Koval
    level: executive
  - id: andriy-melnyk
    name: Andriy Melnyk
    level: manager
"""


ProjectFactory = Callable[..., Path]


@pytest.fixture
def make_project(tmp_path: Path) -> ProjectFactory:
    """Write a small site: ``make_project(accounts={"acme": "name: …"}, team=…, playbooks={…})``."""

    def make(
        accounts: dict[str, str] | None = None,
        team: str | None = MINIMAL_TEAM,
        playbooks: dict[str, str] | None = None,
        mkdocs: str = MINIMAL_MKDOCS,
    ) -> Path:
        root = tmp_path / "site-src"
        (root / "accounts").mkdir(parents=True)
        (root / "playbooks").mkdir()
        (root / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
        if team is not None:
            (root / "team.yaml").write_text(team, encoding="utf-8")
        for name, text in (accounts or {}).items():
            (root / "accounts" / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
        for name, text in (playbooks or {}).items():
            path = root / "playbooks" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return root

    return make


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example portfolio of this repository, built once with ``kamgen build``."""
    site = tmp_path_factory.mktemp("example") / "site"
    result = CliRunner().invoke(cli, ["build", "-f", str(REPO / "mkdocs.yml"), "-d", str(site), "--today", TODAY])
    assert result.exit_code == 0, result.output
    return site


@pytest.fixture(scope="session")
def restricted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("restricted") / "site"
    result = CliRunner().invoke(
        cli,
        ["build", "-f", str(REPO / "mkdocs.yml"), "-d", str(site), "--today", TODAY, "--audience", "restricted"],
    )
    assert result.exit_code == 0, result.output
    return site


def copy_example(target: Path) -> Path:
    """A writable copy of the example site's sources."""
    for name in ("accounts", "playbooks", "theme"):
        shutil.copytree(REPO / name, target / name)
    for name in ("team.yaml", "mkdocs.yml"):
        shutil.copy(REPO / name, target / name)
    return target
