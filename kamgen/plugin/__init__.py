"""The MkDocs plugin: a thin adapter that hands the engine's docs tree to MkDocs."""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.base import ConfigErrors, ConfigWarnings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory
from mkdocs.utils.templates import TemplateContext

from kamgen import search
from kamgen.build import output_dir, pipeline
from kamgen.build.compact import without_indentation
from kamgen.build.serving import Generation, InputWatch, LiveSite, ServeState, files_under, signatures
from kamgen.config import Environment, KamgenOptions, Project, parse_options
from kamgen.errors import ConfigError, KamgenError
from kamgen.i18n import translations
from kamgen.plugin.pagecache import PageConverter
from kamgen.plugin.parked import PackedFile, Parking
from kamgen.render import figures, sanitize, templatecache
from kamgen.render.site import DocsTree
from kamgen.util.store import code_fingerprint, fingerprint, site_folder

log = logging.getLogger("mkdocs.plugins.kamgen")


class KamgenPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """``plugins: - kamgen`` in mkdocs.yml; options are validated by :class:`KamgenOptions`."""

    options: KamgenOptions
    project: Project
    tree: DocsTree

    serving: ServeState | None = None
    # `kamgen serve` (MkDocs' dirty serve): each rebuild writes only the pages that changed.
    incremental: bool = False
    refresh_dir: Path | None = None
    refreshing = False  # a full refresh is under way (announced when done)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also makes MkDocs keep this one instance across
        # the rebuilds of `mkdocs serve`, which is what lets ServeState survive.
        self.serving = ServeState() if command == "serve" else None
        self.incremental = command == "serve" and dirty
        if self.incremental:
            # kamgen tells MkDocs which pages changed, so its warning about stale pages does not apply.
            logging.getLogger("mkdocs.commands.build").addFilter(_no_dirty_warning)

    def on_shutdown(self) -> None:
        logging.getLogger("mkdocs.commands.build").removeFilter(_no_dirty_warning)
        livereload = logging.getLogger("mkdocs.livereload")
        for hidden in [f for f in livereload.filters if isinstance(f, _Hide)]:
            livereload.removeFilter(hidden)
        if self.serving is not None:
            self.serving.close()
        if self.refresh_dir is not None:
            shutil.rmtree(self.refresh_dir, ignore_errors=True)
        converter: PageConverter | None = getattr(self, "converter", None)
        if converter is not None:
            # A build stopped by Ctrl-C or SIGTERM never reached on_post_build or on_build_error.
            converter.finish(built=False)

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[ConfigErrors, ConfigWarnings]:
        self.environment = Environment.read()
        try:
            self.options = parse_options(options, config_file_path or "mkdocs.yml", self.environment.overrides)
        except ConfigError as exc:
            return [("kamgen", exc)], []
        return [], []

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config_file = Path(config.config_file_path or "mkdocs.yml").absolute()
        root = config_file.resolve().parent
        custom_dir = config.theme.custom_dir
        self.project = Project(
            root,
            self.options,
            language=config.theme.get("language") or "en",
            site_name=config.site_name,
            environment=self.environment,
            theme_dir=Path(custom_dir) if custom_dir else None,
            docs_dir=Path(config.docs_dir),
            config_file=config_file,
            directory_urls=config.use_directory_urls,
        )
        try:
            # Before MkDocs empties site_dir (`mkdocs build` cleans it right after this event).
            output_dir.check(config.site_dir, output_dir.Protected.of_project(self.project), option="site_dir:")
        except KamgenError as exc:
            raise PluginError(f"kamgen: {exc}") from None
        cache = self.serving.caches(config_file, self.options).kamgen if self.serving else None
        self.live: LiveSite | None = self.serving.live(self.project) if self.serving and self.incremental else None
        self.generation: Generation | None = None
        facets: dict[str, list[str]] = {}
        try:
            with templatecache.using(cache):
                # `kamgen build` and `kamgen serve` have just checked and rendered it.
                prepared = pipeline.take_prepared(self.project)
                if self.live is not None:
                    self.watch = InputWatch(self.project)
                    self.generation = self.live.next(self.project, prepared)
                    portfolio, self.tree = self.generation.source, self.generation.tree
                else:
                    if prepared is None:
                        loaded = pipeline.load(self.project)
                        prepared = (loaded, pipeline.generate(self.project, loaded))
                    portfolio, self.tree = prepared
        except KamgenError as exc:
            self.tree = self._last_good_or_raise(root, exc)
        else:
            facets = search.account_facets(portfolio)
            for warning in portfolio.warnings:
                log.warning(str(warning))
            if self.serving and self.serving.built(root, self.tree):
                log.info("kamgen: the data is valid again; the browser shows your changes")
        if config.nav is None:
            config.nav = self.tree.nav
        config.extra_css.extend(css for css in self.tree.extra_css if css not in config.extra_css)
        # kamgen's search replaces the index and worker behind Material's search box.
        if self.live is not None and self.live.settings(_settings_key(config)):
            clean_directory(config.site_dir)  # the theme, mkdocs.yml or nav changed: every page is written anew
        self.search_index: search.PageIndex | None = None
        if _material_search_enabled(config):
            self.search_index = self.live.search_index if self.live is not None else search.PageIndex()
            if facets:
                self.search_index.set_facets(facets)
        return config

    def gettext(self, message: str) -> str:
        """A label in the site's language, for theme templates (``{% set _ = kamgen.gettext %}``)."""
        return translations(self.project.language).gettext(message)

    def _last_good_or_raise(self, root: Path, exc: KamgenError) -> DocsTree:
        """While serving, report an invalid edit and rebuild the last good tree; else fail the build."""
        last = self.serving.fallback(root) if self.serving else None
        if last is None:
            raise PluginError(f"kamgen: {exc}") from None
        for line in str(exc).splitlines():
            log.error(line)
        log.error("kamgen: the browser keeps the last good site; fix the problem above and save again")
        return last

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        playbooks = self.project.playbooks_dir.resolve()
        for file in list(files):
            # Playbook sources are templates: only their rendered form is published.
            if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(playbooks):
                files.remove(file)
        in_nav = self.tree.nav_paths()
        self.to_write = set(self.tree.pages)
        if self.live is not None:
            # Only the pages that changed are converted and written; the site folder keeps the others.
            self.to_write = self.live.to_write(self.generation) if self.generation is not None else set()
        for path in self.tree.pages:
            # Pages reached through the portfolio, not the nav: say so, or MkDocs
            # lists every account as "not included in the nav" on each build.
            inclusion = InclusionLevel.UNDEFINED if path in in_nav else InclusionLevel.NOT_IN_NAV
            file = PackedFile.of(config, path, self.tree.pages.packed(path), inclusion)
            if self.live is not None:
                file.write_decision = self._should_write
            self._add(files, file)
        self.files = files
        for path, source in self.tree.assets.items():
            self._add(files, File.generated(config, path, abs_src_path=str(source)))
        for path, data in self.tree.files.items():
            self._add(files, File.generated(config, path, content=data))
        if self.search_index is not None:
            _skip_material_indexing(config)
        return files

    def _should_write(self, path: str) -> bool:
        """Whether a serve rebuild writes ``path``: it changed, and no newer save stops a full refresh."""
        if path not in self.to_write:
            return False
        refresh = self.generation is not None and self.generation.rendered is None
        return not (refresh and self.watch.changed())

    @staticmethod
    def _add(files: Files, file: File) -> None:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            log.warning(f"'{file.src_uri}' in docs_dir is replaced by the page kamgen generates there")
            files.remove(existing)
        files.append(file)

    @event_priority(-100)  # after other plugins changed the files and nav
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        extract = self._search_docs_of if self.search_index is not None else None
        cache_dir = self.environment.cache_dir
        # Each site and audience keeps (and prunes) its own converted pages.
        folder = site_folder(cache_dir, self.project.root) / f"pages-{self.options.audience}" if cache_dir else None
        self.converter = PageConverter(config, files, self.to_write, folder, extract)
        self.converter.convert_ahead()
        self.figures: dict[str, tuple[str, ...]] = {}
        self.parking = Parking()
        return nav

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        self.converter.take_over(page)
        return page

    @event_priority(-100)  # last: the charts are set aside just before conversion
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri not in self.tree.pages:
            return markdown
        stashed = figures.stash(markdown)
        self.figures[page.file.src_uri] = stashed.figures
        return stashed.markdown

    @event_priority(100)  # first: other plugins see the page with its charts
    def _on_page_content_first(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        stashed = self.figures.pop(page.file.src_uri, ())
        if page.file.src_uri in self.tree.pages:
            # The converter cleaned what it converted; a page it did not convert is cleaned here.
            if not vars(page).pop("kamgen_clean", False):
                html = sanitize.clean(html)
            # Charts pass the same policy: a playbook can write a figure that looks like kamgen's.
            stashed = tuple(sanitize.clean(figure) for figure in stashed)
        docs = self.converter.search_docs(page, html, stashed)
        self.converter.converted(page, html, docs)
        excluded = isinstance(page.meta.get("search"), dict) and page.meta["search"].get("exclude")
        if self.search_index is not None:
            self.search_index.set(page.file.src_uri, [] if docs is None or excluded else docs)
        return figures.splice(html, stashed)

    @event_priority(-100)  # last: every plugin has seen the page; kept packed until it is written
    def _on_page_content_last(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri not in self.tree.pages:
            return html
        return self.parking.park(page, html)

    on_page_content = CombinedEvent(_on_page_content_first, _on_page_content_last)

    @event_priority(100)  # first: the page's template and the plugins see its HTML
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        self.parking.restore(page)
        return context

    @staticmethod
    def _search_docs_of(html: str, page: Page) -> list[search.SearchDoc]:
        # The method wins ties against a section of one account plan: "risk"
        # first finds the playbook on risk, then each plan's risks.
        boost = search.PLAYBOOK_BOOST if page.file.src_uri.startswith("playbooks/") else 1.0
        return search.extract_docs(html, page.url, page.title or "", boost=boost)

    def _on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        output = search.use_worker(output) if self.search_index is not None else output
        return without_indentation(output)

    @event_priority(-100)  # last: every plugin has seen the written page
    def _on_post_page_release(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        self.parking.release(page)
        uri = page.file.src_uri
        if self.live is not None and uri in self.tree.pages:
            self.live.wrote(uri, self.tree.pages.packed(uri))
        return output

    on_post_page = CombinedEvent(_on_post_page, _on_post_page_release)

    @event_priority(-100)  # after Material's search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        output_dir.mark(Path(config.site_dir))  # the next build may replace this folder
        # A serve rebuild converted only the pages that changed: the cache keeps the others.
        self.converter.finish(built=True, prune=self.live is None)
        self.parking.clear()
        if self.live is not None:
            self._remove_pages_gone(config)
        if self.search_index is not None:
            for uri in self.search_index.pages():
                if self.files.get_file_from_path(uri) is None:
                    self.search_index.remove(uri)
            index = Path(config.site_dir) / search.INDEX
            # A quick update of `kamgen serve` keeps the index of the last build (Material has just
            # overwritten its manifest); the refresh that follows writes it anew with the rest.
            quick = self.generation is not None and self.generation.rendered is not None
            if not (quick and self.search_index.restore(index)):
                material = json.loads(index.read_text(encoding="utf-8")).get("config") if index.is_file() else None
                self.search_index.write(index, (file.src_uri for file in self.files), material)
        if self.live is not None:
            self._follow_up()

    def _remove_pages_gone(self, config: MkDocsConfig) -> None:
        """Delete the written pages the tree no longer has (a dossier was removed or renamed)."""
        assert self.live is not None
        gone = set(self.live.written) - set(self.tree.pages)
        site = Path(config.site_dir).resolve()
        # Generated files (calendars) first, so the folder of a removed account is empty below.
        for path in self.live.files_written - set(self.tree.files):
            (site / path).unlink(missing_ok=True)
        self.live.files_written = set(self.tree.files)
        for uri in gone:
            target = Path(PackedFile.of(config, uri, b"", InclusionLevel.UNDEFINED).abs_dest_path)
            target.unlink(missing_ok=True)
            folder = target.parent
            while folder != site and folder.is_relative_to(site) and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
        self.live.forget(gone)

    def _follow_up(self) -> None:
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
            self.live.refresh(self.project, self._ask_for_build)
        elif self.live.needs_refresh():
            self._ask_for_build()  # a newer save stopped the last refresh before every page was written
        elif self.refreshing:
            self.refreshing = False
            log.info("kamgen: every page is up to date")

    def _ask_for_build(self) -> None:
        if self.refresh_dir is not None:  # the server watches it (on_serve)
            (self.refresh_dir / "refresh").write_text(str(time.time_ns()), encoding="utf-8")

    def on_build_error(self, *, error: Exception) -> None:
        converter: PageConverter | None = getattr(self, "converter", None)
        if converter is not None:
            converter.finish(built=False)
        live: LiveSite | None = getattr(self, "live", None)
        if live is not None:
            live.idle()

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if self.serving:  # the theme's templates need not compile again on every save
            env.bytecode_cache = self.serving.caches(Path(config.config_file_path or "mkdocs.yml"), self.options).theme
        return env

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        with _polling(server, fast=_small(self.project.accounts_dir)):
            for path in (self.project.accounts_dir, self.project.team_file, self.project.playbooks_dir):
                if path.exists():
                    server.watch(str(path))
        if self.incremental and self.refresh_dir is None:
            # A file kamgen writes to start a full refresh after a quick update.
            self.refresh_dir = Path(tempfile.mkdtemp(prefix="kamgen-refresh-"))
            with _polling(server, fast=True):
                server.watch(str(self.refresh_dir))
            # An internal folder: not among the paths the terminal lists as watched.
            logging.getLogger("mkdocs.livereload").addFilter(_Hide(f", '{self.refresh_dir}'"))
        return server


# MkDocs polls for changes every 0.5 s; an editor saving a dossier should see it
# sooner. Polling stats every file each time, so big portfolios keep the default.
FAST_POLL_SECONDS = 0.1
FAST_POLL_MAX_FILES = 500


def _small(accounts_dir: Path) -> bool:
    return accounts_dir.is_dir() and sum(1 for _ in accounts_dir.iterdir()) <= FAST_POLL_MAX_FILES


@contextmanager
def _polling(server: LiveReloadServer, *, fast: bool) -> Iterator[None]:
    """Watches added inside poll faster when ``fast`` (watchdog reads the interval when a watch is added)."""
    observer = getattr(server, "observer", None)
    default = getattr(observer, "_timeout", None)
    if default is None or not fast:
        yield
        return
    observer._timeout = FAST_POLL_SECONDS  # type: ignore[union-attr]
    try:
        yield
    finally:
        observer._timeout = default  # type: ignore[union-attr]


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


def _skip_material_indexing(config: MkDocsConfig) -> None:
    """Keep Material's search box and settings, but not its parsing of every page.

    kamgen writes the index itself (on_post_build), so Material's own index of
    the pages is thrown away; building it costs a sixth of a build. Its index
    object is only reachable as an attribute: if a Material release renames
    it, nothing changes but the time.
    """
    index = getattr(config.plugins.get("material/search"), "search_index", None)
    if index is not None and hasattr(index, "add_entry_from_context"):
        index.add_entry_from_context = lambda page: None


def _material_search_enabled(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/search")
    return plugin is not None and bool(getattr(plugin, "config", {}).get("enabled", True))
