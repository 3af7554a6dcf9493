"""--audience/--today reach the MkDocs run as kamgen option values, never through the environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from kamgen.cli import cli
from kamgen.cli.mkdocs_options import plugins_with
from kamgen.errors import ConfigError
from tests.support import TODAY, ProjectFactory

GOOD = "name: Acme\nowner: olena-koval\n"


@pytest.mark.parametrize(
    ("plugins", "expected"),
    [
        ("  - search\n  - kamgen\n", ["search", {"kamgen": {"audience": "restricted"}}]),
        ("  - kamgen:\n      currency: USD\n", [{"kamgen": {"currency": "USD", "audience": "restricted"}}]),
        ("  search: {}\n  kamgen:\n    audience: internal\n", [{"search": {}}, {"kamgen": {"audience": "restricted"}}]),
    ],
)
def test_overrides_update_only_kamgens_entry(tmp_path: Path, plugins: str, expected: list[object]) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: A\nplugins:\n{plugins}", encoding="utf-8")
    entries = plugins_with(config, {"audience": "restricted"})["plugins"]
    assert list(entries) == expected
    assert list(entries) == expected, "every reload of the configuration gets whole entries"


def test_no_overrides_leave_mkdocs_yml_alone(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: A\nplugins: [search]\n", encoding="utf-8")
    assert plugins_with(config, {}) == {}
    with pytest.raises(ConfigError, match="the kamgen plugin is not enabled"):
        plugins_with(config, {"today": TODAY})


def test_build_for_an_audience_leaves_the_environment_as_it_was(make_project: ProjectFactory, tmp_path: Path) -> None:
    root = make_project(accounts={"acme": GOOD})
    before = {key: value for key, value in os.environ.items() if key.startswith("KAMGEN_")}
    result = CliRunner().invoke(
        cli, ["build", "-f", str(root / "mkdocs.yml"), "-d", str(tmp_path / "out"), "--audience", "restricted"]
    )
    assert result.exit_code == 0, result.output
    assert {key: value for key, value in os.environ.items() if key.startswith("KAMGEN_")} == before
    assert (tmp_path / "out" / "accounts" / "acme" / "index.html").is_file()
