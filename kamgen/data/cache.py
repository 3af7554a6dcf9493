"""A cache of checked dossiers between runs, keyed by content.

A dossier's result (the validated account and its diagnostics) depends only
on its bytes, its file name, the roster's ids and kamgen's own code, so those
make the key. The cache lives in the user's cache folder, never in the site
repository: a pickle committed by an editor must not be loaded by CI.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from kamgen.data.safe_read import Inputs

PACKAGE = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Changes whenever kamgen's code changes (editable installs keep one version number)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cache_root() -> Path:
    configured = os.environ.get("KAMGEN_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kamgen"


class DossierCache:
    """Checked dossiers of one site, stored as one file; unused entries are dropped on save.

    One instance can serve run after run (``kamgen serve`` keeps one): each
    :meth:`save` ends a run, and the next run looks up what that run used, in
    memory. ``on_disk=False`` keeps it in memory only (``KAMGEN_NO_CACHE``);
    ``write_on_save=False`` leaves writing the file to :meth:`flush`.
    """

    def __init__(self, site_root: Path, *, on_disk: bool = True, write_on_save: bool = True) -> None:
        site = hashlib.sha256(str(site_root.resolve()).encode()).hexdigest()[:16]
        self.file: Path | None = cache_root() / site / "dossiers.pickle" if on_disk else None
        self.write_on_save = write_on_save
        self._entries: dict[str, Any] = self._read()  # what this run may reuse
        self._stored = set(self._entries)  # the keys the file holds
        self._used: dict[str, Any] = {}  # the entries of this run

    def _read(self) -> dict[str, Any]:
        if self.file is None:
            return {}
        try:
            with self.file.open("rb") as handle:
                data = pickle.load(handle)  # our own file in the user's cache folder, never the repository
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
            return {}
        ok = isinstance(data, dict) and data.get("code") == code_fingerprint() and isinstance(data.get("entries"), dict)
        return data["entries"] if ok else {}

    def key(self, path: Path, team_ids: frozenset[str] | None, inputs: Inputs | None = None) -> str:
        """Raises :class:`InputFileError` for a file kamgen may not read (see :mod:`kamgen.data.safe_read`)."""
        reader = inputs if inputs is not None else Inputs.of(path.absolute().parent)
        digest = hashlib.sha256(reader.read_bytes(path))
        roster = "\n".join(sorted(team_ids)) if team_ids is not None else "\0no roster"
        digest.update(b"\0" + path.name.encode() + b"\0" + roster.encode())
        return digest.hexdigest()

    def get(self, key: str) -> Any:
        found = self._entries.get(key)
        if found is not None:
            self._used[key] = found
        return found

    def put(self, key: str, value: Any) -> None:
        self._used[key] = value

    def save(self) -> None:
        """End a run: what it used is what the next one may reuse; written now if ``write_on_save``."""
        self._entries, self._used = self._used, {}
        if self.write_on_save:
            self.flush()

    def flush(self) -> None:
        """Write the entries of the last run atomically; a cache that cannot be written is simply not kept."""
        if self.file is None or self._entries.keys() == self._stored:
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=self.file.parent, delete=False) as handle:
                pickle.dump({"code": code_fingerprint(), "entries": self._entries}, handle, pickle.HIGHEST_PROTOCOL)
            Path(handle.name).replace(self.file)
        except OSError:
            return
        self._stored = set(self._entries)
