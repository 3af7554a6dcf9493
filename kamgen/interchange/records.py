"""CRM rows → companies with their contacts, in dossier terms, every problem located in the file.

Rows of one company (the same CRM id, else the same name) become one account;
a row with a contact's name adds a stakeholder. Owners are matched to the
roster by name, e-mail or id. Nothing is written here: :mod:`.merge` does that.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from kamgen.data.diagnose import did_you_mean
from kamgen.data.model import LEVELS, Person
from kamgen.errors import Diagnostic, Severity
from kamgen.interchange.crm_read import Cell, Row, Table, parse_date, parse_number
from kamgen.interchange.mappings import Columns, Mapping

STATUSES = ("prospect", "active", "at-risk", "released")

_LATIN = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya i yi ye g"
_TRANSLIT = {
    cyrillic: latin.strip("_")
    for cyrillic, latin in zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ", _LATIN.split(" "), strict=True)
}

# Ukrainian reads и as y and г as h (Карпати → karpaty, not karpati).
_UKRAINIAN = {**_TRANSLIT, "и": "y", "г": "h"}
UKRAINIAN_LETTERS = re.compile("[іїєґІЇЄҐ]")


def slug(text: str, *, ukrainian: bool = False) -> str:
    """An id for ``text``: Cyrillic transliterated, lower case, hyphens (``Дмитрий Соколов`` → ``dmitriy-sokolov``)."""
    table = _UKRAINIAN if ukrainian or UKRAINIAN_LETTERS.search(text) else _TRANSLIT
    latin = "".join(table.get(ch, ch) for ch in text.casefold()).replace("-", " ")
    return re.sub(r"[^a-z0-9]+", "-", latin).strip("-")[:64].strip("-")


def unique(base: str, taken: set[str]) -> str:
    candidate, number = base or "contact", 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


@dataclass
class ImportedContact:
    row: Row
    fields: dict[str, Any]
    """Dossier keys of a stakeholder: crm_id, name, title, department, level, counterpart, last_contact."""
    contact: dict[str, str]
    """email and phone (the sensitive ``contact`` block)."""
    reports_to: tuple[str, int] | None = None
    """The manager as the CRM names them (a name or CRM id), and its column."""
    short_name: str = ""
    """First and last name, without a patronymic: the base of a new stakeholder's id."""


@dataclass
class ImportedAccount:
    row: Row
    fields: dict[str, Any]
    """Dossier keys of an account: crm_id, name, industry, owner, tier, status, since, potential, cost_to_serve."""
    revenue: dict[int, float] = field(default_factory=dict)
    contacts: list[ImportedContact] = field(default_factory=list)


class Roster:
    """Our people, found by id, name or e-mail as a CRM writes them."""

    def __init__(self, team: dict[str, Person]) -> None:
        self.team = team
        self.keys: dict[str, str] = {}
        for person in team.values():
            for key in (person.id, person.name, person.email):
                if key:
                    self.keys.setdefault(_key(key), person.id)

    def find(self, value: str) -> str | None:
        return self.keys.get(_key(value))

    def hint(self, value: str) -> str:
        return did_you_mean(value, [p.name for p in self.team.values()])


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold().replace("ё", "е")


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


@dataclass
class Reader:
    """Reads the rows of one table with one mapping, collecting diagnostics."""

    table: Table
    mapping: Mapping
    columns: Columns
    roster: Roster
    default_owner: str | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, row: Row, column: int, message: str, severity: Severity = Severity.ERROR) -> None:
        self.diagnostics.append(
            Diagnostic(self.table.display, row.line, column + 1, self.table.headers[column], message, severity)
        )

    def cell(self, row: Row, target: str) -> tuple[str, int] | None:
        """The non-empty text of ``target``'s column in ``row``, and the column."""
        column = self.columns.fields.get(target)
        if column is None or column >= len(row.cells):
            return None
        text = _text(row.cells[column])
        return (text, column) if text else None

    def accounts(self) -> list[ImportedAccount]:
        width = len(self.table.headers)
        grouped: dict[str, ImportedAccount] = {}
        for row in self.table.rows:
            if len(row.cells) > width and any(_text(c) for c in row.cells[width:]):
                self.diagnostics.append(
                    Diagnostic(
                        self.table.display, row.line, width + 1, "",
                        f"the row has {len(row.cells)} cells but the header has {width}; "
                        "a value with the delimiter in it must be quoted",
                    )
                )  # fmt: skip
                continue
            self._row(row, grouped)
        return list(grouped.values())

    def _row(self, row: Row, grouped: dict[str, ImportedAccount]) -> None:
        name = self.cell(row, "account.name")
        if name is None:
            column = self.columns.fields["account.name"]
            self.error(row, column, "the company name is empty; fill it in or delete the row")
            return
        crm_id = self.cell(row, "account.crm_id")
        key = f"id:{crm_id[0]}" if crm_id else f"name:{_key(name[0])}"
        account = grouped.get(key)
        if account is not None:
            self._owner(row)  # every row's owner is checked; the company's comes from its first row
        else:
            fields = self._account_fields(row)
            if fields is None:
                return
            account = grouped[key] = ImportedAccount(row, fields, self._revenue(row))
        contact = self._contact(row)
        if contact is not None:
            account.contacts.append(contact)

    def _account_fields(self, row: Row) -> dict[str, Any] | None:
        fields: dict[str, Any] = {}
        for key in ("crm_id", "name", "industry"):
            if found := self.cell(row, f"account.{key}"):
                fields[key] = found[0]
        owner = self._owner(row)
        if owner is False:
            return None
        if owner is not None:
            fields["owner"] = owner
        self._choice(row, "account.tier", ("A", "B", "C"), fields, str.upper)
        self._choice(row, "account.status", STATUSES, fields, lambda v: v.lower().replace(" ", "-"))
        if since := self.cell(row, "account.since"):
            year = parse_number(since[0])
            if year is None or not 1900 <= year <= 2200 or not year.is_integer():
                self.error(row, since[1], f"'{since[0]}' is not a year (expected e.g. 2016)")
            else:
                fields["since"] = int(year)
        for key in ("potential", "cost_to_serve"):
            if (amount := self._money(row, self.columns.fields.get(f"account.{key}"))) is not None:
                fields[key] = amount
        return fields

    def _owner(self, row: Row) -> str | Literal[False] | None:
        """The row's owner as a team.yaml id (or the default); False if it names no one in the roster."""
        owner = self.cell(row, "account.owner")
        if owner is None:
            return self.default_owner
        person = self.roster.find(owner[0])
        if person is None and self.default_owner is None:
            self.error(
                row, owner[1],
                f"'{owner[0]}' is not in team.yaml (matched by name, e-mail or id){self.roster.hint(owner[0])}; "
                "add them to team.yaml or pass --owner ID",
            )  # fmt: skip
            return False
        return person or self.default_owner

    def _choice(
        self, row: Row, target: str, choices: tuple[str, ...], fields: dict[str, Any], norm: Callable[[str], str]
    ) -> None:
        found = self.cell(row, target)
        if found is None:
            return
        value = norm(found[0])
        if value in choices:
            fields[target.split(".")[1]] = value
        else:
            self.error(row, found[1], f"'{found[0]}' is not one of {', '.join(choices)}")

    def _money(self, row: Row, column: int | None) -> float | int | None:
        if column is None or column >= len(row.cells) or not _text(row.cells[column]):
            return None
        number = parse_number(row.cells[column])
        if number is None or number < 0:
            found = _text(row.cells[column])
            self.error(row, column, f"'{found}' is not an amount (expected e.g. 1 450 000 or 1,450,000.00)")
            return None
        return int(number) if number.is_integer() else number

    def _revenue(self, row: Row) -> dict[int, float]:
        amounts = {year: self._money(row, column) for year, column in sorted(self.columns.revenue.items())}
        return {year: amount for year, amount in amounts.items() if amount is not None}

    def _contact(self, row: Row) -> ImportedContact | None:
        parts = [self.cell(row, f"stakeholder.{p}") for p in ("first_name", "middle_name", "last_name")]
        full = self.cell(row, "stakeholder.name")
        name = full[0] if full else " ".join(p[0] for p in parts if p)
        fields: dict[str, Any] = {}
        contact: dict[str, str] = {}
        for key in ("email", "phone", "mobile"):
            if found := self.cell(row, f"stakeholder.{key}"):
                contact[key] = found[0]
        if not name:
            if contact or self.cell(row, "stakeholder.crm_id"):
                fields_at = self.columns.fields
                column = fields_at.get("stakeholder.name", fields_at.get("stakeholder.last_name", 0))
                self.error(row, column, "the contact has no name; fill in the name or delete the row")
            return None
        fields["name"] = name
        for key in ("crm_id", "title", "department"):
            if found := self.cell(row, f"stakeholder.{key}"):
                fields[key] = found[0]
        self._choice(row, "stakeholder.level", LEVELS, fields, str.lower)
        if found := self.cell(row, "stakeholder.counterpart"):
            person = self.roster.find(found[0])
            if person is None:
                self.error(
                    row, found[1],
                    f"'{found[0]}' is not in team.yaml, so the contact gets no counterpart{self.roster.hint(found[0])}",
                    Severity.WARNING,
                )  # fmt: skip
            else:
                fields["counterpart"] = person
        if found := self.cell(row, "stakeholder.last_contact"):
            when = parse_date(found[0], day_first=self.mapping.date_order == "dmy")
            if when is None:
                self.error(row, found[1], f"'{found[0]}' is not a date (expected e.g. 2026-10-01 or 01.10.2026)")
            else:
                fields["last_contact"] = when
        short = " ".join(p[0] for p in (parts[0], parts[2]) if p) or name
        return ImportedContact(row, fields, contact, self.cell(row, "stakeholder.reports_to"), short)
