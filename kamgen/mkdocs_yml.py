"""Read a site's mkdocs.yml without MkDocs: kamgen's options, language, and a
standalone copy for ``kamgen generate``.

mkdocs.yml may hold Python tags (``!!python/name:…``) for Markdown
extensions; they are kept opaque here, never executed, and written back as
they were.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kamgen.config import Environment, KamgenOptions, Project, parse_options
from kamgen.data.safe_read import Inputs
from kamgen.data.yamlsource import YamlFileError, load_mapping
from kamgen.errors import ConfigError

PLUGIN = "kamgen"


class Tagged:
    """A YAML node with a tag kamgen does not interpret, kept to be written back."""

    def __init__(self, tag: str, node_value: Any, style: str) -> None:
        self.tag = tag
        self.value = node_value
        self.style = style


class _TolerantLoader(yaml.CSafeLoader):
    pass


class _TolerantDumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        return Tagged(node.tag, loader.construct_scalar(node), "scalar")
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True), "sequence")
    assert isinstance(node, yaml.MappingNode)
    return Tagged(node.tag, loader.construct_mapping(node, deep=True), "mapping")


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if data.style == "scalar":
        return dumper.represent_scalar(data.tag, data.value)
    if data.style == "sequence":
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_mapping(data.tag, data.value)


_TolerantLoader.add_multi_constructor("!", _construct_tagged)
_TolerantLoader.add_multi_constructor("tag:", _construct_tagged)
_TolerantDumper.add_representer(Tagged, _represent_tagged)


def read_mkdocs_yml(config_file: Path) -> dict[str, Any]:
    if not config_file.exists() and not config_file.is_symlink():
        raise ConfigError(f"{config_file}: no such file (run kamgen in the site's folder or pass -f mkdocs.yml)")
    # Before the options are known: the default size limit, the mkdocs.yml folder as the project.
    text = Inputs.of(config_file.absolute().parent).read_text(config_file)
    try:
        return load_mapping(text, _TolerantLoader)
    except YamlFileError as exc:
        raise ConfigError(f"{config_file}: {exc.message}") from None


def plugin_options(config: dict[str, Any]) -> dict[str, Any] | None:
    """The ``kamgen`` entry of ``plugins`` (list or mapping form); None when absent."""
    plugins = config.get("plugins") or []
    entries = (
        plugins.items()
        if isinstance(plugins, dict)
        else (next(iter(p.items())) if isinstance(p, dict) else (p, None) for p in plugins)
    )
    for name, options in entries:
        if name == PLUGIN:
            return dict(options or {})
    return None


def load_project(config_file: Path, overrides: dict[str, object] | None = None) -> Project:
    """The site of ``config_file``, with ``overrides`` (from the command line) over the environment's."""
    environment = Environment.read()
    config = read_mkdocs_yml(config_file)
    raw = plugin_options(config)
    if raw is None:
        raise ConfigError(f"{config_file}: the kamgen plugin is not enabled (add '- kamgen' under 'plugins:')")
    theme = config.get("theme") or {}
    language = theme.get("language", "en") if isinstance(theme, dict) else "en"
    root = config_file.parent.resolve()
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    return Project(
        root,
        parse_options(raw, str(config_file), {**environment.overrides, **(overrides or {})}),
        language=str(language),
        site_name=str(config.get("site_name", "")),
        environment=environment,
        theme_dir=root / str(custom_dir) if custom_dir else None,
        docs_dir=root / str(config.get("docs_dir") or "docs"),
        config_file=config_file.absolute(),
        directory_urls=config.get("use_directory_urls", True) is not False,
    )


def site_dir_of(config_file: Path) -> str:
    """``site_dir`` of mkdocs.yml as written (MkDocs reads it relative to the file's folder; default ``site``)."""
    value = read_mkdocs_yml(config_file).get("site_dir", "site")
    return "" if value is None else str(value)


def standalone_config(config_file: Path, nav: list[Any], extra_css: list[str], options: KamgenOptions) -> str:
    """mkdocs.yml for a generated docs folder: same site, no kamgen plugin, explicit nav."""
    config = read_mkdocs_yml(config_file)
    root = config_file.parent.resolve()
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        config["plugins"] = {k: v for k, v in plugins.items() if k != PLUGIN}
    else:
        config["plugins"] = [p for p in plugins if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["nav"] = nav
    config["extra_css"] = [*(config.get("extra_css") or []), *extra_css]
    config.pop("watch", None)
    header = (
        "# Generated by 'kamgen generate' from "
        f"{config_file.name} (audience: {options.audience}); build with: mkdocs build -f <this file>\n"
    )
    return header + dump_mkdocs_yml(config)


def dump_mkdocs_yml(config: dict[str, Any]) -> str:
    """mkdocs.yml text for ``config``, with tags kamgen kept opaque written back as they were."""
    return yaml.dump(config, Dumper=_TolerantDumper, allow_unicode=True, sort_keys=False)
