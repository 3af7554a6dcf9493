"""One id, one file: which file names in accounts/ are dossiers, and which ids kamgen keeps for itself.

An account's id is its file name and its URL, and a person's id is the URL
of their page, so two files for one id, or an id that is also the name of a
page kamgen makes, would silently hide one of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kamgen.errors import Diagnostic, Severity, display_path

DOSSIER_SUFFIXES = (".yaml", ".yml")

# Names of pages and folders kamgen makes next to the accounts' and people's pages.
RESERVED_IDS = frozenset(
    {"index", "alerts", "vip", "people", "ranking", "accounts", "team", "playbooks", "search", "assets",
     "sitemap", "404"}
)  # fmt: skip


def reserved_message(identifier: str) -> str:
    return f"'{identifier}' is the name of a page kamgen makes itself; choose another id (e.g. '{identifier}-1')"


def check_file_names(
    paths: Iterable[Path], accounts_dir: Path, root: Path, *, every: bool
) -> tuple[list[Path], list[Diagnostic]]:
    """The dossiers to read, and the problems of the names: duplicates, upper-case extensions, strays.

    ``every``: ``paths`` is the whole folder, so files that are not dossiers are reported too.
    """
    problems: list[Diagnostic] = []
    keep: list[Path] = []
    first: dict[str, Path] = {}

    def error(path: Path, message: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(Diagnostic(display_path(path, root), 1, 1, "", message, severity))

    # The canonical spelling (lowercase, .yaml) is kept; the others are reported.
    for path in sorted(paths, key=lambda p: (p.stem.lower(), p.stem != p.stem.lower(), p.suffix != ".yaml", p.name)):
        key = path.stem.lower()
        if path.suffix not in DOSSIER_SUFFIXES:
            error(path, f"write the extension in lowercase ('{path.suffix.lower()}'); the file name is the URL")
        elif key in first:
            error(path, f"'{first[key].name}' is the same account; keep one file per id (merge them, then delete one)")
        else:
            first[key] = path
            keep.append(path)
    if every and accounts_dir.is_dir():
        for entry in sorted(accounts_dir.iterdir()):
            if not entry.name.startswith(".") and entry.suffix.lower() not in DOSSIER_SUFFIXES:
                what = "a folder" if entry.is_dir() else "not a dossier"
                error(
                    entry,
                    f"{what}: kamgen reads only <id>.yaml files in this folder; move it elsewhere or rename it",
                    Severity.WARNING,
                )
    return sorted(keep), problems
