"""The MkDocs plugin: a thin adapter that hands the engine's docs tree to MkDocs."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.base import ConfigErrors, ConfigWarnings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from kamgen import engine
from kamgen.config import KamgenOptions, Project, parse_options
from kamgen.errors import ConfigError, KamgenError
from kamgen.render.site import DocsTree

log = logging.getLogger("mkdocs.plugins.kamgen")


class KamgenPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """``plugins: - kamgen`` in mkdocs.yml; options are validated by :class:`KamgenOptions`."""

    options: KamgenOptions
    project: Project
    tree: DocsTree

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[ConfigErrors, ConfigWarnings]:
        try:
            self.options = parse_options(options, config_file_path or "mkdocs.yml")
        except ConfigError as exc:
            return [("kamgen", exc)], []
        return [], []

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        self.project = Project(
            root, self.options, language=config.theme.get("language") or "en", site_name=config.site_name
        )
        try:
            portfolio = engine.load(self.project)
            self.tree = engine.generate(self.project, portfolio)
        except KamgenError as exc:
            raise PluginError(f"kamgen: {exc}") from None
        for warning in portfolio.warnings:
            log.warning(str(warning))
        if config.nav is None:
            config.nav = self.tree.nav
        config.extra_css.extend(css for css in self.tree.extra_css if css not in config.extra_css)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        playbooks = self.project.playbooks_dir.resolve()
        for file in list(files):
            # Playbook sources are templates: only their rendered form is published.
            if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(playbooks):
                files.remove(file)
        in_nav = self.tree.nav_paths()
        for path, text in self.tree.pages.items():
            # Pages reached through the portfolio, not the nav: say so, or MkDocs
            # lists every account as "not included in the nav" on each build.
            inclusion = InclusionLevel.UNDEFINED if path in in_nav else InclusionLevel.NOT_IN_NAV
            self._add(files, File.generated(config, path, content=text, inclusion=inclusion))
        for path, source in self.tree.assets.items():
            self._add(files, File.generated(config, path, abs_src_path=str(source)))
        return files

    @staticmethod
    def _add(files: Files, file: File) -> None:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            log.warning(f"'{file.src_uri}' in docs_dir is replaced by the page kamgen generates there")
            files.remove(existing)
        files.append(file)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        for path in (self.project.accounts_dir, self.project.team_file, self.project.playbooks_dir):
            if path.exists():
                server.watch(str(path))
        return server
