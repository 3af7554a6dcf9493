"""Schema and cross-reference checks: dossier snippet → the exact messages an editor sees."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from kamgen.data.load import load_portfolio
from kamgen.errors import DataError, Severity
from tests.support import ProjectFactory

BASE = "name: Acme\nowner: olena-koval\n"


def problems(root: Path) -> list[str]:
    try:
        portfolio = load_portfolio(root / "team.yaml", root / "accounts", root)
    except DataError as exc:
        return [str(d) for d in exc.diagnostics]
    return [str(w) for w in portfolio.warnings]


CASES = [
    pytest.param(
        "owner: olena-koval\n",
        ["accounts/acme.yaml:1:1: name: required field is missing (add it)"],
        id="missing-required",
    ),
    pytest.param(
        "name: Acme\nowner: olena-kowal\n",
        ["accounts/acme.yaml:2:8: owner: 'olena-kowal' is not a person in team.yaml — did you mean "
         "'olena-koval'? (fix the id or add the person)"],
        id="unknown-owner",
    ),
    pytest.param(
        BASE + "tier: a\nstatus: actve\n",
        ["accounts/acme.yaml:3:7: tier: 'a' is not allowed (expected one of: A, B, C) — did you mean 'A'?",
         "accounts/acme.yaml:4:9: status: 'actve' is not allowed (expected one of: prospect, active, at-risk, "
         "released) — did you mean 'active'?"],
        id="enum-typos",
    ),
    pytest.param(
        BASE + "revenue:\n  2025: lots\n  twenty: 5\n",
        ["accounts/acme.yaml:4:9: revenue 2025: expected a number (found 'lots')",
         "accounts/acme.yaml:5:3: revenue.twenty: expected a number (found 'twenty')"],
        id="revenue-not-numbers",
    ),
    pytest.param(
        BASE + "stakeholders:\n  - id: Olga Ivanova\n    name: Olga\n    influence: 9\n    last_contact: 01.10.2026\n",
        ["accounts/acme.yaml:4:9: stakeholder 1, Olga: id: 'Olga Ivanova' is not a valid id (expected lowercase "
         "Latin letters, digits and '-', starting with a letter or digit, e.g. 'olga-ivanova')",
         "accounts/acme.yaml:6:16: stakeholder 1, Olga: influence: 9 is out of range (expected at most 5)",
         "accounts/acme.yaml:7:19: stakeholder 1, Olga: last_contact: expected a date written YYYY-MM-DD "
         "(found '01.10.2026')"],
        id="stakeholder-fields",
    ),
    pytest.param(
        BASE + "stakeholders:\n  - {id: olga, name: Olga, counterpart: andriy-melnik}\n"
        "  - {id: olga, name: Olga again, reports_to: petro}\n",
        ["accounts/acme.yaml:4:41: stakeholder 1, Olga: counterpart: 'andriy-melnik' is not a person in team.yaml "
         "— did you mean 'andriy-melnyk'? (fix the id or add the person)",
         "accounts/acme.yaml:5:10: stakeholder 2, Olga again: id: duplicate stakeholder id 'olga'; ids must be unique "
         "within the account",
         "accounts/acme.yaml:5:46: stakeholder 2, Olga again: reports_to: 'petro' is not a stakeholder of this account"],
        id="references-and-duplicates",
    ),
    pytest.param(
        BASE + "stakeholders:\n  - {id: a, name: A, reports_to: b}\n  - {id: b, name: B, reports_to: c}\n"
        "  - {id: c, name: C, reports_to: a}\n  - {id: d, name: D, reports_to: d}\n",
        ["accounts/acme.yaml:4:34: stakeholder 1, A: reports_to: reports_to forms a cycle (a → b → c → a); "
         "someone in it must report to a person outside it or to nobody",
         "accounts/acme.yaml:7:34: stakeholder 4, D: reports_to: a stakeholder cannot report to themselves"],
        id="reports-to-cycle",
    ),
    pytest.param(
        BASE + "stakeholders:\n  - {id: olga-ivanova, name: Olga}\ndecision_process:\n  - step: signs\n"
        "    who: [olga-ivanva]\n  - step: decides\n    who: olga-ivanova\n",
        ["accounts/acme.yaml:7:11: decision step 1, signs: who: 'olga-ivanva' is not a stakeholder of this "
         "account — did you mean 'olga-ivanova'?",
         "accounts/acme.yaml:8:11: decision step 2, decides: step: 'decides' is not allowed (expected one of: "
         "prepares, approves, signs, budgets)"],
        id="field-errors-and-references-in-one-run",
    ),
    pytest.param(
        BASE + "stakeholders:\n  - {id: olga-ivanova, name: Olga}\ndecision_process:\n  - step: signs\n"
        "    who: [olga-ivanva]\nmeetings:\n  - date: 2026-10-14\n    attendees: [olena-koval, petro]\n"
        "    follow_ups:\n      - {action: Call, owner: nobody}\n",
        ["accounts/acme.yaml:7:11: decision step 1, signs: who: 'olga-ivanva' is not a stakeholder of this "
         "account — did you mean 'olga-ivanova'?",
         "accounts/acme.yaml:10:30: meeting 1, 2026-10-14: attendees (item 2): 'petro' is not a stakeholder of this account "
         "or a person in team.yaml",
         "accounts/acme.yaml:12:31: meeting 1, 2026-10-14 › follow-up 1, Call: owner: 'nobody' is not a person in team.yaml "
         "(fix the id or add the person)"],
        id="process-and-meeting-references",
    ),
    pytest.param(
        BASE + "vip_program:\n  assignee: olena\nrisks:\n  - {risk: CFO leaves, owner: andriy}\n"
        "actions:\n  - {action: QBR, owner: olga, due: 2026-12-01}\n",
        ["accounts/acme.yaml:4:13: vip_program.assignee: 'olena' is not a person in team.yaml "
         "— did you mean 'olena-koval'? (fix the id or add the person)",
         "accounts/acme.yaml:6:31: risk 1, CFO leaves: owner: 'andriy' is not a person in team.yaml "
         "— did you mean 'andriy-melnyk'? (fix the id or add the person)",
         "accounts/acme.yaml:8:26: action 1, QBR: owner: 'olga' is not a person in team.yaml "
         "(fix the id or add the person)"],
        id="team-references",
    ),
    pytest.param(
        BASE + "id: other\n",
        ["accounts/acme.yaml:3:5: id: 'other' differs from the file name; the id is the file name 'acme' "
         "(remove this line)"],
        id="id-differs-from-file-name",
    ),
    pytest.param(
        "nmae: Acme\nowner: olena-koval\n",
        ["accounts/acme.yaml:1:1: name: required field is missing (add it)",
         "accounts/acme.yaml:1:1: warning: nmae: unknown field, ignored by kamgen — did you mean 'name'?"],
        id="typo-explains-missing-field",
    ),
    pytest.param(
        BASE + "stakholders: []\n",
        ["accounts/acme.yaml:3:1: warning: stakholders: unknown field, ignored by kamgen — did you mean "
         "'stakeholders'?"],
        id="unknown-field-is-a-warning",
    ),
    pytest.param(
        "- name: Acme\n",
        ["accounts/acme.yaml:1:1: expected a mapping of fields (found a list)"],
        id="not-a-mapping",
    ),
    pytest.param(
        "",
        ["accounts/acme.yaml:1:1: the file is empty"],
        id="empty-file",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("dossier", "expected"), CASES)
def test_dossier_messages(make_project: ProjectFactory, dossier: str, expected: list[str]) -> None:
    root = make_project(accounts={"acme": dossier})
    assert problems(root) == expected


def test_bad_file_name_is_an_error_not_a_rename(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"Northwind Logistics": BASE})
    assert problems(root) == [
        "accounts/Northwind Logistics.yaml:1:1: 'Northwind Logistics.yaml' is not a valid account file name: "
        "the name is the account id and the URL, so it must be lowercase Latin letters, digits and '-', "
        "e.g. 'northwind-logistics'; rename the file"
    ]


def test_team_schema_error_does_not_hide_dossier_errors(make_project: ProjectFactory) -> None:
    team = "people:\n  - {id: olena-koval, name: Olena}\n  - {id: x}\n"
    root = make_project(accounts={"acme": "name: Acme\nowner: olena-kovak\n"}, team=team)
    assert problems(root) == [
        "accounts/acme.yaml:2:8: owner: 'olena-kovak' is not a person in team.yaml — did you mean "
        "'olena-koval'? (fix the id or add the person)",
        "team.yaml:3:5: person 2, x: name: required field is missing (add it)",
    ]


def test_duplicate_person_id(make_project: ProjectFactory) -> None:
    team = "people:\n  - {id: olena-koval, name: Olena}\n  - {id: olena-koval, name: Twin}\n"
    root = make_project(accounts={"acme": BASE}, team=team)
    assert problems(root) == [
        "team.yaml:3:10: person 2, Twin: id: duplicate id 'olena-koval'; every person needs their own id"
    ]


def test_missing_team_file(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"acme": BASE}, team=None)
    assert problems(root) == ["team.yaml:1:1: the team roster is missing (create it with a 'people:' list)"]


def test_all_errors_of_all_files_are_reported_together(make_project: ProjectFactory) -> None:
    root = make_project(
        accounts={"acme": "name: Acme\nowner: nobody\n", "globex": "owner: olena-koval\n", "hooli": BASE}
    )
    with pytest.raises(DataError) as caught:
        load_portfolio(root / "team.yaml", root / "accounts", root)
    assert [d.file for d in caught.value.diagnostics] == ["accounts/acme.yaml", "accounts/globex.yaml"]
    assert str(caught.value).endswith("\n2 errors in the portfolio data")


def test_lists_accept_a_single_value_and_empty_keys(make_project: ProjectFactory) -> None:
    dossier = BASE + textwrap.dedent(
        """\
        needs:
        stakeholders:
          - id: olga
            name: Olga
            roles: decision-maker
        decision_process:
          - step: signs
            who: olga
        """
    )
    root = make_project(accounts={"acme": dossier})
    portfolio = load_portfolio(root / "team.yaml", root / "accounts", root)
    (account,) = portfolio.accounts
    assert account.id == "acme"
    assert account.needs == []
    assert account.stakeholders[0].roles == ["decision-maker"]
    assert account.decision_process[0].who == ["olga"]
    assert all(w.severity is Severity.WARNING for w in portfolio.warnings)


def test_the_example_portfolio_is_valid_without_warnings() -> None:
    from tests.support import REPO

    portfolio = load_portfolio(REPO / "team.yaml", REPO / "accounts", REPO)
    assert len(portfolio.accounts) >= 8
    assert portfolio.warnings == ()
