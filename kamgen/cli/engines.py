"""``kamgen build --engine properdocs|zensical``: the same site built by MkDocs' successors.

- ProperDocs (the MkDocs 1.6 fork) runs kamgen's plugin: the build command runs
  again in a child process that first loads ``properdocs.replacement``, which
  makes every ``mkdocs.*`` import (kamgen's plugin, Material's) ProperDocs'.
  It must be installed beside kamgen (``pip install properdocs``).
- Zensical runs no plugins: kamgen writes the generated tree
  (:mod:`kamgen.build.zensical`), then runs ``zensical build`` on it.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

from kamgen.build import output_dir, pipeline
from kamgen.build.zensical import CONFIG
from kamgen.config import Project
from kamgen.errors import BuildError, ConfigError

ENGINES = ("mkdocs", "properdocs", "zensical")


def properdocs_command(arguments: list[str]) -> list[str]:
    """The command that runs ``kamgen <arguments>`` on ProperDocs; a one-line error when it is not installed."""
    if importlib.util.find_spec("properdocs") is None:
        raise ConfigError("--engine properdocs: ProperDocs is not installed here (pip install properdocs)")
    return [sys.executable, "-m", "kamgen.cli.on_properdocs", *arguments]


def run_properdocs(arguments: list[str]) -> int:
    """Run ``kamgen <arguments>`` on ProperDocs; its output is the user's; returns its exit code."""
    return subprocess.run(properdocs_command(arguments), check=False).returncode


def zensical_executable() -> str | None:
    """The zensical command: on PATH, or beside this Python (a virtual environment used without activating it)."""
    beside = Path(sys.executable).parent / "zensical"
    return shutil.which("zensical") or (str(beside) if beside.is_file() else None)


def zensical_or_fail() -> str:
    found = zensical_executable()
    if found is None:
        raise ConfigError("--engine zensical: the 'zensical' command is not on PATH (pip install zensical)")
    return found


def build_zensical(project: Project, site_dir: Path | None) -> Path:
    """Generate the tree, run ``zensical build`` on it, and put its site in place of the old one."""
    executable = zensical_or_fail()
    protected = output_dir.Protected.of_project(project)
    if site_dir is not None:
        target = output_dir.check(site_dir, protected, option="-d")
    else:
        target = output_dir.check(_site_dir(project), protected, option="site_dir:", base=project.root)
    with pipeline.staged(target) as staging:
        tree = staging / "tree"
        pipeline.write_standalone(project, project.config_file, tree, engine="zensical")
        done = subprocess.run(
            [executable, "build", "--clean", "-f", str(tree / CONFIG)], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
            raise BuildError(f"Zensical could not build the site: {last}")
        for item in (tree / "site").iterdir():
            item.rename(staging / item.name)
        shutil.rmtree(tree)
        output_dir.mark(staging)
    return target


def _site_dir(project: Project) -> str:
    from kamgen.mkdocs_yml import site_dir_of

    return site_dir_of(project.config_file)
