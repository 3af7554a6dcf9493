"""The ``kamgen`` command: click only; every command calls the engine or MkDocs."""

from __future__ import annotations

import dataclasses
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from kamgen.build import output_dir, pipeline
from kamgen.cli import engines, faults, report, scaffold
from kamgen.cli.check import run_check
from kamgen.cli.mkdocs_options import plugins_with
from kamgen.config import Environment, Project
from kamgen.data import schema
from kamgen.data.load import Portfolio
from kamgen.errors import BuildError, DataError, KamgenError, Severity, display_path
from kamgen.mkdocs_yml import load_project, site_dir_of

F = TypeVar("F", bound=Callable[..., Any])

config_option = click.option(
    "-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path), default="mkdocs.yml",
    show_default=True, help="The site's mkdocs.yml.",
)  # fmt: skip
audience_option = click.option(
    "--audience", type=click.Choice(["internal", "restricted"]), default=None,
    help="Build for this audience (default: the plugin option, else internal).",
)  # fmt: skip
engine_option = click.option(
    "--engine", type=click.Choice(engines.ENGINES), default="mkdocs", show_default=True,
    help="What builds the site: MkDocs, ProperDocs (its fork) or Zensical (see docs/guides/engines.md).",
)  # fmt: skip
today_option = click.option(
    "--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
    help="Judge plans as of this date (YYYY-MM-DD) instead of the real today.",
)  # fmt: skip


def reports_errors(command: F) -> F:
    """Print a KamgenError, or a fault of the machine, as the user should see it and exit with its code.

    SIGTERM (CI cancelling a job, ``kill``) ends the command like Ctrl-C, so
    every ``finally`` runs and no temporary folder is left behind.
    """

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with terminated_as_interrupt():
                return command(*args, **kwargs)
        except KamgenError as exc:
            click.echo(f"Error: {exc}" if not isinstance(exc, DataError) else str(exc), err=True)
            sys.exit(exc.exit_code)
        except Terminated:
            click.echo("Stopped; the site folder was left as it was.", err=True)
            sys.exit(128 + signal.SIGTERM)
        except KeyboardInterrupt:
            click.echo("Interrupted; the site folder was left as it was.", err=True)
            sys.exit(130)
        except OSError as exc:
            click.echo(f"Error: {faults.os_error(exc)}", err=True)
            sys.exit(2)
        except RecursionError:
            click.echo(f"Error: {faults.RECURSION}", err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, so that it unwinds as after Ctrl-C."""


@contextmanager
def terminated_as_interrupt() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    main = os.getpid()

    def handler(signum: int, frame: object) -> None:
        if os.getpid() != main:  # a forked worker, stopped by its pool: end quietly, as by default
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
            return
        raise Terminated

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def overrides(audience: str | None, today: Any) -> dict[str, object]:
    """--audience/--today as kamgen option values (they win over mkdocs.yml and the environment)."""
    values = {"audience": audience, "today": today.date().isoformat() if today else None}
    return {key: value for key, value in values.items() if value}


def checked_project(config_file: Path, options: dict[str, object], *, strict: bool) -> tuple[Project, Portfolio]:
    """Load and validate everything and render it in memory; print warnings."""
    project = load_project(config_file, options)
    portfolio, _ = pipeline.prepare(project)
    for warning in portfolio.warnings:
        click.echo(str(warning), err=True)
    if strict and portfolio.warnings:
        raise DataError([dataclasses.replace(w, severity=Severity.ERROR) for w in portfolio.warnings])
    return project, portfolio


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kamgen")
def cli() -> None:
    """kamgen: key account plans from YAML dossiers, published as an intranet site."""


@cli.command(short_help="Check dossiers, roster and playbooks; build nothing.")
@config_option
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@reports_errors
@click.option("--strict", is_flag=True, help="Treat warnings (e.g. unknown fields) as errors.")
@click.option(
    "--format", "output_format", type=click.Choice(report.FORMATS), default="auto", show_default=True,
    help="text; json (for tools); github (annotations on the pull request). auto: github inside GitHub Actions.",
)  # fmt: skip
@audience_option
@today_option
def check(
    config_file: Path, paths: tuple[Path, ...], strict: bool, output_format: str, audience: str | None, today: Any
) -> None:
    """Validate the dossiers, the roster and the playbooks without building.

    With PATHS (dossiers), only those files are checked, against team.yaml;
    a roster, playbook or mkdocs.yml among them means the whole site.
    Exit code: 0 ok, 1 data errors, 2 usage or configuration error.
    """
    result = run_check(config_file, paths, strict=strict, overrides=overrides(audience, today))
    environment = Environment.read()
    fmt = report.resolve_format(output_format, environment)
    workspace = environment.github_workspace or Path.cwd()
    output = report.output_for(result, fmt, root=config_file.resolve().parent, workspace=workspace)
    for line in output.stdout:
        click.echo(line)
    for line in output.stderr:
        click.echo(line, err=True)
    sys.exit(result.exit_code)


@cli.command("schema", short_help="Print the JSON Schema editors use for completion.")
@click.option("--kind", type=click.Choice(sorted(schema.KINDS)), default="account", show_default=True,
              help="account: accounts/<id>.yaml; team: team.yaml.")  # fmt: skip
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of printing.")  # fmt: skip
@reports_errors
def schema_command(kind: str, output: Path | None) -> None:
    """Print the JSON Schema of a dossier or the roster, for editors' completion and checks."""
    text = schema.schema_text(kind)
    if output is None:
        click.echo(text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    click.echo(f"Wrote {output}")


@cli.group(short_help="Create a new file from a commented skeleton.")
def new() -> None:
    """Create a new file from a commented skeleton."""


@new.command("account", short_help="Write accounts/ID.yaml, ready to fill in.")
@config_option
@click.argument("account_id", metavar="ID")
@click.option("--name", default=None, help="The client's name (default: from the id).")
@click.option("--owner", default=None, help="The key account manager's id in team.yaml (default: the first person).")
@click.option(
    "--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
    help="The date the skeleton's examples use (a last contact and a meeting on it, an action due two weeks "
    "later), YYYY-MM-DD; default: the site's `today` option, else the real today.",
)  # fmt: skip
@reports_errors
def new_account(config_file: Path, account_id: str, name: str | None, owner: str | None, today: Any) -> None:
    """Write accounts/ID.yaml: a skeleton that passes `kamgen check`; never overwrites."""
    project = load_project(config_file, overrides(None, today))
    path = scaffold.new_account(project, account_id, name=name, owner=owner)
    click.echo(f"Created {display_path(path, Path.cwd())}: fill it in, then run kamgen check")


@cli.command(short_help="Create a new site repository.")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--site-name", default="Key accounts", show_default=True, help="The site's title.")
@click.option(
    "--kamgen", "kamgen_source", metavar="SOURCE", default=None,
    help="Where the site's requirements.txt installs kamgen from: a git URL (git+https://…@v0.1.0), "
    "a wheel's URL or a folder (default: where this kamgen was installed from).",
)  # fmt: skip
@reports_errors
def init(directory: Path, site_name: str, kamgen_source: str | None) -> None:
    """Create a new site repository: mkdocs.yml, team.yaml, accounts/, playbooks/, schemas, CI."""
    written = scaffold.init_site(directory, site_name=site_name, kamgen_source=kamgen_source)
    click.echo(f"Created a kamgen site in {directory} ({len(written)} files). Next:")
    click.echo(f"  cd {directory} && git init && kamgen serve")
    line = scaffold.requirement(kamgen_source)
    if "file:" in line:
        click.echo(
            f"requirements.txt installs kamgen from this machine ({line.split(' @ ')[1]}): before you push, "
            "point it at your git repository or a wheel you host (its comments show how)."
        )


@cli.command(short_help="Write the site as Markdown for plain mkdocs.")
@config_option
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Folder to write docs/ and mkdocs.yml into.")  # fmt: skip
@audience_option
@today_option
@engine_option
@reports_errors
def generate(config_file: Path, output: Path, audience: str | None, today: Any, engine: str) -> None:
    """Write the generated Markdown site to a folder that plain `mkdocs build` (or `zensical build`) can build."""
    project, _ = checked_project(config_file, overrides(audience, today), strict=False)
    tree = pipeline.write_standalone(
        project, config_file, output, engine="zensical" if engine == "zensical" else "mkdocs"
    )
    command = (
        f"zensical build -f {output / 'zensical.toml'}"
        if engine == "zensical"
        else (f"{engine} build -f {output / 'mkdocs.yml'}")
    )
    click.echo(f"Wrote {len(tree.pages)} pages to {output / 'docs'}; build with: {command}")


@cli.command(short_help="Check everything, then build the site.")
@config_option
@click.option("-d", "--site-dir", type=click.Path(path_type=Path), default=None,
              help="Where to write the site (default: site_dir of mkdocs.yml).")  # fmt: skip
@click.option("--strict", is_flag=True, help="Fail on any warning, kamgen's or MkDocs'.")
@audience_option
@today_option
@engine_option
@reports_errors
def build(
    config_file: Path, site_dir: Path | None, strict: bool, audience: str | None, today: Any, engine: str
) -> None:
    """Check everything, then build the site; the old site is replaced only on success."""
    options = overrides(audience, today)
    if engine == "properdocs":  # the same command, in a process where ProperDocs stands in for MkDocs
        arguments = ["build", "-f", str(config_file), *(["-d", str(site_dir)] if site_dir else [])]
        arguments += ["--strict"] * strict + [f"--{name}={value}" for name, value in options.items()]
        sys.exit(engines.run_properdocs(arguments))
    project, _ = checked_project(config_file, options, strict=strict)
    if engine == "zensical":
        target = engines.build_zensical(project, site_dir)
    else:
        target = _build_site(project, config_file, site_dir, strict, options)
    click.echo(f"Site written to {target}")


def _build_site(
    project: Project, config_file: Path, site_dir: Path | None, strict: bool, options: dict[str, object]
) -> Path:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _mkdocs_logging()
    protected = output_dir.Protected.of_project(project)
    # Before MkDocs or anything else writes beside it: the folder must be kamgen's to replace.
    if site_dir is not None:
        target = output_dir.check(site_dir, protected, option="-d")
    else:
        target = output_dir.check(site_dir_of(config_file), protected, option="site_dir:", base=project.root)
    try:
        with pipeline.staged(target) as staging:
            config = load_config(
                str(config_file), strict=strict, site_dir=str(staging), **plugins_with(config_file, options)
            )
            # As `mkdocs build` does: plugins learn this is a build, not a serve.
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
    except (MkDocsException, SystemExit) as exc:
        raise BuildError(f"MkDocs could not build the site: {exc}") from None
    return target


def _mkdocs_logging() -> None:
    # kamgen pins mkdocs<2 and knows Material's end-of-life date; keep builds quiet.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "kamgen", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler.kamgen = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


@cli.command(short_help="Preview the site; it reloads as you save.")
@config_option
@click.option("-a", "--dev-addr", default=None, metavar="IP:PORT", help="Address to serve on (default 127.0.0.1:8000).")
@audience_option
@today_option
@reports_errors
def serve(config_file: Path, dev_addr: str | None, audience: str | None, today: Any) -> None:
    """Preview the site; it rebuilds when a dossier, playbook or team.yaml changes."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    options = overrides(audience, today)
    checked_project(config_file, options, strict=False)
    _mkdocs_logging()
    # "dirty": MkDocs keeps the pages it wrote; the plugin says which ones changed (kamgen.build.serving).
    mkdocs_serve(
        str(config_file), dev_addr=dev_addr, livereload=True, build_type="dirty", **plugins_with(config_file, options)
    )


# Command groups in modules of their own; imported here, after the options they share are defined.
from kamgen.cli import interchange  # noqa: E402

interchange.register(cli)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
