"""Who changed each dossier, and when, and what it said then, from the git history of the accounts folder.

One ``git log --raw`` call covers every dossier (a portfolio has thousands), and
one ``git cat-file --batch`` call reads every version it names, so the cost does
not grow with the number of files. Outside a git repository, without git, in a
shallow clone (whose oldest commit seems to add every file) or when git is too
slow, there is no history: :attr:`Log.available` is false and the site says so
where a trend would be.
"""

from __future__ import annotations

import logging
import re
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import yaml

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 20.0
# Fields of one commit header; \x1e and \x1f never occur in names or subjects.
_RECORD, _UNIT = "\x1e", "\x1f"
_FORMAT = f"--format={_RECORD}%h{_UNIT}%aI{_UNIT}%an{_UNIT}%s"
_ABSENT = "0" * 40  # the blob id --raw gives a deleted file
# An old version larger than this is not read back (a dossier is a few kilobytes).
MAX_VERSION_BYTES = 1_000_000


@dataclass(frozen=True)
class Change:
    """One commit that touched a dossier."""

    date: date
    author: str
    message: str
    commit: str


History = dict[str, tuple[Change, ...]]
"""Account id (the dossier's file stem) → its changes, newest first."""


@dataclass(frozen=True)
class Version:
    """A dossier as one commit left it."""

    change: Change
    text: str


@dataclass(frozen=True)
class Log:
    """What git knows about the dossiers: ``available`` is false without a full git history."""

    available: bool
    changes: History
    versions: dict[str, tuple[Version, ...]]
    """Account id → its contents after each commit that changed it, newest first (deletions left out)."""


NO_LOG = Log(False, {}, {})


def _git(folder: Path, *args: str, timeout: float) -> str | None:
    command = ["git", "-C", str(folder), "-c", "core.quotepath=off", "-c", "log.showSignature=false", *args]
    try:
        done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace",
                              timeout=timeout, check=False)  # fmt: skip
    except (OSError, subprocess.SubprocessError) as exc:  # no git, or git too slow
        log.debug("no git history: %s", exc)
        return None
    if done.returncode != 0:
        log.debug("no git history: %s", done.stderr.strip())
        return None
    return done.stdout


def read_history(accounts_dir: Path, *, timeout: float = TIMEOUT_SECONDS) -> History:
    """The change history of every dossier directly in ``accounts_dir``; empty when unknown."""
    return read_log(accounts_dir, contents=False, timeout=timeout).changes


def read_log(accounts_dir: Path, *, contents: bool = True, timeout: float = TIMEOUT_SECONDS) -> Log:
    """Every dossier's changes and (with ``contents``) its text at each of them: two git calls in all."""
    if not accounts_dir.is_dir():
        return NO_LOG
    state = _git(accounts_dir, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository", timeout=timeout)
    if state is None or state.split() != ["true", "false"]:
        return NO_LOG
    # --relative: paths relative to the accounts folder, and nothing outside it; --raw names each new blob.
    out = _git(accounts_dir, "log", "--no-color", _FORMAT, "--raw", "--no-abbrev", "--no-renames", "--relative",
               "--", ".", timeout=timeout)  # fmt: skip
    if out is None:
        return NO_LOG
    blobs: dict[str, list[tuple[Change, str]]] = {}
    changes = parse_log(out, blobs)
    if not contents:
        return Log(True, changes, {})
    texts = _read_blobs(accounts_dir, {blob for found in blobs.values() for _, blob in found}, timeout)
    versions = {
        stem: tuple(Version(change, texts[blob]) for change, blob in found if blob in texts)
        for stem, found in blobs.items()
    }
    return Log(True, changes, versions)


def _read_blobs(folder: Path, blobs: set[str], timeout: float) -> dict[str, str]:
    """Blob id → its text, for every blob at once (``git cat-file --batch``)."""
    if not blobs:
        return {}
    command = ["git", "-C", str(folder), "cat-file", "--batch"]
    try:
        done = subprocess.run(command, input="\n".join(sorted(blobs)).encode() + b"\n", capture_output=True,
                              timeout=timeout, check=False)  # fmt: skip
    except (OSError, subprocess.SubprocessError) as exc:
        log.debug("no dossier versions: %s", exc)
        return {}
    out, found, at = done.stdout, {}, 0
    while at < len(out):
        end = out.find(b"\n", at)
        if end < 0:
            break
        header = out[at:end].split()
        if len(header) != 3 or header[1] != b"blob":  # "<id> missing" or not a blob
            at = end + 1
            continue
        size = int(header[2])
        if size <= MAX_VERSION_BYTES:
            found[header[0].decode()] = out[end + 1 : end + 1 + size].decode("utf-8", errors="replace")
        at = end + 1 + size + 1
    return found


def parse_log(text: str, blobs: dict[str, list[tuple[Change, str]]] | None = None) -> History:
    """Parse ``git log --name-only`` or ``--raw`` output written with :data:`_FORMAT`.

    With ``--raw`` output and ``blobs``, also collects each dossier's blob id per change, newest first.
    """
    found: dict[str, list[Change]] = {}
    for record in text.split(_RECORD)[1:]:
        header, _, names = record.partition("\n")
        parts = header.split(_UNIT)
        if len(parts) != 4:
            continue
        commit, when, author, message = parts
        try:
            day = datetime.fromisoformat(when).date()
        except ValueError:
            continue
        change = Change(day, author.strip(), message.strip(), commit)
        for line in names.splitlines():
            raw, tab, name = line.partition("\t")
            path = Path((name if tab and raw.startswith(":") else line).strip())
            if len(path.parts) == 1 and path.suffix in (".yaml", ".yml"):
                found.setdefault(path.stem, []).append(change)
                fields = raw.split()
                if blobs is not None and tab and len(fields) >= 4 and fields[3] != _ABSENT:
                    blobs.setdefault(path.stem, []).append((change, fields[3]))
    return {stem: tuple(changes) for stem, changes in found.items()}


StageMoves = dict[str, dict[str, date]]
"""Account id → deal (its ``what``) → the day of the newest commit that changed the deal's stage."""

_WHAT = re.compile(r"^\s*(?:-\s+)?what:\s*(.*?)\s*$")
_STAGE = re.compile(r"^\s*(?:-\s+)?stage:")
_CONTEXT_LINES = "-U12"  # enough to see a deal's `what:` above its `stage:`


def read_stage_moves(accounts_dir: Path, *, timeout: float = TIMEOUT_SECONDS) -> StageMoves:
    """When each deal last moved stage, from the commits that changed a ``stage:`` line; empty when unknown.

    One ``git log -G`` call: git itself keeps only the commits that touch a stage
    line, so the cost follows the number of stage changes, not of dossiers.
    """
    if not accounts_dir.is_dir():
        return {}
    state = _git(accounts_dir, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository", timeout=timeout)
    if state is None or state.split() != ["true", "false"]:
        return {}
    args = ("log", "--no-color", f"--format={_RECORD}%aI", "-p", _CONTEXT_LINES, r"-G^\s*(- )?stage:")
    out = _git(accounts_dir, *args, "--relative", "--", ".", timeout=timeout)
    return parse_stage_moves(out or "")


def _what(line: str) -> str | None:
    found = _WHAT.match(line)
    text = found.group(1) if found else None
    try:
        value = yaml.safe_load(text) if text else None
    except yaml.YAMLError:
        return text  # quoted oddly: the line as written
    return None if value is None else str(value)


def parse_stage_moves(text: str) -> StageMoves:
    """Parse ``git log -p`` output: a ``+ stage:`` line after a ``- stage:`` one under the same ``what:``."""
    moves: StageMoves = {}
    for record in text.split(_RECORD)[1:]:
        header, _, patch = record.partition("\n")
        try:
            day = datetime.fromisoformat(header.strip()).date()
        except ValueError:
            continue
        stem, what, removed = "", None, False
        for line in patch.splitlines():
            if line.startswith("+++ "):
                path = Path(line[4:].strip().removeprefix("b/"))
                stem = path.stem if len(path.parts) == 1 and path.suffix in (".yaml", ".yml") else ""
                what, removed = None, False
            elif line[:1] in (" ", "+") and (name := _what(line[1:])) is not None:
                what, removed = name, False
            elif line.startswith("-") and _STAGE.match(line[1:]):
                removed = True
            elif line.startswith("+") and _STAGE.match(line[1:]) and removed and stem and what:
                moves.setdefault(stem, {}).setdefault(what, day)  # newest first: keep the first seen
    return moves
