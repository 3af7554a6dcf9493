"""Load the roster and every dossier, validate them, and cross-check references.

All problems of a run are collected; :class:`DataError` carries them together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kamgen.data.cache import DossierCache
from kamgen.data.diagnose import diagnostic, slug_hint, validate
from kamgen.data.model import ID_PATTERN, Account, Person, Team
from kamgen.data.names import DOSSIER_SUFFIXES, RESERVED_IDS, check_file_names, reserved_message
from kamgen.data.references import cross_check
from kamgen.data.safe_read import Inputs
from kamgen.data.yamlsource import Loc, SourceFile, YamlFileError, load_yaml
from kamgen.errors import DataError, Diagnostic, Severity, display_path
from kamgen.util.parallel import fork_map


@dataclass(frozen=True)
class Portfolio:
    """Everything the site is made from, valid and cross-checked."""

    team: dict[str, Person]
    accounts: tuple[Account, ...]
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False)

    def account(self, account_id: str) -> Account | None:
        return next((a for a in self.accounts if a.id == account_id), None)


@dataclass
class _Collector:
    root: Path
    inputs: Inputs
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, source: SourceFile, loc: Loc, message: str) -> None:
        self.diagnostics.append(diagnostic(source, loc, message))

    def parse(self, path: Path) -> SourceFile | None:
        display = display_path(path, self.root)
        try:
            return load_yaml(path, display, self.inputs)
        except YamlFileError as exc:
            self.diagnostics.append(Diagnostic(display, exc.line, exc.column, "", exc.message))
        except OSError as exc:
            self.diagnostics.append(Diagnostic(display, 1, 1, "", f"cannot read the file: {exc.strerror}"))
        return None


def account_files(accounts_dir: Path) -> list[Path]:
    """Every entry of ``accounts_dir`` that claims to be a dossier (``.yaml``/``.yml`` in any case), sorted.

    Hidden files (editors' locks and backups) are left out.
    """
    if not accounts_dir.is_dir():
        return []
    return sorted(p for p in accounts_dir.iterdir() if _claims_dossier(p))


def _claims_dossier(path: Path) -> bool:
    return not path.name.startswith(".") and path.suffix.lower() in DOSSIER_SUFFIXES


def load_portfolio(
    team_file: Path,
    accounts_dir: Path,
    root: Path,
    *,
    only: Iterable[Path] | None = None,
    cache: DossierCache | None = None,
    inputs: Inputs | None = None,
) -> Portfolio:
    """Read ``team_file`` and ``accounts_dir/*.yaml``; raise :class:`DataError` on any error.

    ``only``: read just these dossiers (still checked against the roster), e.g.
    the files a commit touches. ``cache``: reuse results for dossiers whose
    content, roster and kamgen code are unchanged since an earlier run.
    ``inputs``: how files are read (default: inside ``root``, the default size limit).
    """
    run = _Collector(root, inputs if inputs is not None else Inputs.of(root, [accounts_dir, team_file.parent]))
    team = _load_team(run, team_file)
    if not accounts_dir.is_dir():
        run.diagnostics.append(
            Diagnostic(display_path(accounts_dir, root), 1, 1, "", "the accounts folder does not exist")
        )
    paths = sorted(only) if only is not None else account_files(accounts_dir)
    paths, problems = check_file_names(paths, accounts_dir, root, every=only is None)
    run.diagnostics.extend(problems)
    results = check_dossiers(paths, root, None if team is None else frozenset(team), cache, run.inputs)
    accounts = [account for account, _ in results if account is not None]
    run.diagnostics.extend(d for _, problems in results for d in problems)
    errors = [d for d in run.diagnostics if d.severity is Severity.ERROR]
    if errors:
        raise DataError(run.diagnostics)
    assert team is not None
    return Portfolio(team=team, accounts=tuple(accounts), warnings=tuple(sorted(run.diagnostics)))


DossierResult = tuple[Account | None, list[Diagnostic]]
# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 150


def check_dossiers(
    paths: list[Path],
    root: Path,
    team_ids: frozenset[str] | None,
    cache: DossierCache | None = None,
    inputs: Inputs | None = None,
) -> list[DossierResult]:
    """Every dossier read, validated and cross-checked, in order; on all cores when it pays."""
    reader = inputs if inputs is not None else Inputs.of(root)
    results: dict[int, DossierResult] = {}
    keys: dict[int, str] = {}
    todo: list[int] = []
    for i, path in enumerate(paths):
        try:
            keys[i] = cache.key(path, team_ids, reader) if cache is not None else ""
        except OSError:  # unreadable: check_dossier reports it
            keys[i] = ""
        hit = cache.get(keys[i]) if cache is not None and keys[i] else None
        if hit is not None:
            results[i] = hit
        else:
            todo.append(i)
    done = fork_map(lambda i: check_dossier(paths[i], root, team_ids, reader), todo, parallel_from=PARALLEL_FROM)
    results.update(zip(todo, done, strict=True))
    if cache is not None:
        for i in todo:
            if keys[i]:
                cache.put(keys[i], results[i])
        cache.save()
    return [results[i] for i in range(len(paths))]


def check_dossier(
    path: Path, root: Path, team_ids: frozenset[str] | None, inputs: Inputs | None = None
) -> DossierResult:
    """One dossier, fully checked; its parse tree is dropped before returning.

    ``team_ids`` None: the roster itself is broken, so references are not checked.
    """
    run = _Collector(root, inputs if inputs is not None else Inputs.of(root))
    source = _parse_account(run, path)
    if source is None:
        return None, run.diagnostics
    account = _validate_account(run, source, path.stem)
    if team_ids is not None:
        # Also when the fields have errors: every problem of the file in one run.
        cross_check(source.data, team_ids, lambda loc, message: run.add(source, loc, message))
    has_errors = any(d.severity is Severity.ERROR for d in run.diagnostics)
    return (None if has_errors else account), run.diagnostics


def _load_team(run: _Collector, path: Path) -> dict[str, Person] | None:
    if not path.exists() and not path.is_symlink():
        run.diagnostics.append(
            Diagnostic(
                display_path(path, run.root), 1, 1, "", "the team roster is missing (create it with a 'people:' list)"
            )
        )
        return None
    source = run.parse(path)
    if source is None:
        return None
    record, problems = validate(source, Team)
    run.diagnostics.extend(problems)
    if not isinstance(record, Team):
        # Keep checking the dossiers against the ids that were readable.
        raw = source.data.get("people") if isinstance(source.data, dict) else None
        return {
            p["id"]: Person.model_construct(id=p["id"], name=str(p.get("name", p["id"])))
            for p in raw or []
            if isinstance(p, dict) and isinstance(p.get("id"), str)
        }
    people: dict[str, Person] = {}
    for i, person in enumerate(record.people):
        if person.id in people:
            run.add(source, ("people", i, "id"), f"duplicate id '{person.id}'; every person needs their own id")
        elif person.id in RESERVED_IDS:
            run.add(source, ("people", i, "id"), reserved_message(person.id))
        people[person.id] = person
    return people


def _parse_account(run: _Collector, path: Path) -> SourceFile | None:
    stem = path.stem
    if stem in RESERVED_IDS:
        run.diagnostics.append(Diagnostic(display_path(path, run.root), 1, 1, "", reserved_message(stem)))
        return None
    if not re.match(ID_PATTERN, stem):
        run.diagnostics.append(
            Diagnostic(
                display_path(path, run.root),
                1,
                1,
                "",
                f"'{path.name}' is not a valid account file name: the name is the account id and the "
                f"URL, so it must be lowercase Latin letters, digits and '-'{slug_hint(stem)}; rename the file",
            )
        )
        return None
    return run.parse(path)


def _validate_account(run: _Collector, source: SourceFile, stem: str) -> Account | None:
    record, problems = validate(source, Account)
    run.diagnostics.extend(problems)
    given = source.data.get("id") if isinstance(source.data, dict) else None
    if isinstance(given, str | int) and not isinstance(given, bool) and given and str(given) != stem:
        run.add(
            source,
            ("id",),
            f"'{given}' differs from the file name; the id is the file name '{stem}' (remove this line)",
        )
    if not isinstance(record, Account):
        return None
    return record.model_copy(update={"id": stem})
