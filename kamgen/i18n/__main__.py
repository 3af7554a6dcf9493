"""``python -m kamgen.i18n update``: refresh the label catalogues; ``check``: list what is untranslated."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

import click

from kamgen.i18n import LANGUAGES, SOURCE_LANGUAGE
from kamgen.i18n.catalogs import SOURCE_ROOT, extract, load, problems, update

T = TypeVar("T")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """kamgen's own labels: extract them and keep kamgen/locale/*/LC_MESSAGES/kamgen.po in step."""


@main.command("update")
def update_command() -> None:
    """Re-extract every label and merge it into each language's catalogue."""
    report = _pybabel(update)
    for path in report.written:
        click.echo(f"updated {path.relative_to(SOURCE_ROOT)}")
    click.echo(f"{report.labels} labels")
    _show(report.untranslated)


@main.command("check")
def check_command() -> None:
    """Exit 1 when a label has no translation in some language."""
    template = _pybabel(extract)
    missing = {lang: problems(load(lang), template) for lang in LANGUAGES if lang != SOURCE_LANGUAGE}
    _show(missing)


def _pybabel(step: Callable[[], T]) -> T:
    """Run a step that calls pybabel; its failure is one line, not a traceback."""
    try:
        return step()
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from None


def _show(missing: dict[str, list[str]]) -> None:
    for language, labels in missing.items():
        if labels:
            click.echo(
                f"{language}: {len(labels)} labels to translate in kamgen/locale/{language}/LC_MESSAGES/kamgen.po"
            )
            for label in labels:
                click.echo(f"  {label}")
    if any(missing.values()):
        sys.exit(1)
    click.echo("every label is translated in " + ", ".join(lang for lang in missing))


if __name__ == "__main__":
    main()
