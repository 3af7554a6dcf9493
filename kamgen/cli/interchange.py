"""``kamgen import`` and ``kamgen export``: click only; the work is in :mod:`kamgen.interchange`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from kamgen.build import pipeline
from kamgen.cli import audience_option, config_option, overrides, reports_errors, today_option
from kamgen.errors import display_path
from kamgen.interchange.deck import SLIDES, write_deck
from kamgen.interchange.importer import ImportOptions, run_import
from kamgen.interchange.mappings import SOURCES
from kamgen.interchange.plain import PlainFacts, gather
from kamgen.interchange.xlsx import write_workbook
from kamgen.mkdocs_yml import load_project


@click.command("import", short_help="Turn a CRM export (CSV or XLSX) into dossiers.")
@config_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--from", "source", type=click.Choice(SOURCES), default="auto", show_default=True,
              help="The CRM the export comes from; auto: recognised by its header.")  # fmt: skip
@click.option("--map", "mapping_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A mapping.yaml naming the columns of any other CRM (see docs/import-export.md).")  # fmt: skip
@click.option("--owner", default=None, metavar="ID",
              help="Owner (a team.yaml id) of companies whose owner the export does not give.")  # fmt: skip
@click.option("--dry-run", is_flag=True, help="Print the changes as a diff; write nothing.")
@today_option
@reports_errors
def import_command(
    config_file: Path, file: Path, source: str, mapping_file: Path | None, owner: str | None, dry_run: bool, today: Any
) -> None:
    """Turn a CRM export (CSV or XLSX) into dossiers; re-importing merges and keeps hand edits.

    Exit code: 0 imported, 1 invalid team.yaml, 2 a problem in the file (all listed as file:row:column).
    """
    project = load_project(config_file)
    options = ImportOptions(source, mapping_file, owner, dry_run)
    result = run_import(project, file, options, today.date() if today else date.today())
    for warning in result.warnings:
        click.echo(str(warning), err=True)
    if dry_run:
        click.echo(result.diff(Path.cwd()), nl=False)
    changed = [c for c in result.changes if c.changed]
    created = sum(c.before is None for c in changed)
    click.echo(
        f"{'Would import' if dry_run else 'Imported'} {result.companies} compan"
        f"{'y' if result.companies == 1 else 'ies'} and {result.contacts} contacts from "
        f"{display_path(file, Path.cwd())} ({result.mapping}, {result.encoding}): "
        f"{created} new, {len(changed) - created} updated, {len(result.changes) - len(changed)} unchanged dossiers",
        err=dry_run,
    )
    for change in changed:
        verb = "new" if change.before is None else "updated"
        detail = f" ({change.added} contacts added, {change.updated} updated)" if change.before else ""
        click.echo(f"  {verb}: {display_path(change.path, Path.cwd())}{detail}", err=dry_run)


@click.group(short_help="Write a QBR deck or a portfolio workbook.")
def export() -> None:
    """Write the plans into files for the meeting room: a QBR deck, a portfolio workbook."""


def _facts(config_file: Path, options: dict[str, object]) -> PlainFacts:
    project = load_project(config_file, options)
    return gather(project, pipeline.load(project))


@export.command("pptx")
@config_option
@click.argument("account_id", metavar="ACCOUNT")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The deck to write, e.g. deck.pptx.")  # fmt: skip
@click.option("--template", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A .pptx whose slide master and layouts the deck uses (its own slides are left out).")  # fmt: skip
@audience_option
@today_option
@reports_errors
def export_pptx(
    config_file: Path, account_id: str, output: Path, template: Path | None, audience: str | None, today: Any
) -> None:
    """A QBR deck of ACCOUNT (its id): key figures, stakeholder map, comb, decision process, risks, open actions."""
    facts = _facts(config_file, overrides(audience, today))
    write_deck(facts, account_id, output, template)
    click.echo(f"Wrote {display_path(output, Path.cwd())} ({len(SLIDES)} slides)")


@export.command("xlsx")
@config_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The workbook to write, e.g. portfolio.xlsx.")  # fmt: skip
@audience_option
@today_option
@reports_errors
def export_xlsx(config_file: Path, output: Path, audience: str | None, today: Any) -> None:
    """The portfolio table, the alerts and each person's worklist as sheets, with filters and frozen headers."""
    facts = _facts(config_file, overrides(audience, today))
    write_workbook(facts, output)
    click.echo(f"Wrote {display_path(output, Path.cwd())} ({len(facts.portfolio.team) + 2} sheets)")


def register(cli: click.Group) -> None:
    cli.add_command(import_command)
    cli.add_command(export)
