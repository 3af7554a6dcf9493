"""Command-line overrides of kamgen's options, handed to the MkDocs run as configuration.

MkDocs loads mkdocs.yml itself (once for a build, on every rebuild while
serving); its ``load_config`` takes keyword overrides of any setting. kamgen
passes the site's own ``plugins`` list with the ``kamgen`` entry's options
updated, so ``--audience``/``--today`` reach the plugin as option values, as
if written in mkdocs.yml, and nothing travels through the process environment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from kamgen.errors import ConfigError
from kamgen.mkdocs_yml import PLUGIN


def plugins_with(config_file: Path, overrides: dict[str, object]) -> dict[str, Any]:
    """``load_config`` keyword arguments that apply ``overrides`` to kamgen's options; none when there are none."""
    if not overrides:
        return {}
    with config_file.open("rb") as handle:
        config = yaml_load(handle, loader=get_yaml_loader())
    plugins = (config or {}).get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{name: options} for name, options in plugins.items()]
    updated: list[Any] = []
    found = False
    for entry in plugins:
        if entry == PLUGIN or (isinstance(entry, dict) and PLUGIN in entry):
            found = True
            options = entry[PLUGIN] if isinstance(entry, dict) else None
            entry = {PLUGIN: {**(options or {}), **overrides}}
        updated.append(entry)
    if not found:
        raise ConfigError(f"{config_file}: the kamgen plugin is not enabled (add '- kamgen' under 'plugins:')")
    # Loaded for this run anyway (build, serve); `kamgen check` need not load the plugin.
    from kamgen.plugin.patches import FreshEntries

    return {"plugins": FreshEntries(updated)}
