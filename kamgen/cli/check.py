"""``kamgen check``: validate a site's inputs without building, as one result.

The result carries every diagnostic, so one run can be shown as text for a
person, JSON for a tool or annotations for GitHub (see :mod:`kamgen.cli.report`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kamgen.build import pipeline
from kamgen.config import Project
from kamgen.data.load import load_portfolio
from kamgen.errors import ConfigError, DataError, Diagnostic, KamgenError, Severity, display_path
from kamgen.mkdocs_yml import load_project

# "playbooks/p.md:2: error: 'nope' is undefined" → file, line, message.
_LOCATED = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+)(?::(?P<column>\d+))?: (?:error: )?(?P<message>.+)$", re.S)


@dataclass(frozen=True)
class CheckResult:
    """What one ``kamgen check`` found; ``exit_code`` is 0 ok, 1 data errors, 2 usage or config."""

    exit_code: int
    diagnostics: tuple[Diagnostic, ...] = ()
    error: str | None = None
    """A problem that is not one dossier line (config, template), as the user reads it."""
    accounts: int = 0
    people: int = 0
    partial: bool = False
    """Only some dossiers were checked (``kamgen check PATH…``)."""

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.WARNING)

    def located_error(self) -> Diagnostic | None:
        """The non-data error as a diagnostic, when its text names a file and line."""
        match = _LOCATED.match(self.error or "")
        if match is None:
            return None
        column = int(match["column"] or 1)
        return Diagnostic(match["file"], int(match["line"]), column, "", match["message"])


def run_check(
    config_file: Path, paths: Sequence[Path] = (), *, strict: bool = False, overrides: dict[str, object] | None = None
) -> CheckResult:
    """Check the whole site, or with ``paths`` only those dossiers (against the roster)."""
    warnings: tuple[Diagnostic, ...] = ()
    dossiers: list[Path] | None = None
    try:
        project = load_project(config_file, overrides)
        dossiers = _dossiers_only(project, config_file, paths)
        if dossiers is None:
            portfolio = pipeline.load(project)
            warnings = portfolio.warnings
            # Rendering in memory catches playbook errors a build would hit.
            pipeline.generate(project, portfolio)
        else:
            portfolio = load_portfolio(
                project.team_file, project.accounts_dir, project.root, only=dossiers, inputs=project.inputs
            )
            warnings = portfolio.warnings
    except DataError as exc:
        return CheckResult(1, _strict(exc.diagnostics, strict), partial=dossiers is not None)
    except KamgenError as exc:
        return CheckResult(exc.exit_code, _strict(warnings, strict), error=str(exc), partial=dossiers is not None)
    return CheckResult(
        1 if strict and warnings else 0,
        _strict(warnings, strict),
        accounts=len(portfolio.accounts),
        people=len(portfolio.team),
        partial=dossiers is not None,
    )


def _strict(diagnostics: Sequence[Diagnostic], strict: bool) -> tuple[Diagnostic, ...]:
    if not strict:
        return tuple(diagnostics)
    return tuple(sorted(dataclasses.replace(d, severity=Severity.ERROR) for d in diagnostics))


def _dossiers_only(project: Project, config_file: Path, paths: Sequence[Path]) -> list[Path] | None:
    """The dossiers to check alone, or None when the whole site must be checked.

    A changed roster, playbook or mkdocs.yml can break any page, so any of
    them among ``paths`` means the full check.
    """
    if not paths:
        return None
    accounts = project.accounts_dir.resolve()
    site_wide = (project.team_file.resolve(), config_file.resolve())
    dossiers: list[Path] = []
    for path in paths:
        resolved = path.resolve()
        if resolved in site_wide or resolved.is_relative_to(project.playbooks_dir.resolve()):
            return None
        if resolved.parent != accounts or resolved.suffix not in (".yaml", ".yml"):
            raise ConfigError(
                f"{display_path(path, Path.cwd())}: not a file of this site (expected a dossier in "
                f"{display_path(project.accounts_dir, Path.cwd())}/, the team roster, a playbook or mkdocs.yml)"
            )
        dossiers.append(resolved)
    return dossiers
