"""The one guard before kamgen replaces a folder: never the project, its inputs, home or ``/``.

``kamgen build -d``, ``site_dir:`` in mkdocs.yml (also under MkDocs' own
``mkdocs build``, which empties the folder) and ``kamgen generate -o`` all
end in deleting what the folder held. A typo there must not cost a
repository, so the folder is refused when it is, contains or lies inside an
input of the project, or is ``/`` or the home folder (or holds it); and an
existing folder that is not empty is replaced only when it carries the
marker file kamgen writes into everything it publishes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kamgen.config import Project
from kamgen.data.safe_read import lexical_absolute
from kamgen.errors import ConfigError

MARKER = ".kamgen-generated"
MARKER_TEXT = "This folder was written by kamgen; kamgen replaces it whole on the next build.\n"


class OutputDirError(ConfigError):
    """The output folder would destroy something that is not kamgen's (exit code 2)."""


@dataclass(frozen=True)
class Protected:
    """What an output folder must keep clear of: the project folder and each named input."""

    root: Path
    inputs: tuple[tuple[str, Path], ...] = ()  # (what the user calls it, path)

    @classmethod
    def of(cls, root: Path, named: Iterable[tuple[str, Path | None]]) -> Protected:
        return cls(_absolute(root), tuple((name, _absolute(path)) for name, path in named if path is not None))

    @classmethod
    def of_project(cls, project: Project) -> Protected:
        return cls.of(
            project.root,
            [
                ("accounts folder", project.accounts_dir),
                ("playbooks folder", project.playbooks_dir),
                ("team roster", project.team_file),
                ("theme folder (custom_dir)", project.theme_dir),
                ("docs_dir", project.docs_dir),
                ("config file", project.config_file),
            ],
        )


def check(target: Path | str, protected: Protected | None, *, option: str, base: Path | None = None) -> Path:
    """The absolute folder ``target`` names, once it is safe to replace; raises :class:`OutputDirError`.

    ``option``: how the user gave it (``-d``, ``site_dir:``, ``-o``), for the message;
    ``base``: the folder a relative ``target`` is relative to (default: the current folder).
    """
    raw = str(target)
    if not raw.strip():
        raise OutputDirError(
            f"{option} is empty: kamgen would replace the project folder; give a folder such as 'site'"
        )
    given = Path(base or "", raw)
    folder = _absolute(given)
    refuse = _why_not(folder, protected)
    if refuse:
        raise OutputDirError(f"{option} {raw}: {refuse}; kamgen deletes what that folder holds — choose another folder")
    if lexical_absolute(given).is_symlink():
        raise OutputDirError(f"{option} {raw}: the output folder is a symbolic link; give the folder it points to")
    if folder.exists() and not folder.is_dir():
        raise OutputDirError(f"{option} {raw}: a file, not a folder; choose a folder")
    if folder.is_dir() and not is_kamgens(folder):
        raise OutputDirError(
            f"{option} {raw}: the folder exists, is not empty and was not written by kamgen (no {MARKER} file); "
            "empty it yourself or choose a new folder"
        )
    return folder


def is_kamgens(folder: Path) -> bool:
    """True when ``folder`` is empty or carries kamgen's marker: kamgen may replace it."""
    try:
        return (folder / MARKER).is_file() or not any(folder.iterdir())
    except OSError:
        return False


def mark(folder: Path) -> None:
    """Write the marker into a folder kamgen made, so the next build may replace it."""
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def _why_not(folder: Path, protected: Protected | None) -> str:
    home = _absolute(Path.home())
    if folder == Path(folder.anchor):
        return "that is the root of the file system"
    if folder == home or home.is_relative_to(folder):
        return "that is your home folder" if folder == home else "that folder holds your home folder"
    if protected is None:
        return ""
    if folder == protected.root:
        return "that is the project folder"
    if protected.root.is_relative_to(folder):
        return "that folder holds the project"
    for name, path in protected.inputs:
        if folder == path:
            return f"that is the project's {name}"
        if folder.is_relative_to(path):
            return f"that folder is inside the project's {name}"
        if path.is_relative_to(folder):
            return f"that folder holds the project's {name}"
    return ""


def _absolute(path: Path) -> Path:
    """Absolute, with links resolved where they exist (``site -> ..`` is the parent)."""
    try:
        return lexical_absolute(path).resolve()
    except (OSError, RuntimeError):
        return lexical_absolute(path)


def publishable_mode(folder: Path) -> None:
    """Give a folder made by ``tempfile.mkdtemp`` (0700) the mode of a new folder (0755 under umask 022).

    A web server running as another user must be able to read the published site.
    """
    folder.chmod(0o777 & ~current_umask())


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
