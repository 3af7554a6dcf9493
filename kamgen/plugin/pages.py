"""kamgen's pages through one MkDocs build: the page pass.

:func:`load_tree` makes the docs tree (on_config). A :class:`PagePass` then
takes the tree's pages through MkDocs' events: adds them to MkDocs' files
(packed, :mod:`kamgen.plugin.parked`), converts them ahead on all cores or
takes them from the cache (:mod:`kamgen.plugin.pagecache`), sets the charts
aside while other plugins see the Markdown (:mod:`kamgen.render.figures`),
cleans the HTML (:mod:`kamgen.render.sanitize`), extracts the search
documents, keeps each page packed until it is written, and writes kamgen's
search index after the build. In ``kamgen serve`` a :class:`LiveServe` says
which pages a rebuild writes.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from kamgen import search
from kamgen.build import output_dir, pipeline
from kamgen.build.compact import without_indentation
from kamgen.config import Environment, KamgenOptions, Project
from kamgen.errors import KamgenError
from kamgen.plugin.live_serve import LiveServe
from kamgen.plugin.pagecache import PageConverter
from kamgen.plugin.parked import PackedFile, Parking
from kamgen.plugin.patches import skip_material_indexing
from kamgen.render import figures, sanitize, templatecache
from kamgen.render.site import DocsTree
from kamgen.util.store import site_folder

log = logging.getLogger("mkdocs.plugins.kamgen")

Facets = dict[str, list[str]]


def project_of(config: MkDocsConfig, options: KamgenOptions, environment: Environment) -> Project:
    """Where the site's inputs are, from mkdocs.yml; refuses a ``site_dir`` whose emptying would lose them."""
    config_file = Path(config.config_file_path or "mkdocs.yml").absolute()
    custom_dir = config.theme.custom_dir
    project = Project(
        config_file.resolve().parent,
        options,
        language=config.theme.get("language") or "en",
        site_name=config.site_name,
        environment=environment,
        theme_dir=Path(custom_dir) if custom_dir else None,
        docs_dir=Path(config.docs_dir),
        config_file=config_file,
        directory_urls=config.use_directory_urls,
    )
    try:
        # Before MkDocs empties site_dir (`mkdocs build` cleans it right after this event).
        output_dir.check(config.site_dir, output_dir.Protected.of_project(project), option="site_dir:")
    except KamgenError as exc:
        raise PluginError(f"kamgen: {exc}") from None
    return project


def load_tree(project: Project, serve: LiveServe | None) -> tuple[DocsTree, Facets]:
    """The docs tree of this build and each account's search facets (none: the last good tree while serving)."""
    cache = serve.templates(project.config_file, project.options) if serve is not None else None
    try:
        with templatecache.using(cache):
            # `kamgen build` and `kamgen serve` have just checked and rendered it.
            prepared = pipeline.take_prepared(project)
            if serve is not None and serve.live is not None:
                portfolio, tree = serve.next_tree(project, prepared)
            else:
                if prepared is None:
                    loaded = pipeline.load(project)
                    prepared = (loaded, pipeline.generate(project, loaded))
                portfolio, tree = prepared
    except KamgenError as exc:
        if serve is None:
            raise PluginError(f"kamgen: {exc}") from None
        return serve.last_good_or_raise(project.root, exc), {}
    facets = search.account_facets(portfolio)
    for warning in portfolio.warnings:
        log.warning(str(warning))
    if serve is not None:
        serve.built(project.root, tree)
    return tree, facets


def use_tree(config: MkDocsConfig, tree: DocsTree) -> None:
    """The tree's nav (unless mkdocs.yml has one) and style sheets."""
    if config.nav is None:
        config.nav = tree.nav
    config.extra_css.extend(css for css in tree.extra_css if css not in config.extra_css)


def search_index_for(config: MkDocsConfig, facets: Facets, serve: LiveServe | None) -> search.PageIndex | None:
    """kamgen's search replaces the index and worker behind Material's search box (when the site has one)."""
    if not _material_search_enabled(config):
        return None
    index = serve.live.search_index if serve is not None and serve.live is not None else search.PageIndex()
    if facets:
        index.set_facets(facets)
    return index


def _material_search_enabled(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/search")
    return plugin is not None and bool(getattr(plugin, "config", {}).get("enabled", True))


class PagePass:
    """The pages of one docs tree through one MkDocs build."""

    def __init__(
        self, project: Project, tree: DocsTree, index: search.PageIndex | None, serve: LiveServe | None
    ) -> None:
        self.project = project
        self.tree = tree
        self.search_index = index
        # `kamgen serve` (MkDocs' dirty serve): this rebuild writes only the pages that changed.
        self.incremental = serve if serve is not None and serve.live is not None else None
        self.to_write = set(tree.pages)
        self.files: Files | None = None
        self.converter: PageConverter | None = None
        self.figures: dict[str, tuple[str, ...]] = {}  # each page's charts, set aside during conversion
        self.parking = Parking()

    # -- on_files ----------------------------------------------------------------------
    def add_files(self, files: Files, config: MkDocsConfig) -> Files:
        playbooks = self.project.playbooks_dir.resolve()
        for file in list(files):
            # Playbook sources are templates: only their rendered form is published.
            if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(playbooks):
                files.remove(file)
        in_nav = self.tree.nav_paths()
        if self.incremental is not None:
            self.to_write = self.incremental.pages_to_write()
        for path in self.tree.pages:
            # Pages reached through the portfolio, not the nav: say so, or MkDocs
            # lists every account as "not included in the nav" on each build.
            inclusion = InclusionLevel.UNDEFINED if path in in_nav else InclusionLevel.NOT_IN_NAV
            file = PackedFile.of(config, path, self.tree.pages.packed(path), inclusion)
            if self.incremental is not None:
                file.write_decision = self.incremental.should_write
            _add(files, file)
        self.files = files
        for path, source in self.tree.assets.items():
            _add(files, File.generated(config, path, abs_src_path=str(source)))
        for path, data in self.tree.files.items():
            _add(files, File.generated(config, path, content=data))
        if self.search_index is not None:
            skip_material_indexing(config)
        return files

    # -- on_nav, on_pre_page: conversion -----------------------------------------------------
    def convert_ahead(self, config: MkDocsConfig, files: Files) -> None:
        extract = _search_docs_of if self.search_index is not None else None
        cache_dir = self.project.environment.cache_dir
        # Each site and audience keeps (and prunes) its own converted pages.
        audience = self.project.options.audience
        folder = site_folder(cache_dir, self.project.root) / f"pages-{audience}" if cache_dir else None
        self.converter = PageConverter(config, files, self.to_write, folder, extract)
        self.converter.convert_ahead()

    def take_over(self, page: Page) -> None:
        assert self.converter is not None
        self.converter.take_over(page)

    # -- on_page_markdown, on_page_content, on_page_context, on_post_page ---------------------------
    def set_figures_aside(self, markdown: str, page: Page) -> str:
        if page.file.src_uri not in self.tree.pages:
            return markdown
        stashed = figures.stash(markdown)
        self.figures[page.file.src_uri] = stashed.figures
        return stashed.markdown

    def converted(self, html: str, page: Page) -> str:
        """The page's HTML, cleaned, with its charts back; its search documents noted and the page cached."""
        assert self.converter is not None
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

    def park(self, html: str, page: Page) -> str:
        if page.file.src_uri not in self.tree.pages:
            return html
        return self.parking.park(page, html)

    def restore(self, page: Page) -> None:
        self.parking.restore(page)

    def written(self, output: str) -> str:
        """The page as written: kamgen's search worker in place of Material's, without indentation."""
        output = search.use_worker(output) if self.search_index is not None else output
        return without_indentation(output)

    def release(self, page: Page) -> None:
        self.parking.release(page)
        uri = page.file.src_uri
        if self.incremental is not None and uri in self.tree.pages:
            self.incremental.wrote(uri, self.tree.pages.packed(uri))

    # -- on_post_build, on_build_error --------------------------------------------------------
    def finish(self, config: MkDocsConfig) -> None:
        output_dir.mark(Path(config.site_dir))  # the next build may replace this folder
        assert self.converter is not None
        # A serve rebuild converted only the pages that changed: the cache keeps the others.
        self.converter.finish(built=True, prune=self.incremental is None)
        self.parking.clear()

    def write_search_index(self, config: MkDocsConfig) -> None:
        if self.search_index is None:
            return
        assert self.files is not None
        for uri in self.search_index.pages():
            if self.files.get_file_from_path(uri) is None:
                self.search_index.remove(uri)
        index = Path(config.site_dir) / search.INDEX
        # A quick update of `kamgen serve` keeps the index of the last build (Material has just
        # overwritten its manifest); the refresh that follows writes it anew with the rest.
        quick = self.incremental is not None and self.incremental.quick()
        if not (quick and self.search_index.restore(index)):
            material = json.loads(index.read_text(encoding="utf-8")).get("config") if index.is_file() else None
            self.search_index.write(index, (file.src_uri for file in self.files), material)

    def abort(self) -> None:
        """The build stopped (an error, Ctrl-C, SIGTERM): let the converter's files go."""
        if self.converter is not None:
            self.converter.finish(built=False)


def _add(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        log.warning(f"'{file.src_uri}' in docs_dir is replaced by the page kamgen generates there")
        files.remove(existing)
    files.append(file)


def _search_docs_of(html: str, page: Page) -> list[search.SearchDoc]:
    # The method wins ties against a section of one account plan: "risk"
    # first finds the playbook on risk, then each plan's risks.
    boost = search.PLAYBOOK_BOOST if page.file.src_uri.startswith("playbooks/") else 1.0
    return search.extract_docs(html, page.url, page.title or "", boost=boost)
