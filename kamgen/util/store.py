"""The one cache store: where kamgen keeps things between runs, what keys them, how entries are kept.

Three caches use it: checked dossiers (:mod:`kamgen.data.cache`), converted
pages (:mod:`kamgen.plugin.pagecache`) and, while serving, compiled templates
(:mod:`kamgen.render.templatecache`, in memory, keyed here too). Entries are
pickles in the user's cache folder, one folder per site, never in the site's
repository: a pickle committed by an editor must never be loaded by CI.
"""

from __future__ import annotations

import importlib.metadata
import pickle
import tempfile
from contextlib import suppress
from functools import cache
from hashlib import sha256
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent

# What unpickling our own, possibly stale or truncated, file can raise.
_UNREADABLE = (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError)


def fingerprint(*parts: str | bytes) -> str:
    """The one digest every cache key is made with: equal parts, equal key; any change, a new key."""
    digest = sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


@cache
def code_fingerprint(*libraries: str) -> str:
    """Changes whenever kamgen's code changes (editable installs keep one version number),
    or the installed version of one of ``libraries``."""
    parts: list[str | bytes] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts += [path.relative_to(PACKAGE).as_posix(), path.read_bytes()]
    for library in libraries:
        with suppress(importlib.metadata.PackageNotFoundError):
            parts.append(f"{library}={importlib.metadata.version(library)}")
    return fingerprint(*parts)


def site_folder(cache_dir: Path, site_root: Path) -> Path:
    """The cache folder of one site (its mkdocs.yml folder) inside ``cache_dir``."""
    return cache_dir / fingerprint(str(site_root.resolve()))[:16]


def read_entry(path: Path) -> object | None:
    """An entry this store wrote, or None when it is missing or unreadable (then it is simply rebuilt)."""
    try:
        with path.open("rb") as handle:
            found: object = pickle.load(handle)  # our own file in the user's cache folder, never the repository
    except _UNREADABLE:
        return None
    return found


def write_entry(path: Path, value: object) -> bool:
    """Write ``value`` atomically; False when it cannot be written (a cache that cannot be kept is not kept)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(value, handle, pickle.HIGHEST_PROTOCOL)
        Path(handle.name).replace(path)
    except OSError:
        return False
    return True
