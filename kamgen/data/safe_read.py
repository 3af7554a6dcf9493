"""The one way kamgen reads an input file: inside the project, a regular file, bounded.

Dossiers, the roster, playbooks, theme files and mkdocs.yml are written by
many people and treated as hostile. Before a byte is read, the path is
resolved (symbolic links followed) and must stay inside the project, the
target must be a regular file (not a device, FIFO, socket or ``/proc``
entry) and no larger than the limit; then at most ``limit + 1`` bytes are
read, so a file that grows meanwhile is caught too. Refusals name the file
as the user knows it and never show what the target holds.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kamgen.errors import ConfigError

MB = 1024 * 1024
DEFAULT_LIMIT_MB = 5


class InputFileError(ConfigError):
    """An input file kamgen refuses to read (exit code 2): it names the file and what to do."""


@dataclass(frozen=True)
class Inputs:
    """Where a project's input files may live (resolved folders) and how large one may be."""

    root: Path
    extra_roots: tuple[Path, ...] = ()
    limit: int = DEFAULT_LIMIT_MB * MB

    @classmethod
    def of(cls, root: Path, configured: Iterable[Path] = (), limit_mb: float = DEFAULT_LIMIT_MB) -> Inputs:
        """``root`` plus the configured input locations that lie outside it as written (``accounts: ../x``).

        Only what mkdocs.yml names explicitly may be outside the project; a
        symbolic link inside the project never widens what may be read.
        """
        base = lexical_absolute(root)
        extra = tuple(_resolve(lexical_absolute(p)) for p in configured if not lexical_absolute(p).is_relative_to(base))
        return cls(_resolve(base), extra, int(limit_mb * MB))

    def shown(self, path: Path) -> str:
        """The path as the editor knows it: the link's own name, relative to the project, never its target."""
        absolute = lexical_absolute(path)
        return absolute.relative_to(self.root).as_posix() if absolute.is_relative_to(self.root) else path.as_posix()

    def allows(self, resolved: Path) -> bool:
        return any(resolved.is_relative_to(r) for r in (self.root, *self.extra_roots))

    def check(self, path: Path, *, sized: bool = False) -> Path:
        """The resolved path of ``path``, checked; raises :class:`InputFileError`.

        The size is checked too when ``sized``: files that are copied, not read (images), need no limit.
        """
        shown = self.shown(path)
        try:
            resolved = path.resolve(strict=True)
        except RuntimeError:  # Python < 3.13: a symlink loop
            raise InputFileError(f"{shown}: a loop of symbolic links; make it a plain file") from None
        except OSError as exc:
            raise InputFileError(f"{shown}: cannot read it: {_reason(exc)}") from None
        if not self.allows(resolved):
            raise InputFileError(
                f"{shown}: a symbolic link to a file outside the project; kamgen reads only files inside "
                f"{self.root} (copy the file in instead of linking it)"
            )
        if resolved.is_relative_to("/proc") or resolved.is_relative_to("/sys"):
            raise InputFileError(f"{shown}: points into /proc or /sys; only plain files can be read")
        status = resolved.stat()
        if not stat.S_ISREG(status.st_mode):
            raise InputFileError(f"{shown}: not a regular file ({_kind(status.st_mode)}); only plain files can be read")
        if sized and status.st_size > self.limit:
            raise self._too_large(shown, status.st_size)
        return resolved

    def read_bytes(self, path: Path) -> bytes:
        """The content of ``path``, checked and bounded; raises :class:`InputFileError`."""
        shown = self.shown(path)
        resolved = self.check(path)
        try:
            # O_NONBLOCK: a FIFO swapped in after the check does not block the open.
            fd = os.open(resolved, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        except OSError as exc:
            raise InputFileError(f"{shown}: cannot read it: {_reason(exc)}") from None
        with os.fdopen(fd, "rb") as handle:
            status = os.fstat(handle.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise InputFileError(f"{shown}: not a regular file ({_kind(status.st_mode)})")
            if status.st_size > self.limit:
                raise self._too_large(shown, status.st_size)
            try:
                data = handle.read(self.limit + 1)
            except OSError as exc:
                raise InputFileError(f"{shown}: cannot read it: {_reason(exc)}") from None
        if len(data) > self.limit:
            raise self._too_large(shown, len(data))
        return data

    def read_text(self, path: Path) -> str:
        """UTF-8 text (a leading byte order mark dropped); raises :class:`InputFileError` when it is not UTF-8."""
        data = self.read_bytes(path)
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputFileError(f"{self.shown(path)}: the file is not UTF-8; re-save it as UTF-8") from None

    def files_under(self, folder: Path, *, hidden: bool = False) -> list[Path]:
        """Every file below ``folder`` (sorted), each checked; a link to a folder outside is refused.

        Linked folders inside the project are followed once (a loop of links ends there).
        Hidden files and folders (editors' locks, ``.git``) are left out unless ``hidden``:
        kamgen reads none of them but through the checked template loader.
        """
        if not folder.is_dir():
            return []
        found: list[Path] = []
        seen: set[Path] = set()
        for current, dirs, files in os.walk(folder, followlinks=True, onerror=_raise):
            here = Path(current)
            real = self.check_folder(here)
            if real in seen:
                dirs.clear()
                continue
            seen.add(real)
            found.extend(here / name for name in files if hidden or not name.startswith("."))
            dirs[:] = sorted(d for d in dirs if hidden or not d.startswith("."))
        for path in found:
            self.check(path)
        return sorted(found)

    def check_folder(self, folder: Path) -> Path:
        try:
            real = folder.resolve(strict=True)
        except (OSError, RuntimeError):
            raise InputFileError(f"{self.shown(folder)}: a broken link or a loop of symbolic links") from None
        if not self.allows(real):
            raise InputFileError(
                f"{self.shown(folder)}: a symbolic link to a folder outside the project; "
                "copy the files in instead of linking them"
            )
        return real

    def _too_large(self, shown: str, size: int) -> InputFileError:
        return InputFileError(
            f"{shown}: the file is {size:,} bytes; the limit is {self.limit:,} "
            "(split it, or raise max_file_mb of the kamgen plugin in mkdocs.yml)"
        )


def lexical_absolute(path: Path | str) -> Path:
    """``path`` made absolute and ``..`` removed by text alone: the name the user gave, links not followed."""
    return Path(os.path.abspath(path))  # noqa: PTH100 - Path.resolve() would follow the links being checked


def _resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def _raise(exc: OSError) -> None:
    raise InputFileError(f"{exc.filename}: cannot read the folder: {_reason(exc)}")


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _kind(mode: int) -> str:
    kinds = [
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
    ]
    return next((name for test, name in kinds if test(mode)), "a special file")
