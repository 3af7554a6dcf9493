"""What only ``kamgen serve`` (and ``mkdocs serve``) needs from the plugin.

One :class:`LiveServe` lives as long as the server: it keeps the last good
docs tree (an invalid save shows an error, the browser keeps the last good
site) and the compiled templates. In ``kamgen serve`` (MkDocs' dirty serve) a
save first writes the edited account's pages (a quick update), then asks the
server for one more build that writes the rest of the site, rendered in the
background meanwhile (:class:`kamgen.build.serving.LiveSite`).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import InclusionLevel
from mkdocs.utils import clean_directory

from kamgen.build.serving import Generation, InputWatch, LiveSite, ServeState, files_under, signatures
from kamgen.config import KamgenOptions, Project
from kamgen.data.load import Portfolio
from kamgen.errors import KamgenError
from kamgen.plugin.parked import PackedFile
from kamgen.plugin.patches import polling
from kamgen.render.site import DocsTree
from kamgen.render.templatecache import MemoryBytecodeCache
from kamgen.util.store import code_fingerprint, fingerprint

log = logging.getLogger("mkdocs.plugins.kamgen")

# Polling stats every file each time, so big portfolios keep MkDocs' slower default.
FAST_POLL_MAX_FILES = 500


class LiveServe:
    """The plugin's state across the rebuilds of one server; ``dirty``: each rebuild writes only what changed."""

    def __init__(self, *, dirty: bool) -> None:
        self.state = ServeState()
        self.incremental = dirty
        self.refresh_dir: Path | None = None
        self.refreshing = False  # a full refresh is under way (announced when done)
        # Of the build under way (see begin):
        self.live: LiveSite | None = None
        self.generation: Generation | None = None
        self.watch: InputWatch | None = None
        self.to_write: set[str] = set()
        if dirty:
            # kamgen tells MkDocs which pages changed, so its warning about stale pages does not apply.
            logging.getLogger("mkdocs.commands.build").addFilter(_no_dirty_warning)

    def close(self) -> None:
        self.state.close()
        if self.refresh_dir is not None:
            shutil.rmtree(self.refresh_dir, ignore_errors=True)

    # -- on_config ---------------------------------------------------------------
    def begin(self, project: Project) -> None:
        """A rebuild starts: in ``kamgen serve`` it may write only the pages that changed."""
        self.live = self.state.live(project) if self.incremental else None
        self.generation = None

    def templates(self, config_file: Path, options: KamgenOptions) -> MemoryBytecodeCache:
        """kamgen's compiled templates, kept while the server runs."""
        return self.state.caches(config_file, options).kamgen

    def next_tree(self, project: Project, prepared: tuple[Portfolio, DocsTree] | None) -> tuple[Portfolio, DocsTree]:
        """This rebuild's data and docs tree (a quick update renders only what the save changed)."""
        assert self.live is not None
        self.watch = InputWatch(project)
        self.generation = self.live.next(project, prepared)
        return self.generation.source, self.generation.tree

    def last_good_or_raise(self, root: Path, exc: KamgenError) -> DocsTree:
        """Report an invalid edit and rebuild the last good tree; fail when there is none yet."""
        last = self.state.fallback(root)
        if last is None:
            raise PluginError(f"kamgen: {exc}") from None
        for line in str(exc).splitlines():
            log.error(line)
        log.error("kamgen: the browser keeps the last good site; fix the problem above and save again")
        return last

    def built(self, root: Path, tree: DocsTree) -> None:
        if self.state.built(root, tree):
            log.info("kamgen: the data is valid again; the browser shows your changes")

    def check_settings(self, config: MkDocsConfig) -> None:
        """When the theme, mkdocs.yml or nav changed, every page is written anew."""
        if self.live is not None and self.live.settings(_settings_key(config)):
            clean_directory(config.site_dir)

    # -- on_files: which pages a rebuild writes ------------------------------------------
    def pages_to_write(self) -> set[str]:
        """Only the pages that changed are converted and written; the site folder keeps the others."""
        assert self.live is not None
        self.to_write = self.live.to_write(self.generation) if self.generation is not None else set()
        return self.to_write

    def should_write(self, path: str) -> bool:
        """Whether a serve rebuild writes ``path``: it changed, and no newer save stops a full refresh."""
        if path not in self.to_write:
            return False
        refresh = self.generation is not None and self.generation.rendered is None
        return not (refresh and self.watch is not None and self.watch.changed())

    def wrote(self, uri: str, packed: bytes) -> None:
        """A page is written: later rebuilds compare with it."""
        assert self.live is not None
        self.live.wrote(uri, packed)

    def quick(self) -> bool:
        """Whether this build is a quick update (only the edited account's pages)."""
        return self.generation is not None and self.generation.rendered is not None

    # -- on_post_build ---------------------------------------------------------------
    def remove_pages_gone(self, config: MkDocsConfig, tree: DocsTree) -> None:
        """Delete the written pages the tree no longer has (a dossier was removed or renamed)."""
        assert self.live is not None
        gone = set(self.live.written) - set(tree.pages)
        site = Path(config.site_dir).resolve()
        # Generated files (calendars) first, so the folder of a removed account is empty below.
        for path in self.live.files_written - set(tree.files):
            (site / path).unlink(missing_ok=True)
        self.live.files_written = set(tree.files)
        for uri in gone:
            target = Path(PackedFile.of(config, uri, b"", InclusionLevel.UNDEFINED).abs_dest_path)
            target.unlink(missing_ok=True)
            folder = target.parent
            while folder != site and folder.is_relative_to(site) and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
        self.live.forget(gone)

    def follow_up(self, project: Project) -> None:
        """After a quick update, start the full refresh; once it is rendered, a build writes what changed."""
        assert self.live is not None
        generation = self.generation
        self.live.idle()
        if generation is None:
            return  # the data is invalid: nothing more until the next save
        if generation.rendered is not None:
            if self.to_write:
                log.info(
                    f"kamgen: wrote the edited account's pages ({len(self.to_write)}); the rest of the site follows"
                )
            self.refreshing = True
            self.live.refresh(project, self._ask_for_build)
        elif self.live.needs_refresh():
            self._ask_for_build()  # a newer save stopped the last refresh before every page was written
        elif self.refreshing:
            self.refreshing = False
            log.info("kamgen: every page is up to date")

    def _ask_for_build(self) -> None:
        if self.refresh_dir is not None:  # the server watches it (on_serve)
            (self.refresh_dir / "refresh").write_text(str(time.time_ns()), encoding="utf-8")

    def failed(self) -> None:
        """A build failed: a refresh may start with the next one."""
        if self.live is not None:
            self.live.idle()

    # -- on_env, on_serve ------------------------------------------------------------
    def theme_cache(self, config: MkDocsConfig, options: KamgenOptions) -> MemoryBytecodeCache:
        """The theme's compiled templates: they need not compile again on every save."""
        return self.state.caches(Path(config.config_file_path or "mkdocs.yml"), options).theme

    def watch_refreshes(self, server: LiveReloadServer) -> None:
        """``kamgen serve``: rebuild when kamgen asks for the full refresh that follows a quick update."""
        if self.incremental and self.refresh_dir is None:
            # A file kamgen writes to start a full refresh after a quick update.
            self.refresh_dir = Path(tempfile.mkdtemp(prefix="kamgen-refresh-"))
            with polling(server, fast=True):
                server.watch(str(self.refresh_dir))
            # An internal folder: not among the paths the terminal lists as watched.
            logging.getLogger("mkdocs.livereload").addFilter(_Hide(f", '{self.refresh_dir}'"))


def watch_inputs(server: LiveReloadServer, project: Project) -> None:
    """Rebuild when a dossier, the roster or a playbook is saved."""
    with polling(server, fast=small(project.accounts_dir)):
        for path in (project.accounts_dir, project.team_file, project.playbooks_dir):
            if path.exists():
                server.watch(str(path))


def shutdown(serve: LiveServe | None) -> None:
    """The server stops (or a build ends): take kamgen's log filters off and let the serve state go."""
    logging.getLogger("mkdocs.commands.build").removeFilter(_no_dirty_warning)
    livereload = logging.getLogger("mkdocs.livereload")
    for hidden in [f for f in livereload.filters if isinstance(f, _Hide)]:
        livereload.removeFilter(hidden)
    if serve is not None:
        serve.close()


def small(accounts_dir: Path) -> bool:
    """Whether the portfolio is small enough to poll faster than MkDocs does."""
    return accounts_dir.is_dir() and sum(1 for _ in accounts_dir.iterdir()) <= FAST_POLL_MAX_FILES


class _Hide(logging.Filter):
    """Removes a piece of text from log messages (kamgen's internal folders)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and self.text in record.msg:
            record.msg = record.msg.replace(self.text, "")
        return True


def _no_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def _settings_key(config: MkDocsConfig) -> str:
    """What every page's HTML depends on besides its own Markdown: mkdocs.yml, the nav, the theme, kamgen."""
    parts: list[str | bytes] = [code_fingerprint()]
    if config.config_file_path and Path(config.config_file_path).is_file():
        parts.append(Path(config.config_file_path).read_bytes())
    parts.append(repr((config.nav, config.extra_css, config.extra_javascript)))
    custom = config.theme.custom_dir
    parts.append(repr(signatures(files_under(Path(custom) if custom else None))))
    return fingerprint(*parts)
