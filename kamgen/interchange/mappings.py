"""Which column of a CRM export fills which dossier field: built-in mappings and ``--map`` files.

A mapping lists, for each field kamgen imports, the column headers that may
hold it, in English, Russian and Ukrainian; the first header present wins.
Each CRM's mapping puts its own headers before the generic ones, and a
``--map`` file's before those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml

from kamgen.data.diagnose import did_you_mean
from kamgen.errors import ConfigError

DateOrder = Literal["mdy", "dmy"]

ACCOUNT_FIELDS = ("crm_id", "name", "industry", "owner", "tier", "status", "since", "potential", "cost_to_serve")
STAKEHOLDER_FIELDS = (
    "crm_id", "name", "first_name", "middle_name", "last_name", "title", "department", "level",
    "email", "phone", "mobile", "reports_to", "counterpart", "last_contact",
)  # fmt: skip
TARGETS = (*(f"account.{f}" for f in ACCOUNT_FIELDS), *(f"stakeholder.{f}" for f in STAKEHOLDER_FIELDS))
# "Revenue 2025", "Выручка 2025", "Виручка 2025": our revenue from the client in that year.
REVENUE_HEADER = re.compile(r"^(?:revenue|sales|выручка|продажи|виручка|продажі)\s*,?\s*(\d{4})$")
REVENUE_TARGET = re.compile(r"^account\.revenue\.(\d{4})$")

GENERIC: dict[str, tuple[str, ...]] = {
    "account.crm_id": ("account id", "company id", "id компании", "id компанії", "ід компанії"),
    "account.name": (
        "account name", "company name", "company", "account", "organization", "organisation",
        "компания", "название компании", "организация", "клиент",
        "компанія", "назва компанії", "організація", "клієнт",
    ),
    "account.industry": ("industry", "отрасль", "сфера деятельности", "галузь", "сфера діяльності"),
    "account.owner": (
        "account owner", "company owner", "key account manager", "owner",
        "ответственный", "менеджер", "відповідальний",
    ),
    "account.tier": ("tier", "abc", "abc class", "класс abc", "клас abc"),
    "account.status": ("account status", "статус клиента", "статус клієнта"),
    "account.since": ("customer since", "client since", "клиент с", "клієнт з"),
    "account.potential": ("potential", "потенциал", "потенціал"),
    "account.cost_to_serve": ("cost to serve", "стоимость обслуживания", "вартість обслуговування"),
    "stakeholder.crm_id": ("contact id", "id контакта", "id контакту", "ід контакту"),
    "stakeholder.name": (
        "full name", "contact name", "contact", "фио", "полное имя", "имя контакта", "контакт",
        "піб", "повне ім'я", "ім'я контакту",
    ),
    "stakeholder.first_name": ("first name", "имя", "ім'я", "імя"),
    "stakeholder.middle_name": ("middle name", "отчество", "по батькові"),
    "stakeholder.last_name": ("last name", "фамилия", "прізвище"),
    "stakeholder.title": ("title", "job title", "position", "должность", "посада"),
    "stakeholder.department": ("department", "отдел", "подразделение", "відділ", "підрозділ"),
    "stakeholder.level": ("level", "уровень", "рівень"),
    "stakeholder.email": (
        "email", "e-mail", "work email", "work e-mail", "email address",
        "рабочий e-mail", "рабочий email", "электронная почта", "почта",
        "робочий e-mail", "робочий email", "електронна пошта", "пошта",
    ),
    "stakeholder.phone": (
        "phone", "business phone", "phone number", "work phone",
        "рабочий телефон", "телефон", "робочий телефон",
    ),
    "stakeholder.mobile": ("mobile", "mobile phone", "mobile phone number", "мобильный телефон", "мобільний телефон"),
    "stakeholder.reports_to": ("reports to", "руководитель", "подчиняется", "керівник"),
    "stakeholder.counterpart": (
        "contact owner", "ответственный за контакт", "відповідальний за контакт",
    ),
    "stakeholder.last_contact": (
        "last activity", "last activity date", "last contacted", "last contact",
        "последний контакт", "дата последнего контакта", "останній контакт", "дата останнього контакту",
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Mapping:
    name: str
    columns: dict[str, tuple[str, ...]]
    """Field → headers that may hold it, this CRM's first."""
    date_order: DateOrder = "dmy"
    signature: tuple[tuple[str, ...], ...] = ()
    """Auto-detection: the header has one of each group."""
    revenue: dict[int, tuple[str, ...]] = field(default_factory=dict)
    """Year → headers of our revenue in that year (besides "Revenue 2025" and its translations)."""

    def matches(self, headers: set[str]) -> bool:
        return bool(self.signature) and all(any(h in headers for h in group) for group in self.signature)

    def resolve(self, headers: tuple[str, ...]) -> Columns:
        """Field → column index, and year → revenue column index, for this header row."""
        index: dict[str, int] = {}
        for i, header in enumerate(headers):
            index.setdefault(normalise(header), i)
        fields = {}
        for target in TARGETS:
            aliases = (*self.columns.get(target, ()), *GENERIC.get(target, ()))
            found = next((index[a] for a in map(normalise, aliases) if a in index), None)
            if found is not None:
                fields[target] = found
        revenue: dict[int, int] = {}
        for i, header in enumerate(headers):
            if match := REVENUE_HEADER.match(normalise(header)):
                revenue.setdefault(int(match[1]), i)
        for year, aliases in self.revenue.items():
            found = next((index[a] for a in map(normalise, aliases) if a in index), None)
            if found is not None:
                revenue[year] = found
        return Columns(fields, revenue)


@dataclass(frozen=True)
class Columns:
    fields: dict[str, int]
    revenue: dict[int, int]


def normalise(header: str) -> str:
    """A header as mappings name it: lower case, one space, no amoCRM "(контакт)" suffix, ё as е."""
    text = re.sub(r"\s+", " ", header.replace("\ufeff", "")).strip().casefold().replace("ё", "е").replace("’", "'")
    text = re.sub(r"\s*\((?:контакт|компания|контакту|компанія|contact|company)\)$", "", text)
    return text.rstrip(":*").strip()


BUILTIN: dict[str, Mapping] = {
    m.name: m
    for m in (
        # A Salesforce "Contacts & Accounts" report; US exports write 10/1/2026.
        Mapping(
            "salesforce",
            {"stakeholder.counterpart": ("contact owner",), "stakeholder.mobile": ("mobile",)},
            date_order="mdy",
            signature=(("account id", "contact id"), ("account name",)),
        ),
        # A HubSpot contacts export with the associated company's columns.
        Mapping(
            "hubspot",
            {
                "stakeholder.crm_id": ("record id", "record id - contact"),
                "account.crm_id": (
                    "associated company ids (primary)",
                    "associated company id",
                    "company id",
                    "record id - company",
                ),
                "account.name": ("associated company", "company name"),
                "account.owner": ("company owner", "contact owner"),
                "stakeholder.last_contact": ("last activity date", "last contacted"),
            },
            date_order="mdy",
            signature=(("record id", "record id - contact"),),
        ),
        # amoCRM (Kommo) contacts: "(контакт)" suffixes, the owner is "Ответственный".
        Mapping(
            "amocrm",
            {
                "stakeholder.crm_id": ("id",),
                "stakeholder.name": ("полное имя", "полное имя контакта", "наименование", "повне ім'я", "full name"),
                "account.name": ("компания", "компанія", "company"),
                "stakeholder.counterpart": ("ответственный", "відповідальний", "responsible user"),
            },
            signature=(("полное имя", "полное имя контакта", "повне ім'я"), ("ответственный", "відповідальний")),
        ),
        # Bitrix24 CRM contacts, usually cp1251 with ";" from a Russian or Ukrainian portal.
        Mapping(
            "bitrix24",
            {
                "stakeholder.crm_id": ("id",),
                "stakeholder.counterpart": ("ответственный", "відповідальний", "responsible person"),
            },
            signature=(("рабочий e-mail", "робочий e-mail", "work e-mail"), ("ответственный", "відповідальний")),
        ),
        Mapping("generic", {}),
    )
}
SOURCES = ("auto", *BUILTIN)


def choose(source: str, headers: tuple[str, ...], custom: Mapping | None = None) -> Mapping:
    """The mapping to read ``headers`` with: ``--map``'s, the named CRM's, or the one the header matches."""
    if custom is not None:
        return custom
    if source != "auto":
        return BUILTIN[source]
    present = {normalise(h) for h in headers}
    return next((m for m in BUILTIN.values() if m.matches(present)), BUILTIN["generic"])


def load_mapping(path: Path, base: str = "generic") -> Mapping:
    """A ``--map`` file: ``columns: {field: header or [headers]}`` and ``date_order: dmy|mdy``."""
    where = path.as_posix()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{where}: cannot read the mapping ({exc})") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("columns"), dict):
        raise ConfigError(f"{where}: expected 'columns:' with field: header pairs (see docs/import-export.md)")
    unknown = set(raw) - {"columns", "date_order"}
    if unknown:
        raise ConfigError(f"{where}: unknown key '{sorted(unknown)[0]}' (expected columns, date_order)")
    order = raw.get("date_order", BUILTIN[base].date_order)
    if order not in ("dmy", "mdy"):
        raise ConfigError(f"{where}: date_order: '{order}' is not one of dmy, mdy")
    columns: dict[str, tuple[str, ...]] = {}
    revenue: dict[int, tuple[str, ...]] = {}
    for target, headers in raw["columns"].items():
        names = tuple(str(h) for h in (headers if isinstance(headers, list) else [headers]))
        if match := REVENUE_TARGET.match(str(target)):
            revenue[int(match[1])] = names
        elif target in TARGETS:
            columns[target] = names
        else:
            hint = did_you_mean(target, TARGETS) or " (see docs/import-export.md for the fields)"
            raise ConfigError(f"{where}: columns: '{target}' is not a field kamgen imports{hint}")
    base_columns = BUILTIN[base].columns
    merged = {t: (*columns.get(t, ()), *base_columns.get(t, ())) for t in {*columns, *base_columns}}
    return Mapping(f"{base} + {path.name}", merged, date_order=order, revenue=revenue)
