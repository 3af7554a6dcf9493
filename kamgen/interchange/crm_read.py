"""Reading a CRM export (CSV or XLSX) into rows of cells, each with its place in the file.

CRM exports come in whatever the exporting desktop chose: UTF-8 with or without
a BOM, cp1251 from Bitrix24 and from Excel in Russian and Ukrainian locales,
UTF-16 from Excel's "Unicode text"; commas, semicolons or tabs. Everything is
read here, once, so the mapping and the merge only see text with positions.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from kamgen.errors import Diagnostic

# An export larger than this is not a CRM export of key accounts; refuse rather than exhaust memory.
MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000  # a workbook is compressed: its rows are bounded too
DELIMITERS = (",", ";", "\t")

Cell = str | float | int | date | None


@dataclass(frozen=True)
class Row:
    line: int
    """Where the row starts: the line of a CSV file, the row number of a sheet."""
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    display: str
    """The file as the user named it, for diagnostics."""
    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    encoding: str = "xlsx"

    def at(self, row: Row, column: int, message: str, field: str = "") -> Diagnostic:
        """A diagnostic at ``row`` and the 0-based ``column``, as ``file:row:column``."""
        return Diagnostic(self.display, row.line, column + 1, field, message)


class UnreadableFileError(Exception):
    """The file cannot be read as a table at all (the message says why and what to do)."""


def read_table(path: Path, display: str) -> Table:
    """The table in ``path``: an ``.xlsx`` workbook's first sheet, or a delimited text file."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableFileError(f"the file has {size} bytes; kamgen imports exports up to {MAX_BYTES} bytes")
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(f"cannot read the file: {exc.strerror}") from None
    if data[:4] == b"PK\x03\x04":  # a zip: an Office Open XML workbook
        return _read_xlsx(data, display)
    text, encoding = decode(data)
    return _read_delimited(text, display, encoding)


def decode(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was in: UTF-8 (BOM or not), UTF-16 with a BOM, else cp1251."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # Not UTF-8: a Windows code page. Russian and Ukrainian CRMs and Excel write cp1251.
        return data.decode("cp1251", errors="replace"), "cp1251"


def sniff_delimiter(header: str) -> str:
    """The delimiter of a header line: the one of ``,`` ``;`` tab found most often outside quotes."""
    outside = re.sub(r'"[^"]*"', "", header)
    counts = {d: outside.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_delimited(text: str, display: str, encoding: str) -> Table:
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    if not first_line:
        raise UnreadableFileError("the file is empty; export the report with its header row")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(first_line))
    records: list[Row] = []
    previous = 0
    try:
        for cells in reader:
            records.append(Row(previous + 1, tuple(cell.strip() for cell in cells)))
            previous = reader.line_num
            _bounded(records)
    except csv.Error as exc:
        raise UnreadableFileError(f"line {reader.line_num}: {exc}") from None
    return _table(records, display, encoding)


def _read_xlsx(data: bytes, display: str) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        message = f"not a readable .xlsx workbook ({exc}); save it again from the spreadsheet"
        raise UnreadableFileError(message) from None
    sheet = book.worksheets[0]
    records: list[Row] = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = tuple(_xlsx_cell(value) for value in values)
        records.append(Row(number, cells))
        _bounded(records)
    book.close()
    return _table(records, display, "xlsx")


def _bounded(records: list[Row]) -> None:
    if len(records) > MAX_ROWS:
        raise UnreadableFileError(f"the file has more than {MAX_ROWS} rows; import it in parts")


def _xlsx_cell(value: object) -> Cell:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float | date):
        return value
    return None if value is None else str(value)


def _blank(row: Row) -> bool:
    return all(cell in (None, "") for cell in row.cells)


def _table(records: list[Row], display: str, encoding: str) -> Table:
    """Header and data rows: blank rows dropped, and the footer some CRMs append after a blank line."""
    while records and _blank(records[0]):
        records.pop(0)
    if not records:
        raise UnreadableFileError("the file is empty; export the report with its header row")
    header, *rest = records
    headers = tuple(str(cell or "").strip() for cell in header.cells)
    while headers and not headers[-1]:
        headers = headers[:-1]
    rows: list[Row] = []
    after_blank = False
    for row in rest:
        if _blank(row):
            after_blank = True
            continue
        # Salesforce ends a report with a blank line, then one-cell lines (title, copyright).
        if after_blank and sum(cell not in (None, "") for cell in row.cells) == 1:
            continue
        rows.append(row)
    return Table(display, headers, tuple(rows), encoding)


# Currency signs and words CRMs put beside amounts; anything else that is not a number is an error.
_CURRENCY = re.compile(r"(?i)(?:[$€£₽₴¥]|\b(?:usd|eur|rub|uah|gbp|руб|грн|р)\b\.?)")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")


def parse_number(value: Cell) -> float | None:
    """A number as CRMs write it: ``1 234 567,89 ₽``, ``$1,234,567.89``, ``1.234.567,89 €``; None if not one.

    With one separator followed by exactly three digits (``1,234``, ``1.234``) it is read as a
    thousands separator: amounts with three decimals do not occur in a CRM.
    """
    if isinstance(value, bool) or value is None or isinstance(value, date):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = _SPACES.sub("", _CURRENCY.sub("", value))
    negative = text.startswith("-") or (text.startswith("(") and text.endswith(")"))
    text = text.strip("-()")
    if not re.fullmatch(r"\d[\d.,]*", text):
        return None
    text = _normalise_separators(text)
    try:
        number = float(text)
    except ValueError:
        return None
    return -number if negative else number


def _normalise_separators(text: str) -> str:
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        return text.replace(thousands, "").replace(decimal, ".")
    for separator in (",", "."):
        if separator in text:
            parts = text.split(separator)
            if len(parts) > 2 or len(parts[-1]) == 3:
                return text.replace(separator, "")
            return text.replace(separator, ".")
    return text


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def parse_date(value: Cell, *, day_first: bool) -> date | None:
    """A date as CRMs write it, time of day ignored: ISO, ``01.10.2026``, ``10/1/2026``; None if not one.

    Slashed dates are month first in US exports and day first elsewhere: ``day_first`` says which
    (the mapping's ``date_order``); a first number over 12 settles it either way.
    """
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if match := _ISO.match(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DOTTED.match(text):
            return date(int(match[3]), int(match[2]), int(match[1]))
        if match := _SLASHED.match(text):
            first, second, year = int(match[1]), int(match[2]), int(match[3])
            if first > 12 or (day_first and second <= 12):
                return date(year, second, first)
            return date(year, first, second)
    except ValueError:
        return None
    return None
