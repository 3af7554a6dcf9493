"""The engine's public entry points: load → validate → model → docs tree.

The CLI, the MkDocs plugin and the tests all call these; none of them
imports MkDocs.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kamgen.build import output_dir, zensical
from kamgen.config import KamgenOptions, Project
from kamgen.data.cache import DossierCache
from kamgen.data.load import Portfolio, load_portfolio
from kamgen.mkdocs_yml import standalone_config
from kamgen.render.site import DocsTree, generate_docs

GENERATED_MARKER = output_dir.MARKER
# Theme and docs_dir files MkDocs reads into memory (others it copies as they are).
TEXT_SUFFIXES = frozenset({".html", ".md", ".yml", ".yaml", ".css", ".js", ".json", ".txt", ".svg", ".xml"})


def load(project: Project, cache: DossierCache | None = None) -> Portfolio:
    """Read and validate every input; raises DataError listing all problems.

    ``cache``: one kept between runs (``kamgen serve``); by default the one on disk.
    """
    check_site_files(project)
    if cache is None and project.environment.cache_dir is not None:
        cache = DossierCache(project.root, project.environment.cache_dir)
    return load_portfolio(project.team_file, project.accounts_dir, project.root, cache=cache, inputs=project.inputs)


def check_site_files(project: Project) -> None:
    """The theme and docs_dir files MkDocs reads or copies: inside the project and regular files.

    MkDocs reads them itself, unbounded, so kamgen checks them first; a copied image has no size limit.
    (The playbooks folder is checked as it is read.) Raises :class:`InputFileError`.
    """
    inputs = project.inputs
    playbooks = project.playbooks_dir.resolve()
    for folder in (project.theme_dir, project.docs_dir):
        if folder is not None and folder.resolve() != playbooks:
            for path in inputs.files_under(folder, hidden=True):  # MkDocs' Jinja may include any theme file
                if path.suffix in TEXT_SUFFIXES:  # read whole by MkDocs: bounded like kamgen's own reads
                    inputs.check(path, sized=True)


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


def write_standalone(project: Project, config_file: Path, out_dir: Path, engine: str = "mkdocs") -> DocsTree:
    """Write ``out_dir/docs`` and ``out_dir/mkdocs.yml`` that plain ``mkdocs build`` can build.

    ``engine="zensical"``: ``out_dir/zensical.toml`` and a theme override Zensical
    renders instead (see :mod:`kamgen.build.zensical`).

    The folder is replaced as a whole, and only if it is empty or was written by
    an earlier ``kamgen generate``: nothing else is ever deleted.
    """
    out_dir = output_dir.check(out_dir, output_dir.Protected.of_project(project), option="-o")
    prepared = take_prepared(project)
    tree = prepared[1] if prepared else generate(project)
    with staged(out_dir) as staging:
        tree.write(staging / "docs")
        if engine == "zensical":
            text = zensical.zensical_config(project, tree.nav, tree.extra_css)
            (staging / zensical.CONFIG).write_text(text, encoding="utf-8")
            zensical.write_overrides(staging)
        else:
            text = standalone_config(config_file, tree.nav, tree.extra_css, project.options)
            (staging / "mkdocs.yml").write_text(text, encoding="utf-8")
        output_dir.mark(staging)
    return tree


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A new empty folder beside ``target`` to write into; it replaces ``target`` when the block succeeds.

    Whatever happens, no temporary folder is left behind (but after SIGKILL).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        yield staging
        output_dir.publishable_mode(staging)
        replace_dir(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def replace_dir(new: Path, target: Path) -> None:
    """Put ``new`` in place of ``target``; the old content is removed only afterwards.

    ``target`` must be kamgen's own (see :mod:`kamgen.build.output_dir`): anything else is refused.
    """
    output_dir.check(target, None, option="site folder")
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    try:
        new.rename(target)
    except BaseException:
        if old.exists():
            old.rename(target)  # put the previous site back
        raise
    shutil.rmtree(old, ignore_errors=True)
