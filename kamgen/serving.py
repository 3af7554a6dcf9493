"""What ``kamgen serve`` keeps between rebuilds (no MkDocs here; the plugin holds one).

- The last docs tree that built, per site: when a save makes the data invalid,
  the rebuild reuses it, so the browser keeps the last good site while the
  terminal says what is wrong. (A failed rebuild would leave MkDocs' server
  waiting for a build that never completes: every page request would hang.)
- Compiled templates, kamgen's and the theme's, for the current mkdocs.yml.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kamgen.render.site import DocsTree
from kamgen.render.templatecache import MemoryBytecodeCache, fingerprint


@dataclass
class TemplateCaches:
    kamgen: MemoryBytecodeCache = field(default_factory=MemoryBytecodeCache)
    theme: MemoryBytecodeCache = field(default_factory=MemoryBytecodeCache)


class ServeState:
    def __init__(self) -> None:
        self._last_good: dict[Path, DocsTree] = {}
        self._failing: set[Path] = set()
        self._caches: dict[str, TemplateCaches] = {}

    def built(self, root: Path, tree: DocsTree) -> bool:
        """Remember a good tree; True when it follows a failed rebuild (the problem is fixed)."""
        self._last_good[root] = tree
        fixed = root in self._failing
        self._failing.discard(root)
        return fixed

    def fallback(self, root: Path) -> DocsTree | None:
        """The last good tree of ``root`` after a failed rebuild; None before any good build."""
        tree = self._last_good.get(root)
        if tree is not None:
            self._failing.add(root)
        return tree

    def caches(self, config_file: Path) -> TemplateCaches:
        key = fingerprint(config_file)
        if key not in self._caches:
            # A changed mkdocs.yml may change what templates compile to: start afresh.
            self._caches = {key: TemplateCaches()}
        return self._caches[key]
