"""``kamgen export xlsx``: the portfolio, the alerts and each person's worklist as sheets of one workbook.

Every sheet has a bold header row that stays in view (frozen) and filters on
its columns; amounts, shares and dates are real numbers and dates, so the
workbook sorts and sums the way a spreadsheet user expects.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kamgen.interchange.plain import PlainFacts, plain

Cell = str | int | float | date | None
MONEY = "#,##0"
PERCENT = "0.0%"
HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
# Excel refuses these in sheet names and allows at most 31 characters.
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def write_workbook(facts: PlainFacts, target: Path) -> Path:
    book = Workbook()
    _portfolio(facts, book.worksheets[0])
    _alerts(facts, book.create_sheet())
    used = {sheet.title for sheet in book.worksheets}
    for person in facts.portfolio.team.values():
        sheet = book.create_sheet(_sheet_name(person.name, used))
        _worklist(facts, sheet, person.id)
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target


def _sheet_name(name: str, used: set[str]) -> str:
    base = _SHEET_UNSAFE.sub("-", name).strip("'")[:31] or "-"
    candidate, number = base, 2
    while candidate.casefold() in {u.casefold() for u in used}:
        suffix = f" ({number})"
        candidate, number = base[: 31 - len(suffix)] + suffix, number + 1
    used.add(candidate)
    return candidate


def _table(sheet: Worksheet, headers: Sequence[str], rows: list[list[Cell]], formats: dict[int, str]) -> None:
    """Header, rows, number formats by column, filters, frozen header and fitting column widths."""
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for number, row in enumerate(rows, start=2):
        sheet.append([plain(v) if isinstance(v, str) else v for v in row])
        for column, value in enumerate(row, start=1):
            if isinstance(value, str) and value.startswith("="):
                sheet.cell(number, column).data_type = "s"  # dossier text, never a formula ("=…" would be one)
    for column, number_format in formats.items():
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = number_format
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(len(rows) + 1, 2)}"
    for index, header in enumerate(headers, start=1):
        longest = max([len(header), *(len(_shown(row[index - 1])) for row in rows)])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), 60)


def _shown(value: Cell) -> str:
    return "" if value is None else f"{value:,.0f}" if isinstance(value, float) else str(value)


def _portfolio(facts: PlainFacts, sheet: Worksheet) -> None:
    _ = facts.gettext
    sheet.title = _("Portfolio")
    year = facts.figures.year
    headers = [
        "#", _("Account"), _("Tier"), _("Pareto class"), _("Status"), _("Industry"), _("Key account manager"),
        _("Revenue %(year)s") % {"year": year or ""}, _("Share"), _("Potential"), _("Cost to serve"),
        _("Stakeholders"), _("Open actions"), _("Alerts"),
    ]  # fmt: skip
    alerts: dict[str, int] = {}
    for alert in facts.alerts:
        alerts[alert.account_id] = alerts.get(alert.account_id, 0) + 1
    ranked = sorted(facts.portfolio.accounts, key=lambda a: facts.figures[a.id].rank)
    rows: list[list[Cell]] = []
    for account in ranked:
        figures = facts.figures[account.id]
        rows.append([
            figures.rank, account.name, account.tier, figures.pareto_class, facts.label(account.status),
            account.industry, facts.person(account.owner), figures.revenue, figures.share, account.potential,
            account.cost_to_serve, len(account.stakeholders), len(facts.open_actions(account)),
            alerts.get(account.id, 0),
        ])  # fmt: skip
    _table(sheet, headers, rows, {8: MONEY, 9: PERCENT, 10: MONEY, 11: MONEY})


def _alerts(facts: PlainFacts, sheet: Worksheet) -> None:
    _ = facts.gettext
    sheet.title = _("Alerts")
    headers = [_("Severity"), _("Account"), _("Alert"), _("Responsible"), _("Why it matters"), _("What to do")]
    rows: list[list[Cell]] = []
    for alert in sorted(facts.alerts, key=lambda a: (a.level, facts.accounts[a.account_id].name)):
        account = facts.accounts[alert.account_id].name
        who = facts.person(alert.responsible)
        rows.append(
            [facts.label(alert.severity), account, facts.alert_text(alert), who, alert.why, alert.playbook_section]
        )
    _table(sheet, headers, rows, {})


def _worklist(facts: PlainFacts, sheet: Worksheet, person_id: str) -> None:
    _ = facts.gettext
    headers = [_("Due"), _("Overdue"), _("Action"), _("Account"), _("Severity")]
    rows: list[list[Cell]] = []
    for account, action in facts.worklist(person_id):
        late = action.due is not None and action.due < facts.today
        rows.append([action.due, _("Overdue") if late else "", action.action, account.name, ""])
    for alert in facts.alerts:
        if alert.responsible == person_id:
            account_name = facts.accounts[alert.account_id].name
            rows.append([None, "", facts.alert_text(alert), account_name, facts.label(alert.severity)])
    _table(sheet, headers, rows, {1: "yyyy-mm-dd"})
