"""``kamgen import``: realistic CRM exports in, dossiers out that pass ``kamgen check``; re-import merges."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from kamgen.cli import cli
from kamgen.interchange.crm_read import decode, parse_date, parse_number, sniff_delimiter
from tests.support import copy_example, write_project

CRM = Path(__file__).resolve().parent.parent / "fixtures" / "crm"
TEAM = """\
people:
  - id: olena-koval
    name: Olena Koval
    level: executive
    email: olena.koval@example.com
  - id: andriy-melnyk
    name: Andriy Melnyk
    level: manager
    email: andriy.melnyk@example.com
  - id: dmitry-sokolov
    name: Дмитрий Соколов
    level: manager
  - id: oksana-shevchuk
    name: Оксана Шевчук
    level: specialist
"""


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write_project(tmp_path / "site", team=TEAM)
    monkeypatch.chdir(root)
    return root


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--today", "2026-11-22"])


def dossier(site: Path, account_id: str) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((site / "accounts" / f"{account_id}.yaml").read_text(encoding="utf-8"))


def people(account: dict) -> dict[str, dict]:  # type: ignore[type-arg]
    return {p["id"]: p for p in account["stakeholders"]}


def test_salesforce_report_with_bom_and_footer(site: Path) -> None:
    result = run("import", str(CRM / "salesforce_contacts.csv"))
    assert result.exit_code == 0, result.output
    assert "Imported 2 companies and 5 contacts" in result.output
    assert "(salesforce, utf-8-sig)" in result.output
    northwind = dossier(site, "northwind-logistics")
    assert northwind["crm_id"] == "0015g00000AbCdEAAZ"
    assert northwind["owner"] == "olena-koval"
    assert northwind["revenue"] == {2025: 1450000}
    olga = people(northwind)["olga-ivanova"]
    assert olga["reports_to"] == "ivan-shevchenko"
    assert olga["last_contact"] == date(2026, 10, 1)  # 10/1/2026: a US report is month first
    assert olga["contact"] == {"email": "o.ivanova@northwind.example", "phone": "+380 44 123 45 67",
                               "mobile": "+380 67 555 01 02"}  # fmt: skip
    assert people(northwind)["anna-sidorova"]["counterpart"] == "andriy-melnyk"
    assert people(dossier(site, "kestrel-bank"))["priya-natarajan"]["reports_to"] == "thomas-reid"
    assert sorted(p.name for p in (site / "accounts").iterdir()) == ["kestrel-bank.yaml", "northwind-logistics.yaml"]


def test_hubspot_export(site: Path) -> None:
    result = run("import", str(CRM / "hubspot_contacts.csv"))
    assert result.exit_code == 0, result.output
    assert "(hubspot, utf-8)" in result.output
    lumen = dossier(site, "lumen-telecom")
    assert (lumen["crm_id"], lumen["owner"]) == ("9021", "andriy-melnyk")
    mark = people(lumen)["mark-jensen"]
    assert (mark["crm_id"], mark["title"], mark["last_contact"]) == ("52", "IT Director, Networks", date(2026, 9, 2))
    assert dossier(site, "aurora-retail")["owner"] == "olena-koval"


def test_bitrix24_export_in_cp1251_with_semicolons(site: Path) -> None:
    assert (CRM / "bitrix24_contacts.csv").read_bytes().decode("cp1251")  # the fixture really is cp1251
    result = run("import", str(CRM / "bitrix24_contacts.csv"))
    assert result.exit_code == 0, result.output
    assert "(bitrix24, cp1251)" in result.output
    severtrans = dossier(site, "severtrans")
    assert severtrans["owner"] == "dmitry-sokolov"
    by_id = people(severtrans)
    assert list(by_id) == ["sergey-volkov", "elena-morozova", "artem-elkin"]
    assert by_id["sergey-volkov"]["name"] == "Сергей Петрович Волков"
    assert by_id["sergey-volkov"]["crm_id"] == "12"
    assert by_id["artem-elkin"]["counterpart"] == "oksana-shevchuk"


def test_amocrm_export_with_revenue_in_roubles(site: Path) -> None:
    result = run("import", str(CRM / "amocrm_contacts.csv"))
    assert result.exit_code == 0, result.output
    assert "(amocrm, utf-8-sig)" in result.output
    pharm = dossier(site, "volga-farm")
    assert (pharm["name"], pharm["crm_id"], pharm["revenue"]) == ("Волга-Фарм", "30001", {2025: 2450000})
    assert people(pharm)["irina-kravets"]["title"] == "Директор по закупкам"
    assert people(pharm)["pavel-gusev"]["contact"] == {
        "email": "gusev@volgapharm.example",
        "mobile": "+7 917 100-20-30",
    }


def test_xlsx_with_ukrainian_headers(site: Path) -> None:
    result = run("import", str(CRM / "generic_contacts.xlsx"))
    assert result.exit_code == 0, result.output
    agro = dossier(site, "karpaty-ahro")
    assert (agro["crm_id"], agro["owner"], agro["potential"], agro["revenue"]) == (
        "K-17", "olena-koval", 1800000, {2025: 960000}
    )  # fmt: skip
    hanna = people(agro)["hanna-melnyk"]
    assert (hanna["reports_to"], hanna["last_contact"]) == ("taras-bondarenko", date(2026, 9, 3))


def test_every_import_passes_check(site: Path) -> None:
    for export in sorted(CRM.iterdir()):
        if export.suffix in (".csv", ".xlsx") and not export.name.startswith("malformed"):
            assert run("import", str(export)).exit_code == 0, export
    check = run("check")
    assert check.exit_code == 0, check.output
    assert "7 accounts" in check.output


HAND_EDITED = """\
# Northwind — our largest account (hand-written header comment)
name: Northwind Logistics
crm_id: 0015g00000AbCdEAAZ
industry: Logistics   # we call it logistics, the CRM says transportation
tier: A
owner: olena-koval
stakeholders:
  - id: olga
    name: Olga Ivanova
    crm_id: 0035g00000QwErUAAZ
    title: CFO
    # Met at the Kyiv forum; prefers e-mail to calls
    roles: [decision-maker, budget-holder]
    attitude: supporter
    influence: 5
    last_contact: 2026-11-15

  - id: ivan
    name: Ivan Shevchenko
    title: Chief Executive Officer

risks:
  - risk: CFO may leave after the merger   # heard from Anna
    likelihood: medium
notes: |
  Prefers short written summaries.
"""


def test_reimport_merges_and_keeps_hand_edits(site: Path) -> None:
    path = site / "accounts" / "northwind.yaml"
    path.write_text(HAND_EDITED, encoding="utf-8")
    dry = run("import", str(CRM / "salesforce_contacts.csv"), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert path.read_text(encoding="utf-8") == HAND_EDITED  # a dry run writes nothing
    assert "--- a/accounts/northwind.yaml\n+++ b/accounts/northwind.yaml\n" in dry.stdout
    assert "-industry: Logistics   # we call it logistics, the CRM says transportation\n" in dry.stdout
    assert "+industry: Transportation # we call it logistics, the CRM says transportation\n" in dry.stdout
    assert "+  - id: anna-sidorova\n" in dry.stdout
    assert not (site / "accounts" / "northwind-logistics.yaml").exists()

    result = run("import", str(CRM / "salesforce_contacts.csv"))
    assert result.exit_code == 0, result.output
    assert "updated: accounts/northwind.yaml (1 contacts added, 2 updated)" in result.output
    text = path.read_text(encoding="utf-8")
    for kept in (
        "# Northwind — our largest account (hand-written header comment)\n",
        "    # Met at the Kyiv forum; prefers e-mail to calls\n    roles: [decision-maker, budget-holder]\n",
        "  - risk: CFO may leave after the merger   # heard from Anna\n",
        "notes: |\n  Prefers short written summaries.\n",
    ):
        assert kept in text
    merged = yaml.safe_load(text)
    olga, ivan, anna = merged["stakeholders"]
    assert (olga["id"], olga["title"], olga["attitude"], olga["influence"]) == ("olga", "Chief Financial Officer",
                                                                               "supporter", 5)  # fmt: skip
    assert olga["last_contact"] == date(2026, 11, 15)  # the later, hand-written contact is kept
    assert olga["reports_to"] == "ivan"  # the CRM's manager, found by name among existing stakeholders
    assert ivan["crm_id"] == "0035g00000QwErTAAZ"  # matched by name, now tied to the CRM record
    assert (anna["id"], anna["reports_to"]) == ("anna-sidorova", "olga")
    assert text.index("  - id: anna-sidorova") < text.index("\n\nrisks:")  # the blank line stays before risks

    again = run("import", str(CRM / "salesforce_contacts.csv"))
    assert "0 new, 0 updated, 2 unchanged dossiers" in again.output
    assert run("check").exit_code == 0


def test_unknown_owner_is_an_error_unless_owner_given(site: Path) -> None:
    export = site / "export.csv"
    export.write_text("Company,Owner,Contact,Email\nAcme,Jane Roe,Bob Stone,bob@acme.example\n", encoding="utf-8")
    result = run("import", "export.csv")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "export.csv:2:2: Owner: 'Jane Roe' is not in team.yaml (matched by name, e-mail or id); "
        "add them to team.yaml or pass --owner ID",
        "1 error in export.csv; nothing was imported",
    ]
    assert run("import", "export.csv", "--owner", "andriy-melnyk").exit_code == 0
    assert dossier(site, "acme")["owner"] == "andriy-melnyk"


MALFORMED = """\
Account Name;Account Owner;Tier;Full Name;Email;Last Activity;Potential
Acme;Olena Koval;A;Bob Stone;bob@acme.example;01.10.2026;1 000 000
;Olena Koval;A;Eve Adams;eve@acme.example;;
Acme;Olena Kovall;A;Dan Brown;;;
Beta;Olena Koval;D;Ann Lee;;31.02.2026;lots
Gamma;Olena Koval;B;;carl@gamma.example;;
Delta;Olena Koval;B;Zoe Park;;;;extra
"""


def test_malformed_rows_are_listed_with_file_row_column(site: Path) -> None:
    (site / "bad.csv").write_text(MALFORMED, encoding="utf-8")
    result = run("import", "bad.csv")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "bad.csv:3:1: Account Name: the company name is empty; fill it in or delete the row",
        "bad.csv:4:2: Account Owner: 'Olena Kovall' is not in team.yaml (matched by name, e-mail or id) — did you mean "
        "'Olena Koval'?; add them to team.yaml or pass --owner ID",
        "bad.csv:5:3: Tier: 'D' is not one of A, B, C",
        "bad.csv:5:6: Last Activity: '31.02.2026' is not a date (expected e.g. 2026-10-01 or 01.10.2026)",
        "bad.csv:5:7: Potential: 'lots' is not an amount (expected e.g. 1 450 000 or 1,450,000.00)",
        "bad.csv:6:4: Full Name: the contact has no name; fill in the name or delete the row",
        "bad.csv:7:8: the row has 8 cells but the header has 7; a value with the delimiter in it must be quoted",
        "7 errors in bad.csv; nothing was imported",
    ]
    assert list((site / "accounts").iterdir()) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty.csv:1:1: the file is empty; export the report with its header row"),
        (b"Foo,Bar\n1,2\n", "empty.csv:1:1: no column with the company name (the header has 'Foo', 'Bar'); "
                            "choose the CRM with --from, or name the columns in a --map file"),
        (b"PK\x03\x04broken", "empty.csv:1:1: not a readable .xlsx workbook (File is not a zip file); "
                              "save it again from the spreadsheet"),
    ],
)  # fmt: skip
def test_unreadable_files(site: Path, content: bytes, message: str) -> None:
    (site / "empty.csv").write_bytes(content)
    result = run("import", "empty.csv")
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == message


def test_unknown_counterpart_and_manager_are_warnings(site: Path) -> None:
    export = site / "contacts.csv"
    export.write_text(
        "Company,Owner,Full Name,Reports To,Contact Owner\n"
        "Acme,Olena Koval,Bob Stone,Mary Major,Olena Koval\n"
        "Acme,Olena Koval,Eve Adams,Bob Stone,Nobody Here\n",
        encoding="utf-8",
    )
    result = run("import", "contacts.csv")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "contacts.csv:2:4: warning: Reports To: 'Mary Major' is not a contact of Acme in this file or its dossier, "
        "so reports_to is left out",
        "contacts.csv:3:5: warning: Contact Owner: 'Nobody Here' is not in team.yaml, so the contact gets no counterpart",
    ]
    assert people(dossier(site, "acme"))["eve-adams"]["reports_to"] == "bob-stone"


def test_mapping_file_for_another_crm(site: Path) -> None:
    (site / "pipedrive.csv").write_text(
        "Organization - Name;Organization - ID;Person - Name;Person - Email;Organization - Owner;Sales 2024\n"
        "Acme;ORG-1;Bob Stone;bob@acme.example;olena.koval@example.com;1.234.567,50\n",
        encoding="utf-8",
    )
    (site / "mapping.yaml").write_text(
        "date_order: dmy\ncolumns:\n"
        "  account.name: Organization - Name\n  account.crm_id: Organization - ID\n"
        "  account.owner: Organization - Owner\n  stakeholder.name: [Person - Name]\n"
        "  stakeholder.email: Person - Email\n  account.revenue.2024: Sales 2024\n",
        encoding="utf-8",
    )
    result = run("import", "pipedrive.csv", "--map", "mapping.yaml")
    assert result.exit_code == 0, result.output
    acme = dossier(site, "acme")
    assert (acme["crm_id"], acme["owner"], acme["revenue"]) == ("ORG-1", "olena-koval", {2024: 1234567.5})
    (site / "mapping.yaml").write_text("columns:\n  account.nmae: Organization - Name\n", encoding="utf-8")
    bad = run("import", "pipedrive.csv", "--map", "mapping.yaml")
    assert bad.exit_code == 2
    assert bad.output == (
        "Error: mapping.yaml: columns: 'account.nmae' is not a field kamgen imports — did you mean 'account.name'?\n"
    )


def test_unknown_default_owner(site: Path) -> None:
    shutil.copy(CRM / "hubspot_contacts.csv", site / "h.csv")
    result = run("import", "h.csv", "--owner", "nobody")
    assert (result.exit_code, result.output) == (2, "Error: --owner: 'nobody' is not an id in team.yaml\n")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1 234 567,89 ₽", 1234567.89), ("$1,234,567.89", 1234567.89), ("1.234.567,89 €", 1234567.89),
        ("1\u00a0450\u00a0000 руб.", 1450000), ("2 500 000 грн", 2500000), ("12,5", 12.5), ("1,234", 1234),
        ("EUR 3.5", 3.5), ("(300)", -300), ("12,3x", None), ("", None), ("n/a", None),
    ],
)  # fmt: skip
def test_numbers_as_crms_write_them(text: str, number: float | None) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("2026-10-01 14:03", False, date(2026, 10, 1)), ("01.10.2026 12:30:00", True, date(2026, 10, 1)),
        ("10/1/2026", False, date(2026, 10, 1)), ("10/1/2026", True, date(2026, 1, 10)),
        ("25/1/2026", False, date(2026, 1, 25)), ("31.02.2026", True, None), ("yesterday", True, None),
    ],
)  # fmt: skip
def test_dates_as_crms_write_them(text: str, day_first: bool, expected: date | None) -> None:
    assert parse_date(text, day_first=day_first) == expected


def test_encodings_and_delimiters() -> None:
    assert decode("Компания;Имя".encode("cp1251")) == ("Компания;Имя", "cp1251")
    assert decode(b"\xef\xbb\xbfName") == ("Name", "utf-8-sig")
    assert decode("Name\tКомпанія".encode("utf-16")) == ("Name\tКомпанія", "utf-16")
    assert [sniff_delimiter(h) for h in ('"a,b";c;d', "a,b,c", "a\tb\tc", "single")] == [";", ",", "\t", ","]


def test_merge_into_hand_written_dossiers_changes_only_what_the_crm_says(tmp_path: Path) -> None:
    site = copy_example(tmp_path / "example")
    config = str(site / "mkdocs.yml")
    dry = run("import", "-f", config, str(CRM / "salesforce_contacts.csv"), "--dry-run")
    assert dry.exit_code == 0, dry.output
    removed = {line for line in dry.stdout.splitlines() if line.startswith("-") and not line.startswith("---")}
    assert removed == {
        "-industry: Logistics", "-    title: Chief executive officer", "-    title: Chief financial officer",
        "-    department: Operations", "-    reports_to: petro-bondar",  # Northwind
        "-owner: olena-koval", "-  2025: 920000",  # Kestrel Bank
    }  # fmt: skip
    assert run("import", "-f", config, str(CRM / "salesforce_contacts.csv")).exit_code == 0
    text = (site / "accounts" / "northwind-logistics.yaml").read_text(encoding="utf-8")
    assert "    volume_growth: null\n" in text  # nulls stay spelled as the editors wrote them
    assert text.startswith("# yaml-language-server: $schema=../schema/account.schema.json\n")
    assert run("check", "-f", config).exit_code == 0


def test_cells_that_look_like_yaml_stay_text(site: Path) -> None:
    (site / "tricky.csv").write_text(
        'Company,Owner,Full Name,Title,Department\n"Acme: Holding #1",Olena Koval,Null,"- VP, Sales",2026-10-01\n'
        "Acme: Holding #1,Olena Koval,yes,[boss],&anchor\n",
        encoding="utf-8",
    )
    result = run("import", "tricky.csv")
    assert result.exit_code == 0, result.output
    acme = dossier(site, "acme-holding-1")
    assert acme["name"] == "Acme: Holding #1"
    assert [(p["name"], p["title"], p["department"]) for p in acme["stakeholders"]] == [
        ("Null", "- VP, Sales", "2026-10-01"),
        ("yes", "[boss]", "&anchor"),
    ]
    assert run("check").exit_code == 0


def test_an_unreadable_dossier_stops_the_import(site: Path) -> None:
    (site / "accounts" / "acme.yaml").write_text("name: Acme\nowner: [olena-koval\n", encoding="utf-8")
    (site / "c.csv").write_text("Company,Owner\nAcme,Olena Koval\n", encoding="utf-8")
    result = run("import", "c.csv")
    assert result.exit_code == 2
    assert result.output.splitlines()[0].startswith("accounts/acme.yaml:3:1: cannot read this dossier (")
    assert result.output.splitlines()[0].endswith("); fix it (kamgen check) and import again")
    assert sorted(p.name for p in (site / "accounts").iterdir()) == ["acme.yaml"]
