"""``kamgen import``: a CRM export in, dossiers out, checked before anything is written.

Read the table (:mod:`.crm_read`), choose the mapping (:mod:`.mappings`), turn
rows into companies (:mod:`.records`), merge them into the dossiers
(:mod:`.merge`), then validate the resulting files exactly as ``kamgen check``
does. Any error: nothing is written, and every problem is listed.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kamgen.config import Project
from kamgen.data.load import load_portfolio
from kamgen.errors import ConfigError, DataError, Diagnostic, ImportFileError, Severity, display_path
from kamgen.interchange.crm_read import UnreadableFileError, read_table
from kamgen.interchange.mappings import choose, load_mapping
from kamgen.interchange.merge import FileChange, Merger
from kamgen.interchange.records import Reader, Roster


@dataclass(frozen=True)
class ImportOptions:
    source: str = "auto"
    """auto, or one of the built-in mappings (salesforce, hubspot, bitrix24, amocrm, generic)."""
    mapping_file: Path | None = None
    owner: str | None = None
    """The owner of companies whose owner the export does not give or names no one in team.yaml."""
    dry_run: bool = False


@dataclass(frozen=True)
class ImportResult:
    changes: tuple[FileChange, ...]
    warnings: tuple[Diagnostic, ...]
    mapping: str
    encoding: str
    companies: int
    contacts: int

    def diff(self, root: Path) -> str:
        """What the import changes, as a unified diff of the dossiers."""
        out: list[str] = []
        for change in self.changes:
            if change.changed:
                name = display_path(change.path, root)
                before = "/dev/null" if change.before is None else f"a/{name}"
                out.append(unified_diff(change.before or "", change.after, before, f"b/{name}"))
        return "".join(out)


def unified_diff(before: str, after: str, from_file: str, to_file: str, context: int = 3) -> str:
    """A unified diff that matches repeated lines too.

    ``difflib.unified_diff`` treats lines that occur often in a long file
    (``level: manager``) as junk and shows them as changed; this one does not.
    """
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    out: list[str] = []
    for group in matcher.get_grouped_opcodes(context):
        if not out:
            out += [f"--- {from_file}\n", f"+++ {to_file}\n"]
        first, last = group[0], group[-1]
        out.append(f"@@ -{_span(first[1], last[2])} +{_span(first[3], last[4])} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out += [" " + line for line in old[i1:i2]]
                continue
            out += ["-" + line for line in old[i1:i2]]
            out += ["+" + line for line in new[j1:j2]]
    return "".join(line if line.endswith("\n") else line + "\n" for line in out)


def _span(start: int, end: int) -> str:
    length = end - start
    return f"{start + 1 if length else start},{length}" if length != 1 else f"{start + 1}"


def run_import(project: Project, file: Path, options: ImportOptions, today: date) -> ImportResult:
    """Import ``file`` into ``project``'s dossiers (or only compute the changes, with ``dry_run``)."""
    team = load_portfolio(project.team_file, project.accounts_dir, project.root, only=[]).team
    if options.owner is not None and options.owner not in team:
        raise ConfigError(f"--owner: '{options.owner}' is not an id in {display_path(project.team_file, Path.cwd())}")
    display = display_path(file, Path.cwd())
    try:
        table = read_table(file, display)
    except UnreadableFileError as exc:
        raise ImportFileError([Diagnostic(display, 1, 1, "", str(exc))], display) from None
    custom = load_mapping(options.mapping_file, "generic" if options.source == "auto" else options.source) if (
        options.mapping_file
    ) else None  # fmt: skip
    mapping = choose(options.source, table.headers, custom)
    columns = mapping.resolve(table.headers)
    if "account.name" not in columns.fields:
        shown = ", ".join(f"'{h}'" for h in table.headers[:12]) or "nothing"
        message = (
            f"no column with the company name (the header has {shown}); "
            "choose the CRM with --from, or name the columns in a --map file"
        )
        raise ImportFileError([Diagnostic(display, 1, 1, "", message)], display)
    reader = Reader(table, mapping, columns, Roster(team), options.owner)
    accounts = reader.accounts()
    merger = Merger(table, project.accounts_dir, today)
    changes = merger.changes(accounts)
    problems = [*reader.diagnostics, *merger.diagnostics]
    if any(d.severity is Severity.ERROR for d in problems):
        raise ImportFileError(problems, display)
    warnings = tuple(sorted(problems)) + _validate(project, changes)
    if not options.dry_run:
        for change in changes:
            if change.changed:
                _write(change.path, change.after)
    return ImportResult(
        tuple(changes), warnings, mapping.name, table.encoding, len(accounts), sum(len(a.contacts) for a in accounts)
    )


def _validate(project: Project, changes: list[FileChange]) -> tuple[Diagnostic, ...]:
    """Check the changed dossiers as ``kamgen check`` would, before any is written; their warnings."""
    changed = [c for c in changes if c.changed]
    if not changed:
        return ()
    with tempfile.TemporaryDirectory(prefix="kamgen-import-") as scratch:
        folder = Path(scratch)
        paths = {}
        for change in changed:
            target = folder / change.path.name
            target.write_text(change.after, encoding="utf-8")
            paths[display_path(target, project.root)] = display_path(change.path, project.root)
        try:
            only = [folder / c.path.name for c in changed]
            portfolio = load_portfolio(project.team_file, folder, project.root, only=only)
        except DataError as exc:
            located = [dataclasses.replace(d, file=paths.get(d.file, d.file)) for d in exc.diagnostics]
            raise ImportFileError(located, "the imported dossiers") from None
        return tuple(dataclasses.replace(d, file=paths.get(d.file, d.file)) for d in portfolio.warnings)


def _write(path: Path, text: str) -> None:
    """Write atomically: an interrupted import leaves the old dossier, never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
