"""A cache of checked dossiers between runs, keyed by content.

A dossier's result (the validated account and its diagnostics) depends only
on its bytes, its file name, the roster's ids and kamgen's own code, so those
make the key. Kept in the one cache store (:mod:`kamgen.util.store`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kamgen.data.safe_read import Inputs
from kamgen.util.store import code_fingerprint, fingerprint, read_entry, site_folder, write_entry


class DossierCache:
    """Checked dossiers of one site, stored as one file; unused entries are dropped on save.

    One instance can serve run after run (``kamgen serve`` keeps one): each
    :meth:`save` ends a run, and the next run looks up what that run used, in
    memory. ``cache_dir=None`` keeps it in memory only (``KAMGEN_NO_CACHE``);
    ``write_on_save=False`` leaves writing the file to :meth:`flush`.
    """

    def __init__(self, site_root: Path, cache_dir: Path | None, *, write_on_save: bool = True) -> None:
        self.file: Path | None = site_folder(cache_dir, site_root) / "dossiers.pickle" if cache_dir else None
        self.write_on_save = write_on_save
        self._entries: dict[str, Any] = self._read()  # what this run may reuse
        self._stored = set(self._entries)  # the keys the file holds
        self._used: dict[str, Any] = {}  # the entries of this run

    def _read(self) -> dict[str, Any]:
        data = read_entry(self.file) if self.file is not None else None
        ok = isinstance(data, dict) and data.get("code") == code_fingerprint() and isinstance(data.get("entries"), dict)
        return data["entries"] if ok else {}  # type: ignore[index]

    def key(self, path: Path, team_ids: frozenset[str] | None, inputs: Inputs | None = None) -> str:
        """Raises :class:`InputFileError` for a file kamgen may not read (see :mod:`kamgen.data.safe_read`)."""
        reader = inputs if inputs is not None else Inputs.of(path.absolute().parent)
        roster = "\n".join(sorted(team_ids)) if team_ids is not None else "\0no roster"
        return fingerprint(reader.read_bytes(path), path.name, roster)

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
        if write_entry(self.file, {"code": code_fingerprint(), "entries": self._entries}):
            self._stored = set(self._entries)
