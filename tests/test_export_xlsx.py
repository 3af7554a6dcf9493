"""``kamgen export xlsx``: the workbook opened back with openpyxl and checked for content."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from kamgen.cli import cli
from tests.conftest import REPO, TODAY


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

    worklist = list(book["Olena Koval"].iter_rows(values_only=True))
    assert worklist[0] == ("Due", "Overdue", "Action", "Account", "Severity")
    dated = [r for r in worklist[1:] if isinstance(r[0], datetime)]
    assert dated == sorted(dated, key=lambda r: r[0])
    assert any(r[1] == "Overdue" for r in dated)


def test_restricted_audience_includes_restricted_accounts(tmp_path: Path) -> None:
    book = load_workbook(export(tmp_path, "--audience", "restricted"))
    assert "Kestrel Bank" in [r[1] for r in book["Portfolio"].iter_rows(values_only=True)]
