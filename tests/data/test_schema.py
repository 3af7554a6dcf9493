"""The JSON Schema editors use: generated from the model, committed, and true to kamgen."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from kamgen.cli import cli
from kamgen.cli.scaffold import account_skeleton
from kamgen.data.schema import KINDS, json_schema, schema_text
from tests.support import FIXTURE, REPO

SCHEMA_DIR = REPO / "schema"
EXAMPLES = sorted((REPO / "accounts").glob("*.yaml"))


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it (YAML 1.2: a date is a string)."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def as_json(value: Any) -> Any:
    """JSON has only string keys (``revenue: {2025: …}`` is ``{"2025": …}`` to the editor)."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


def problems(kind: str, text: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(json_schema(kind), format_checker=jsonschema.FormatChecker())
    data = as_json(yaml.load(text, Loader=EditorLoader))
    # best_match looks inside anyOf (lists also accept one item or nothing) for the real problem.
    found = [jsonschema.exceptions.best_match([e]) for e in validator.iter_errors(data)]
    return sorted("/".join(map(str, e.absolute_path)) for e in found if e is not None)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_committed_schema_is_up_to_date(kind: str) -> None:
    committed = (SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(kind), (
        f"schema/{kind}.schema.json is out of date; run: kamgen schema --kind {kind} -o schema/{kind}.schema.json"
    )


def test_schema_is_valid_json_schema() -> None:
    for kind in KINDS:
        jsonschema.Draft202012Validator.check_schema(json_schema(kind))


@pytest.mark.parametrize("path", EXAMPLES + sorted((FIXTURE / "accounts").glob("*.yaml")), ids=lambda p: p.name)
def test_schema_accepts_every_example_dossier(path: Path) -> None:
    assert problems("account", path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", [REPO / "team.yaml", FIXTURE / "team.yaml"], ids=str)
def test_schema_accepts_the_example_rosters(path: Path) -> None:
    assert problems("team", path.read_text(encoding="utf-8")) == []


def test_schema_accepts_the_skeleton_of_kamgen_new() -> None:
    assert problems("account", account_skeleton("Acme", "olena-koval")) == []


def test_schema_accepts_the_short_forms_kamgen_accepts() -> None:
    text = """\
name: Acme
owner: olena-koval
decision_process:
  - step: signs
    who: olga           # one id instead of a list
meetings:
  - date: 2026-11-14
    attendees:          # empty: nobody recorded
stakeholders:
  - id: olga
    name: Olga
    contact: {email: o@example.com, skype: olga}   # contact details are free-form
    interests: [sailing, 42]
private: {anything: [1, 2]}
"""
    assert problems("account", text) == []


BAD = [
    ("owner: olena-koval\n", [""]),  # name is required
    ("name: Acme\n", [""]),  # owner is required
    ("name: Acme\nowner: Olena Koval\n", ["owner"]),
    ("name: Acme\nowner: olena-koval\ntier: a\n", ["tier"]),
    ("name: Acme\nowner: olena-koval\nstatus: lost\n", ["status"]),
    ("name: Acme\nowner: olena-koval\nstatsu: active\n", [""]),  # a typo of a field is underlined
    ("name: Acme\nowner: olena-koval\nrevenue: {2025: -1}\n", ["revenue/2025"]),
    ("name: Acme\nowner: olena-koval\nrevenue: {last year: 10}\n", ["revenue"]),
    ("name: Acme\nowner: olena-koval\nsince: 1850\n", ["since"]),
    (
        "name: Acme\nowner: olena-koval\nstakeholders: [{id: olga, name: Olga, influence: 7}]\n",
        ["stakeholders/0/influence"],
    ),
    ("name: Acme\nowner: olena-koval\nstakeholders: [{id: olga}]\n", ["stakeholders/0"]),
    ("name: Acme\nowner: olena-koval\nactions: [{action: Call, due: 14.11.2026}]\n", ["actions/0/due"]),
    ("name: Acme\nowner: olena-koval\nreference: maybe\n", ["reference"]),
    ("name: Acme\nowner: olena-koval\nvip_program: {goals: {world_peace: 2026-01-01}}\n", ["vip_program/goals"]),
    ("name: ''\nowner: olena-koval\n", ["name"]),
]


@pytest.mark.parametrize(("text", "where"), BAD, ids=[t for t, _ in BAD])
def test_schema_rejects_known_bad_dossiers(text: str, where: list[str]) -> None:
    assert problems("account", text) == where


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("people:\n  - id: Olena\n    name: Olena\n", ["people/0/id"]),
        ("people:\n  - name: Nobody\n", ["people/0"]),
        ("people:\n  - id: olena\n    name: Olena\n    level: boss\n", ["people/0/level"]),
        ("staff: []\n", [""]),
    ],
)
def test_schema_rejects_a_bad_roster(text: str, where: list[str]) -> None:
    assert problems("team", text) == where


def test_every_example_file_points_editors_at_the_schema() -> None:
    for path in EXAMPLES:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/account.schema.json", path
    first = (REPO / "team.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema/team.schema.json"


def test_schema_command_prints_and_writes(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema("account")
    out = tmp_path / "schema" / "team.schema.json"
    result = CliRunner().invoke(cli, ["schema", "--kind", "team", "-o", str(out)])
    assert (result.exit_code, result.stdout) == (0, f"Wrote {out}\n")
    assert out.read_text(encoding="utf-8") == schema_text("team")


def test_schema_command_rejects_an_unknown_kind() -> None:
    result = CliRunner().invoke(cli, ["schema", "--kind", "meeting"])
    assert result.exit_code == 2
    assert "'meeting' is not one of 'account', 'team'" in result.stderr
