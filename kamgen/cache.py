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

PACKAGE = Path(__file__).resolve().parent


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
    """Checked dossiers of one site, stored as one file; unused entries are dropped on save."""

    def __init__(self, site_root: Path) -> None:
        site = hashlib.sha256(str(site_root.resolve()).encode()).hexdigest()[:16]
        self.file = cache_root() / site / "dossiers.pickle"
        self._old: dict[str, Any] = self._read()
        self._new: dict[str, Any] = {}

    def _read(self) -> dict[str, Any]:
        try:
            with self.file.open("rb") as handle:
                data = pickle.load(handle)  # our own file in the user's cache folder, never the repository
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
            return {}
        return data if isinstance(data, dict) and data.get("code") == code_fingerprint() else {}

    def key(self, path: Path, team_ids: frozenset[str] | None) -> str:
        digest = hashlib.sha256(path.read_bytes())
        roster = "\n".join(sorted(team_ids)) if team_ids is not None else "\0no roster"
        digest.update(b"\0" + path.name.encode() + b"\0" + roster.encode())
        return digest.hexdigest()

    def get(self, key: str) -> Any:
        found = self._old.get("entries", {}).get(key)
        if found is not None:
            self._new[key] = found
        return found

    def put(self, key: str, value: Any) -> None:
        self._new[key] = value

    def save(self) -> None:
        """Write atomically; a cache that cannot be written is simply not kept."""
        if self._new.keys() == self._old.get("entries", {}).keys():
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=self.file.parent, delete=False) as handle:
                pickle.dump({"code": code_fingerprint(), "entries": self._new}, handle, pickle.HIGHEST_PROTOCOL)
            Path(handle.name).replace(self.file)
        except OSError:
            return
