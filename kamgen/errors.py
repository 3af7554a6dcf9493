"""The exception tree and the diagnostics every command reports.

Each exception class carries a stable exit code so the CLI, CI scripts and
editors can tell a data mistake from a usage mistake without parsing text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


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

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        field = f"{self.field}: " if self.field else ""
        return f"{where}: {prefix}{field}{self.message}"


def display_path(path: Path, root: Path) -> str:
    """The path as the editor knows it: relative to the project, with slashes."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


class KamgenError(Exception):
    """Base of every error kamgen reports to a user (never a traceback)."""

    exit_code = 1


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
