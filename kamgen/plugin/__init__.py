"""The MkDocs plugin: a thin adapter that hands the engine's docs tree to MkDocs.

Each hook delegates: :mod:`kamgen.plugin.pages` takes kamgen's pages through
one build, :mod:`kamgen.plugin.live_serve` keeps what ``kamgen serve`` needs
across rebuilds, and :mod:`kamgen.plugin.patches` holds every workaround that
reaches past MkDocs', Material's or watchdog's public API.
"""

from __future__ import annotations

from typing import Any

import jinja2
from mkdocs.config.base import ConfigErrors, ConfigWarnings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from kamgen.config import Environment, KamgenOptions, Project, parse_options
from kamgen.errors import ConfigError
from kamgen.i18n import translations
from kamgen.plugin import live_serve
from kamgen.plugin.live_serve import LiveServe
from kamgen.plugin.pages import PagePass, load_tree, project_of, search_index_for, use_tree


class KamgenPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """``plugins: - kamgen`` in mkdocs.yml; options are validated by :class:`KamgenOptions`."""

    options: KamgenOptions
    environment: Environment
    project: Project
    serve: LiveServe | None = None  # while serving: kept across the rebuilds
    pages: PagePass | None = None  # the build under way (or the last one)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also makes MkDocs keep this one instance across
        # the rebuilds of `mkdocs serve`, which is what lets the serve state survive.
        self.serve = LiveServe(dirty=dirty) if command == "serve" else None

    def on_shutdown(self) -> None:
        live_serve.shutdown(self.serve)
        if self.pages is not None:
            # A build stopped by Ctrl-C or SIGTERM never reached on_post_build or on_build_error.
            self.pages.abort()

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
        self.project = project_of(config, self.options, self.environment)
        if self.serve is not None:
            self.serve.begin(self.project)
        tree, facets = load_tree(self.project, self.serve)
        use_tree(config, tree)
        if self.serve is not None:
            self.serve.check_settings(config)
        self.pages = PagePass(self.project, tree, search_index_for(config, facets, self.serve), self.serve)
        return config

    def gettext(self, message: str) -> str:
        """A label in the site's language, for theme templates (``{% set _ = kamgen.gettext %}``)."""
        return translations(self.project.language).gettext(message)

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        return self._pages.add_files(files, config)

    @event_priority(-100)  # after other plugins changed the files and nav
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._pages.convert_ahead(config, files)
        return nav

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        self._pages.take_over(page)
        return page

    @event_priority(-100)  # last: the charts are set aside just before conversion
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self._pages.set_figures_aside(markdown, page)

    @event_priority(100)  # first: other plugins see the page with its charts
    def _on_page_content_first(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self._pages.converted(html, page)

    @event_priority(-100)  # last: every plugin has seen the page; kept packed until it is written
    def _on_page_content_last(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self._pages.park(html, page)

    on_page_content = CombinedEvent(_on_page_content_first, _on_page_content_last)

    @event_priority(100)  # first: the page's template and the plugins see its HTML
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        self._pages.restore(page)
        return context

    def _on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        return self._pages.written(output)

    @event_priority(-100)  # last: every plugin has seen the written page
    def _on_post_page_release(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        self._pages.release(page)
        return output

    on_post_page = CombinedEvent(_on_post_page, _on_post_page_release)

    @event_priority(-100)  # after Material's search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        pages, live = self._pages, self._pages.incremental
        pages.finish(config)
        if live is not None:
            live.remove_pages_gone(config, pages.tree)
        pages.write_search_index(config)
        if live is not None:
            live.follow_up(self.project)  # after a quick update: the full refresh

    def on_build_error(self, *, error: Exception) -> None:
        if self.pages is not None:
            self.pages.abort()
        if self.serve is not None:
            self.serve.failed()

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if self.serve is not None:  # the theme's templates need not compile again on every save
            env.bytecode_cache = self.serve.theme_cache(config, self.options)
        return env

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        live_serve.watch_inputs(server, self.project)
        if self.serve is not None:
            self.serve.watch_refreshes(server)
        return server

    @property
    def _pages(self) -> PagePass:
        """The page pass of the build under way (on_config made it)."""
        assert self.pages is not None
        return self.pages
