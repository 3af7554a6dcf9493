"""The engine's public entry points: load → validate → model → docs tree.

The CLI, the MkDocs plugin and the tests all call these; none of them
imports MkDocs.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from kamgen.config import KamgenOptions, Project
from kamgen.data.cache import DossierCache
from kamgen.data.load import Portfolio, load_portfolio
from kamgen.errors import ConfigError
from kamgen.project import standalone_config
from kamgen.render.site import DocsTree, generate_docs

GENERATED_MARKER = ".kamgen-generated"


def load(project: Project, cache: DossierCache | None = None) -> Portfolio:
    """Read and validate every input; raises DataError listing all problems.

    ``cache``: one kept between runs (``kamgen serve``); by default the one on disk.
    """
    if cache is None and project.environment.cache_dir is not None:
        cache = DossierCache(project.root, project.environment.cache_dir)
    return load_portfolio(project.team_file, project.accounts_dir, project.root, cache=cache)


def generate(project: Project, portfolio: Portfolio | None = None) -> DocsTree:
    """The whole docs tree for ``project``'s audience."""
    return generate_docs(project, portfolio if portfolio is not None else load(project))


# What `kamgen build` checked, kept for the MkDocs build that follows in the same
# process, so the portfolio is not loaded and rendered twice.
_prepared: dict[tuple[Path, KamgenOptions, str], tuple[Portfolio, DocsTree]] = {}


def _key(project: Project) -> tuple[Path, KamgenOptions, str]:
    return (project.root.resolve(), project.options, project.language)


def prepare(project: Project) -> tuple[Portfolio, DocsTree]:
    """Load and generate ``project``, and keep the result for :func:`take_prepared`."""
    portfolio = load(project)
    tree = generate(project, portfolio)
    _prepared.clear()
    _prepared[_key(project)] = (portfolio, tree)
    return portfolio, tree


def take_prepared(project: Project) -> tuple[Portfolio, DocsTree] | None:
    """The result :func:`prepare` kept for this very project and options (once), if any."""
    return _prepared.pop(_key(project), None)


def write_standalone(project: Project, config_file: Path, out_dir: Path) -> DocsTree:
    """Write ``out_dir/docs`` and ``out_dir/mkdocs.yml`` that plain ``mkdocs build`` can build.

    The folder is replaced as a whole, and only if it is empty or was written by
    an earlier ``kamgen generate``: nothing else is ever deleted.
    """
    prepared = take_prepared(project)
    tree = prepared[1] if prepared else generate(project)
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / GENERATED_MARKER).exists():
        raise ConfigError(
            f"{out_dir}: the folder exists and was not written by 'kamgen generate'; choose an empty or new folder"
        )
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        tree.write(staging / "docs")
        (staging / "mkdocs.yml").write_text(
            standalone_config(config_file, tree.nav, tree.extra_css, project.options), encoding="utf-8"
        )
        (staging / GENERATED_MARKER).write_text("written by kamgen generate\n", encoding="utf-8")
        replace_dir(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return tree


def replace_dir(new: Path, target: Path) -> None:
    """Put ``new`` in place of ``target``; the old content is removed only afterwards."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
