"""`kamgen check` reports every problem of every dossier in one run, not in rounds.

One dossier holds one mistake of every kind an editor makes; each row of the
table is one message the single run must print, exactly.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kamgen.cli import cli
from tests.support import ProjectFactory, write_project

EVERY_KIND = """\
id: acme-corp
name: Acme
owner: andriy-melnik
tier: a
status: actve
industy: Retail
revenue:
  2025: lots
stakeholders:
  - id: maria-lopez
    name: Maria Lopez
    influence: 7
    last_contact: 14.11.2026
    counterpart: olena-kowal
    reports_to: jon-smith
  - id: Jane Doe
    name: Jane Doe
    reports_to: andriy-melnyk
  - id: petro
    title: Buyer
  - id: maria-lopez
    name: Maria again
    reports_to: maria-lopez
decision_process:
  - step: signs
    who: [maria-lopes]
meetings:
  - date: 2026-10-14
    attendees: [olena-koval, nobody]
    follow_ups:
      - {action: Call, owner: petro-x}
risks:
  - {risk: CFO leaves, owner: andriy}
actions:
  - {action: QBR, owner: olga, due: 2026-12-01, stauts: open}
vip_program:
  assignee: olena
"""

BROKEN_YAML = "name: Beta\nowner: olena-koval\nnotes: Call back: Monday\n"

A = "accounts/acme.yaml"
EXPECTED = [
    (f"{A}:1:5", "id: 'acme-corp' differs from the file name; the id is the file name 'acme' (remove this line)"),
    (f"{A}:3:8", "owner: 'andriy-melnik' is not a person in team.yaml — did you mean 'andriy-melnyk'? "
                 "(fix the id or add the person)"),
    (f"{A}:4:7", "tier: 'a' is not allowed (expected one of: A, B, C) — did you mean 'A'?"),
    (f"{A}:5:9", "status: 'actve' is not allowed (expected one of: prospect, active, at-risk, released) "
                 "— did you mean 'active'?"),
    (f"{A}:6:1", "warning: industy: unknown field, ignored by kamgen — did you mean 'industry'?"),
    (f"{A}:8:9", "revenue 2025: expected a number (found 'lots')"),
    (f"{A}:12:16", "stakeholder 1, Maria Lopez: influence: 7 is out of range (expected at most 5)"),
    (f"{A}:13:19", "stakeholder 1, Maria Lopez: last_contact: expected a date written YYYY-MM-DD "
                   "(found '14.11.2026')"),
    (f"{A}:14:18", "stakeholder 1, Maria Lopez: counterpart: 'olena-kowal' is not a person in team.yaml "
                   "— did you mean 'olena-koval'? (fix the id or add the person)"),
    (f"{A}:15:17", "stakeholder 1, Maria Lopez: reports_to: 'jon-smith' is not a stakeholder of this account"),
    (f"{A}:16:9", "stakeholder 2, Jane Doe: id: 'Jane Doe' is not a valid id (expected lowercase Latin letters, "
                  "digits and '-', starting with a letter or digit, e.g. 'jane-doe')"),
    (f"{A}:18:17", "stakeholder 2, Jane Doe: reports_to: 'andriy-melnyk' is one of our people (team.yaml); "
                   "reports_to names this person's manager at the client (another stakeholder). To say who of "
                   "ours covers them, write counterpart: andriy-melnyk"),
    (f"{A}:19:5", "stakeholder 3, petro: name: required field is missing (add it)"),
    (f"{A}:21:9", "stakeholder 4, Maria again: id: duplicate stakeholder id 'maria-lopez'; ids must be unique "
                  "within the account"),
    (f"{A}:23:17", "stakeholder 4, Maria again: reports_to: a stakeholder cannot report to themselves"),
    (f"{A}:26:11", "decision step 1, signs: who: 'maria-lopes' is not a stakeholder of this account "
                   "— did you mean 'maria-lopez'?"),
    (f"{A}:29:30", "meeting 1, 2026-10-14: attendees (item 2): 'nobody' is not a stakeholder of this account "
                   "or a person in team.yaml"),
    (f"{A}:31:31", "meeting 1, 2026-10-14 › follow-up 1, Call: owner: 'petro-x' is not a person in team.yaml "
                   "(fix the id or add the person)"),
    (f"{A}:33:31", "risk 1, CFO leaves: owner: 'andriy' is not a person in team.yaml — did you mean "
                   "'andriy-melnyk'? (fix the id or add the person)"),
    (f"{A}:35:26", "action 1, QBR: owner: 'olga' is not a person in team.yaml (fix the id or add the person)"),
    (f"{A}:35:49", "warning: action 1, QBR: stauts: unknown field, ignored by kamgen — did you mean 'status'?"),
    (f"{A}:37:13", "vip_program.assignee: 'olena' is not a person in team.yaml — did you mean 'olena-koval'? "
                   "(fix the id or add the person)"),
    ("accounts/beta.yaml:3:17", "this value contains ': ', which YAML reads as a new field; put the value in "
                                'quotes: notes: "Call back: Monday" — line 3: notes: Call back▶: Monday'),
]  # fmt: skip


@pytest.fixture(scope="module")
def one_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, list[str]]:

    root = write_project(
        tmp_path_factory.mktemp("one-pass") / "site", accounts={"acme": EVERY_KIND, "beta": BROKEN_YAML}
    )
    result = CliRunner().invoke(cli, ["check", "-f", str(root / "mkdocs.yml")], env={"GITHUB_ACTIONS": None})
    return result.exit_code, result.stderr.splitlines()


@pytest.mark.parametrize(("where", "message"), EXPECTED, ids=[f"{w.split(':', 1)[1]}" for w, _ in EXPECTED])
def test_every_problem_is_in_the_one_run(one_run: tuple[int, list[str]], where: str, message: str) -> None:
    assert f"{where}: {message}" in one_run[1]


def test_the_one_run_reports_nothing_else_and_fails(one_run: tuple[int, list[str]]) -> None:
    code, lines = one_run
    assert code == 1
    assert lines == [f"{where}: {message}" for where, message in EXPECTED] + ["21 errors in the portfolio data"]


def test_names_in_messages_carry_no_control_characters(make_project: ProjectFactory) -> None:
    root = make_project(
        accounts={"acme": 'name: A\nowner: olena-koval\nstakeholders:\n  - {id: x, name: "Eve\\e[31m", influence: 9}\n'}
    )
    result = CliRunner().invoke(cli, ["check", "-f", str(root / "mkdocs.yml")], env={"GITHUB_ACTIONS": None})
    assert result.stderr.splitlines()[0] == (
        "accounts/acme.yaml:4:43: stakeholder 1, Eve?[31m: influence: 9 is out of range (expected at most 5)"
    )
