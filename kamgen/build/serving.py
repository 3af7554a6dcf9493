"""What ``kamgen serve`` keeps between rebuilds (no MkDocs here; the plugin holds one).

- The last docs tree that built, per site: when a save makes the data invalid,
  the rebuild reuses it, so the browser keeps the last good site while the
  terminal says what is wrong. (A failed rebuild would leave MkDocs' server
  waiting for a build that never completes: every page request would hang.)
- Compiled templates, kamgen's and the theme's, for the current mkdocs.yml.
- :class:`LiveSite`: what makes a save show in seconds on a large portfolio.

How a save reaches the browser (:class:`LiveSite`):

1. **Quick update.** When only dossiers changed, the checked dossiers are
   taken from memory but for the edited ones, and only the edited accounts'
   pages are rendered; MkDocs writes just those pages (the server runs MkDocs
   in its "dirty" mode, and the plugin says which pages changed). The
   browser reloads with the edited plan.
2. **Full refresh**, right after: every page is rendered again, and MkDocs
   writes the pages whose Markdown differs from what the site holds (totals,
   rankings, people, alerts, peers). A newer save stops it at the next
   account: that save gets its quick update first, and the refresh starts
   over after it.

Anything other than a dossier (the roster, a playbook, the options, the day)
skips step 1: every page is rendered at once, as on the first build.
"""

from __future__ import annotations

import contextvars
import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kamgen import search
from kamgen.build import pipeline
from kamgen.config import KamgenOptions, Project
from kamgen.data.cache import DossierCache
from kamgen.data.load import Portfolio, account_files
from kamgen.insights.facts import Reuse
from kamgen.render.site import DocsTree, SiteGenerator
from kamgen.render.templatecache import MemoryBytecodeCache, settings_key


@dataclass
class TemplateCaches:
    kamgen: MemoryBytecodeCache = field(default_factory=MemoryBytecodeCache)
    theme: MemoryBytecodeCache = field(default_factory=MemoryBytecodeCache)


class SupersededError(Exception):
    """A newer save arrived while every page was being rendered again in the background."""


class InputWatch:
    """Whether kamgen's input files changed since this watch was made (checked at most every ``interval`` s)."""

    def __init__(self, project: Project, *, interval: float = 0.2) -> None:
        self.project = project
        self.interval = interval
        self._seen = self._stat()
        self._next = time.monotonic() + interval
        self._changed = False

    def _stat(self) -> tuple[tuple[str, int, int], ...]:
        project = self.project
        return signatures(
            [project.team_file, *account_files(project.accounts_dir), *files_under(project.playbooks_dir)]
        )

    def changed(self) -> bool:
        if not self._changed and time.monotonic() >= self._next:
            self._changed = self._stat() != self._seen
            self._next = time.monotonic() + self.interval
        return self._changed


@dataclass(frozen=True)
class Generation:
    """A docs tree ``kamgen serve`` made, and what it was made from."""

    tree: DocsTree
    source: Portfolio  # as loaded, before the audience filter: unchanged dossiers are the same objects
    reuse: Reuse  # git history, audience views and alerts, for the next quick update
    inputs: tuple[object, ...]  # everything the pages depend on besides the dossiers
    rendered: frozenset[str] | None  # the pages a quick update rendered; None: every page is up to date


def _inputs(project: Project, portfolio: Portfolio) -> tuple[object, ...]:
    team = tuple(person.model_dump_json() for person in portfolio.team.values())
    playbooks = signatures(files_under(project.playbooks_dir))
    return (project.options, project.language, project.site_name, project.today(), team, playbooks)


def files_under(folder: Path | None) -> list[Path]:
    """Every file below ``folder``, sorted; none when it is not a folder."""
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder is not None and folder.is_dir() else []


def signatures(paths: list[Path]) -> tuple[tuple[str, int, int], ...]:
    """Path, modification time and size of each readable file: equal signatures, unchanged files."""
    found: list[tuple[str, int, int]] = []
    for path in paths:
        try:
            status = path.stat()
        except OSError:
            continue
        found.append((str(path), status.st_mtime_ns, status.st_size))
    return tuple(found)


def _changed_accounts(old: Portfolio, new: Portfolio) -> set[str]:
    """Ids of the accounts added, removed or edited between two loads."""
    before = {a.id: a for a in old.accounts}
    after = {a.id: a for a in new.accounts}
    changed = set(before.keys() ^ after.keys())
    changed |= {i for i, a in after.items() if i in before and before[i] is not a and before[i] != a}
    return changed


def digest(packed: bytes) -> bytes:
    return hashlib.blake2b(packed, digest_size=16).digest()


class _Refresh:
    """Every page rendered again in a background thread, for the portfolio of a quick update.

    The server keeps answering meanwhile; the thread waits while MkDocs builds
    and stops at the next account when a newer save arrives (``cancel``).
    """

    def __init__(self, generation: Generation, project: Project, idle: threading.Event, done: Callable[[], None]):
        self.source = generation.source
        self.inputs = generation.inputs
        self.history = generation.reuse.history
        self.result: Generation | None = None
        self.error: Exception | None = None
        self._idle = idle
        self._cancelled = threading.Event()
        self._done = done
        context = contextvars.copy_context()  # the compiled-template cache of this build
        self.thread = threading.Thread(
            target=context.run, args=(self._run, project), name="kamgen-refresh", daemon=True
        )
        self.thread.start()

    def cancel(self) -> None:
        self._cancelled.set()

    def _checkpoint(self) -> None:
        self._idle.wait()
        if self._cancelled.is_set():
            raise SupersededError

    def _run(self, project: Project) -> None:
        try:
            self._checkpoint()
            # Its own memo: the quick updates of newer saves may run beside it.
            generator = SiteGenerator(project, self.source, reuse=Reuse(history=self.history))
            tree = generator.generate(self._checkpoint)
        except SupersededError:
            return
        except Exception as exc:  # noqa: BLE001 - raised again by the build that takes the result
            self.error = exc
        else:
            self.result = Generation(tree, self.source, generator.reuse, self.inputs, None)
        if not self._cancelled.is_set():
            self._done()


class LiveSite:
    """One served site: its last generation, and which pages the site folder holds in which version."""

    def __init__(self, root: Path, cache_dir: Path | None) -> None:
        # Checked dossiers stay in memory; the file on disk is written after full refreshes only.
        self.dossiers = DossierCache(root, cache_dir, write_on_save=False)
        self.generation: Generation | None = None
        self.written: dict[str, bytes] = {}  # page → digest of the Markdown whose HTML the site holds
        self.files_written: set[str] = set()  # generated files (calendars) the site folder holds
        self.search_index = search.PageIndex(keep_json=True)  # the search documents of the pages as written
        self._settings = ""
        self._idle = threading.Event()  # set while MkDocs is not building: background work may run
        self._idle.set()
        self._refresh: _Refresh | None = None

    def next(self, project: Project, prepared: tuple[Portfolio, DocsTree] | None = None) -> Generation:
        """The generation for this build; raises KamgenError when the files are invalid.

        ``prepared``: what ``kamgen serve`` checked and rendered before the server started.
        Call :meth:`idle` when the build ends.
        """
        self._idle.clear()
        if prepared is not None and self.generation is None:
            portfolio, tree = prepared
            self.generation = Generation(tree, portfolio, Reuse(), _inputs(project, portfolio), None)
            return self.generation
        portfolio = pipeline.load(project, self.dossiers)
        inputs = _inputs(project, portfolio)
        last = self.generation
        if last is None or last.inputs != inputs:
            self._cancel_refresh()
            generation = self._full(project, portfolio, inputs)
        elif changed := _changed_accounts(last.source, portfolio):
            self._cancel_refresh()
            generator = SiteGenerator(project, portfolio, reuse=last.reuse)
            tree, rendered = generator.update(last.tree, changed)
            generation = Generation(tree, portfolio, generator.reuse, inputs, frozenset(rendered))
        else:
            generation = self._refreshed(last)
        self.generation = generation
        if generation.rendered is None:
            self.dossiers.flush()
        return generation

    def _refreshed(self, last: Generation) -> Generation:
        """``last``, or the background refresh of it once that is done."""
        refresh = self._refresh
        if last.rendered is None or refresh is None or refresh.source is not last.source:
            return last
        if refresh.error is not None:
            self._refresh = None
            raise refresh.error
        return refresh.result or last

    def idle(self) -> None:
        """The build ended: background work may go on."""
        self._idle.set()

    def refresh(self, project: Project, done: Callable[[], None]) -> None:
        """After a quick update: render every page in the background, then call ``done`` (from that thread)."""
        generation = self.generation
        if generation is None or generation.rendered is None:
            return
        if self._refresh is not None and self._refresh.source is generation.source:
            return  # under way, or done and waiting for its build
        self._cancel_refresh()
        self._refresh = _Refresh(generation, project, self._idle, done)

    def wait_for_refresh(self, timeout: float | None = None) -> bool:
        """Wait until the background refresh (if any) has rendered every page; False on timeout."""
        refresh = self._refresh
        if refresh is not None:
            refresh.thread.join(timeout)
            return not refresh.thread.is_alive()
        return True

    def _cancel_refresh(self) -> None:
        if self._refresh is not None:
            self._refresh.cancel()
            self._refresh = None

    def close(self) -> None:
        self._cancel_refresh()
        self._idle.set()

    @staticmethod
    def _full(project: Project, portfolio: Portfolio, inputs: tuple[object, ...]) -> Generation:
        generator = SiteGenerator(project, portfolio)
        tree = generator.generate()
        return Generation(tree, portfolio, generator.reuse, inputs, None)

    def settings(self, key: str) -> bool:
        """Record what every page's HTML depends on (theme, mkdocs.yml, nav); True when it changed.

        When it changed, the caller empties the site folder: nothing written before counts.
        """
        if key == self._settings:
            return False
        self._settings = key
        self.written.clear()
        self.search_index = search.PageIndex(keep_json=True)
        return True

    def to_write(self, generation: Generation) -> set[str]:
        """The pages MkDocs must write for ``generation``."""
        pages = generation.tree.pages
        # A quick update: what it rendered, and pages never written; other pages wait for the refresh.
        candidates = pages if generation.rendered is None else generation.rendered | (pages.keys() - self.written)
        return {p for p in candidates if self.written.get(p) != digest(pages.packed(p))}

    def wrote(self, page: str, packed: bytes) -> None:
        self.written[page] = digest(packed)

    def forget(self, pages: set[str]) -> None:
        """Pages the site no longer has (their files were removed)."""
        for page in pages:
            self.written.pop(page, None)
            self.search_index.remove(page)

    def needs_refresh(self) -> bool:
        """True while some page shows an older version than the data: a full refresh should follow."""
        generation = self.generation
        if generation is None:
            return False
        return generation.rendered is not None or bool(self.to_write(generation))


class ServeState:
    def __init__(self) -> None:
        self._last_good: dict[Path, DocsTree] = {}
        self._failing: set[Path] = set()
        self._caches: dict[str, TemplateCaches] = {}
        self._live: dict[Path, LiveSite] = {}

    def close(self) -> None:
        """The server stops: stop background work."""
        for live in self._live.values():
            live.close()

    def live(self, project: Project) -> LiveSite:
        if project.root not in self._live:
            self._live[project.root] = LiveSite(project.root, project.environment.cache_dir)
        return self._live[project.root]

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

    def caches(self, config_file: Path, options: KamgenOptions) -> TemplateCaches:
        key = settings_key(config_file, options)
        if key not in self._caches:
            # A changed mkdocs.yml may change what templates compile to: start afresh.
            self._caches = {key: TemplateCaches()}
        return self._caches[key]
