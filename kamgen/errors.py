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
    label: str = ""
    """The field as the editor reads it ("stakeholder 2, Jane Doe: reports_to"); ``field`` is for tools."""

    @property
    def where(self) -> str:
        return self.label or self.field

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        field = f"{self.where}: " if self.where else ""
        return f"{where}: {prefix}{field}{self.message}"


def display_path(path: Path, root: Path) -> str:
    """The path as the editor knows it: relative to the project, with slashes."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside the project, or a loop of links
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


class TemplateError(KamgenError):
    """A playbook or page template failed to render."""

    exit_code = 1


class ConfigError(KamgenError):
    """mkdocs.yml or the kamgen plugin options are wrong, or a path is missing."""

    exit_code = 2


class BuildError(KamgenError):
    """The site builder failed after the data was valid."""

    exit_code = 3
