"""``kamgen export xlsx``: the workbook opened back with openpyxl and checked for content."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import icalendar
from click.testing import CliRunner
from openpyxl import load_workbook
from pptx import Presentation

from kamgen.cli import cli
from tests.support import MINIMAL_MKDOCS, REPO, TODAY, ProjectFactory


def export(tmp_path: Path, *extra: str) -> Path:
    target = tmp_path / "portfolio.xlsx"
    result = CliRunner().invoke(
        cli, ["export", "xlsx", "-f", str(REPO / "mkdocs.yml"), "-o", str(target), "--today", TODAY, *extra]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Wrote ")
    return target


def test_portfolio_alerts_and_worklists(tmp_path: Path) -> None:
    book = load_workbook(export(tmp_path))
    assert book.sheetnames == [
        "Portfolio", "Alerts", "Olena Koval", "James Whitfield", "Andriy Melnyk", "Maria Petrenko",
        "Дмитрий Соколов", "Iryna Tkachenko", "Сергей Волков",
    ]  # fmt: skip
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:")
        assert sheet["A1"].font.b
    portfolio = book["Portfolio"]
    rows = list(portfolio.iter_rows(values_only=True))
    assert rows[0][:8] == ("#", "Account", "Tier", "Pareto class", "Status", "Industry", "Key account manager",
                           "Revenue 2025")  # fmt: skip
    assert rows[1][:8] == (1, "Northwind Logistics", "A", "A", "Active", "Logistics", "Olena Koval", 1450000)
    assert portfolio["I2"].number_format == "0.0%" and 0 < portfolio["I2"].value < 1
    assert portfolio.auto_filter.ref == f"A1:N{len(rows)}"
    assert "Kestrel Bank" not in [r[1] for r in rows]  # restricted: not in an internal export

    alerts = list(book["Alerts"].iter_rows(values_only=True))
    assert alerts[0] == ("Severity", "Account", "Alert", "Responsible", "Why it matters", "What to do")
    assert alerts[1][0] == "High"
    assert any(str(r[2]).startswith("Overdue action: ") for r in alerts[1:])
    # Enum values read as their labels, never as Python values: ('cross_sell',) is "New items cross-sold".
    assert ("Northwind Logistics", "VIP goals due again: Reached before this round (last 365 days), so due again: "
            "New items cross-sold") in [r[1:3] for r in alerts]  # fmt: skip

    worklist = list(book["Olena Koval"].iter_rows(values_only=True))
    assert worklist[0] == ("Due", "Overdue", "Action", "Account", "Severity")
    dated = [r for r in worklist[1:] if isinstance(r[0], datetime)]
    assert dated == sorted(dated, key=lambda r: r[0])
    assert any(r[1] == "Overdue" for r in dated)


def test_restricted_audience_includes_restricted_accounts(tmp_path: Path) -> None:
    book = load_workbook(export(tmp_path, "--audience", "restricted"))
    assert "Kestrel Bank" in [r[1] for r in book["Portfolio"].iter_rows(values_only=True)]


HOSTILE = """\
name: "=HYPERLINK(\\"http://evil.example\\",\\"click\\")"
owner: olena-koval
revenue: {2025: 100000}
stakeholders:
  - id: bob
    name: "Bob\\0 Stone\\v"
    influence: 4
    attitude: neutral
actions:
  - action: "Call\\x01 Bob; then, write\\nback"
    owner: olena-koval
    due: 2026-12-01
"""


def test_hostile_text_is_never_a_formula_nor_breaks_the_files(make_project: ProjectFactory, tmp_path: Path) -> None:
    root = make_project(accounts={"evil": HOSTILE})
    config = str(root / "mkdocs.yml")
    runner = CliRunner()
    result = runner.invoke(cli, ["export", "xlsx", "-f", config, "-o", str(tmp_path / "p.xlsx"), "--today", TODAY])
    assert result.exit_code == 0, result.output
    cell = load_workbook(tmp_path / "p.xlsx")["Portfolio"]["B2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://evil.example","click")', "s")
    deck = runner.invoke(
        cli, ["export", "pptx", "evil", "-f", config, "-o", str(tmp_path / "d.pptx"), "--today", TODAY]
    )
    assert deck.exit_code == 0, deck.output
    assert "Bob Stone" in [s.text_frame.text for s in Presentation(str(tmp_path / "d.pptx")).slides[2].shapes]
    site = tmp_path / "site"
    assert runner.invoke(cli, ["build", "-f", config, "-d", str(site), "--today", TODAY]).exit_code == 0
    (event,) = icalendar.Calendar.from_ical((site / "accounts/evil/evil.ics").read_bytes()).walk("VEVENT")
    assert str(event["SUMMARY"]).startswith("Call Bob; then, write\nback — =HYPERLINK(")


def test_the_export_judges_by_the_sites_own_thresholds(make_project: ProjectFactory, tmp_path: Path) -> None:
    # A problem open 10 days: within the default service level (14 days), past this site's 5.
    mkdocs = MINIMAL_MKDOCS.replace(
        "      today: 2026-11-22\n", "      today: 2026-11-22\n      service_level_days: 5\n"
    )
    root = make_project(
        accounts={"acme": "name: Acme\nowner: olena-koval\nissues:\n"
                          "  - {issue: Scanner broken, kind: quality, opened: 2026-11-12}\n"},
        mkdocs=mkdocs,
    )  # fmt: skip
    target = tmp_path / "alerts.xlsx"
    result = CliRunner().invoke(cli, ["export", "xlsx", "-f", str(root / "mkdocs.yml"), "-o", str(target)])
    assert result.exit_code == 0, result.output
    texts = [str(r[2]) for r in load_workbook(target)["Alerts"].iter_rows(values_only=True)]
    assert any(t.startswith("Problem open past the service level: ") and "service level is 5 days" in t for t in texts)
