"""Faults of the machine (disk full, read-only folder, too deep data) as one line for the user.

The CLI turns them into exit code 2; the message names the file and says what to do,
never a traceback.
"""

from __future__ import annotations

import errno

RECURSION = "the input is nested too deeply to read (a YAML file or template); flatten it"

_ADVICE = {
    errno.ENOSPC: "the disk is full; free some space and run the command again",
    errno.EDQUOT: "the disk quota is used up; free some space and run the command again",
    errno.EROFS: "the file system is read-only; choose a folder you can write to",
    errno.EACCES: "permission denied; choose a folder you can write to, or fix its permissions",
    errno.EPERM: "the operation is not permitted (an immutable or protected file?); choose another folder",
    errno.ELOOP: "a loop of symbolic links; replace the link with a file or folder",
    errno.ENOTDIR: "a part of the path is a file, not a folder; choose another path",
    errno.EISDIR: "a folder where a file was expected; choose another path",
    errno.ENOENT: "no such file or folder; check the path",
    errno.EEXIST: "it already exists; remove it or choose another path",
    errno.ENAMETOOLONG: "the name is too long; choose a shorter path",
}


def os_error(exc: OSError) -> str:
    """``<file>: <what happened>; <what to do>``."""
    where = exc.filename if exc.filename is not None else "a file"
    if exc.filename2 is not None:
        where = f"{where} -> {exc.filename2}"
    advice = _ADVICE.get(exc.errno or 0)
    reason = exc.strerror or type(exc).__name__
    return f"{where}: {advice}" if advice else f"{where}: {reason}; check the folder and run the command again"
