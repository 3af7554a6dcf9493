"""The exception tree and the diagnostics every command reports.

Each exception class carries a stable exit code so the CLI, CI scripts and
editors can tell a data mistake from a usage mistake without parsing text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

# What a terminal, a CI log or a reader's eye would take for something else: C0/C1 controls
# (ESC starts terminal sequences, CR/LF forge lines), DEL, the bidi embeddings, overrides and
# isolates (U+202A-E, U+2066-9) and marks that reorder text, and the Unicode line separators.
UNSAFE_TO_PRINT = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` as one line safe for a terminal or log: unsafe characters shown as ``\\x1b``, ``\\u202e``."""
    return UNSAFE_TO_PRINT.sub(_visible, text)


def printable_lines(text: str) -> str:
    """Like :func:`printable`, but keeps the line breaks of a message of several lines."""
    return "\n".join(printable(line) for line in text.split("\n"))


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in one input file, located as precisely as we can."""

    file: str
    line: int
    column: int
    field: str
    message: str
    severity: Severity = Severity.ERROR
    label: str = ""
    """The field as the editor reads it ("stakeholder 2, Jane Doe: reports_to"); ``field`` is for tools."""

    @property
    def where(self) -> str:
        return self.label or self.field

    def __str__(self) -> str:
        # Field names and messages quote the dossier: printed, they must not drive the terminal.
        where = f"{printable(self.file)}:{self.line}:{self.column}"
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        field = f"{printable(self.where)}: " if self.where else ""
        return f"{where}: {prefix}{field}{printable(self.message)}"


def display_path(path: Path, root: Path) -> str:
    """The path as the editor knows it: relative to the project, with slashes."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside the project, or a loop of links
        return path.as_posix()


class KamgenError(Exception):
    """Base of every error kamgen reports to a user (never a traceback)."""

    exit_code = 1

    def __str__(self) -> str:
        # Messages quote file names, template text and values: safe to print wherever they go.
        return printable_lines(super().__str__())


class DataError(KamgenError):
    """The dossiers or the roster are invalid; carries every diagnostic found."""

    exit_code = 1

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        errors = [d for d in self.diagnostics if d.severity is Severity.ERROR]
        count = len(errors)
        summary = f"{count} error{'s' if count != 1 else ''} in the portfolio data"
        super().__init__("\n".join([*map(str, self.diagnostics), summary]))


class ImportFileError(DataError):
    """A CRM export ``kamgen import`` cannot take; every problem is located as file:row:column."""

    exit_code = 2

    def __init__(self, diagnostics: list[Diagnostic], source: str) -> None:
        super().__init__(diagnostics)
        count = sum(d.severity is Severity.ERROR for d in self.diagnostics)
        summary = f"{count} error{'s' if count != 1 else ''} in {source}; nothing was imported"
        self.args = ("\n".join([*map(str, self.diagnostics), summary]),)


class TemplateError(KamgenError):
    """A playbook or page template failed to render."""

    exit_code = 1


class ConfigError(KamgenError):
    """mkdocs.yml or the kamgen plugin options are wrong, or a path is missing."""

    exit_code = 2


class BuildError(KamgenError):
    """The site builder failed after the data was valid."""

    exit_code = 3
