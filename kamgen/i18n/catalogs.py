"""Keep the label catalogues in step with the sources (a tool for kamgen's developers).

``python -m kamgen.i18n update`` does what these pybabel commands would, with
the mapping declared in ``[tool.babel]`` of pyproject.toml (Jinja's extractor
for the templates, Python's for the code)::

    pybabel extract -F pyproject.toml --ignore-dirs '.* __pycache__' -o kamgen/locale/kamgen.pot kamgen playbooks theme
    pybabel update -i kamgen/locale/kamgen.pot -d kamgen/locale -D kamgen   # init for a new language

but only rewrites a file when its messages changed (pybabel would stamp a new
date into every file on every run), drops obsolete entries (git keeps them),
and starts a catalogue for any language in ``LANGUAGES`` that has none yet.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from kamgen.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, SOURCE_LANGUAGE, po_file

SOURCE_ROOT = LOCALE_DIR.parent.parent  # the checkout holding pyproject.toml and kamgen/
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
# Folders starting with "_" hold templates (_kamgen/): pybabel skips them unless told otherwise.
IGNORE_DIRS = ".* __pycache__"
# kamgen's code and templates, and the example site's playbooks and theme, which use kamgen's labels.
SOURCES = ("kamgen", "playbooks", "theme")
_DATE_HEADERS = ('"POT-Creation-Date:', '"PO-Revision-Date:')
HEADER = "# %s labels of kamgen's sites. Refresh with: python -m kamgen.i18n update (see README, Languages).\n#"
_NAMED = re.compile(r"%\((\w+)\)s")


@dataclass
class Report:
    """What ``update`` changed, per language."""

    labels: int = 0
    written: list[Path] = field(default_factory=list)
    untranslated: dict[str, list[str]] = field(default_factory=dict)


def extract() -> Catalog:
    """Every label in the sources now, extracted by pybabel with the mapping in pyproject.toml."""
    if not (SOURCE_ROOT / "pyproject.toml").is_file():
        raise RuntimeError(f"{SOURCE_ROOT}: not a kamgen source checkout (pyproject.toml is missing)")
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / f"{DOMAIN}.pot"
        command = [
            *(sys.executable, "-m", "babel.messages.frontend", "--quiet", "extract"),
            *("--mapping-file", "pyproject.toml", "--ignore-dirs", IGNORE_DIRS, "--add-location", "file"),
            *("--project", "kamgen", "--header-comment", HEADER % "Template of the", "--sort-by-file"),
            *("--output-file", str(output), *SOURCES),
        ]
        run = subprocess.run(command, cwd=SOURCE_ROOT, capture_output=True, text=True, check=False)
        if run.returncode != 0:
            raise RuntimeError(f"pybabel extract failed:\n{run.stderr.strip()}")
        with output.open("rb") as source:
            return read_po(source)


def problems(catalog: Catalog, template: Catalog) -> list[str]:
    """Labels of ``template`` that ``catalog`` does not translate (or translates with wrong placeholders)."""
    found: list[str] = []
    for message in template:
        if not message.id:
            continue  # the header
        translated = catalog.get(message.id)
        if translated is None or translated.fuzzy or not _complete(translated):
            state = "fuzzy" if translated is not None and translated.fuzzy else "untranslated"
            found.append(f"{_msgid(message)} ({state})")
            continue
        wanted = _placeholders(message.id)
        for form in _strings(translated.string):
            if _placeholders(form) != wanted:
                found.append(
                    f"{_msgid(message)} (placeholders {sorted(_placeholders(form))} instead of {sorted(wanted)})"
                )
    return found


def load(language: str) -> Catalog:
    with po_file(language).open("rb") as source:
        return read_po(source, locale=language, domain=DOMAIN)


def update() -> Report:
    """Re-extract the labels, write the template and merge it into every language's catalogue."""
    template = extract()
    report = Report(labels=sum(1 for m in template if m.id))
    if _write(TEMPLATE, template, locations=True):
        report.written.append(TEMPLATE)
    for language in LANGUAGES:
        if language == SOURCE_LANGUAGE:
            continue
        path = po_file(language)
        if path.is_file():
            catalog = load(language)
        else:
            header = HEADER % Locale.parse(language).english_name
            catalog = Catalog(locale=language, domain=DOMAIN, header_comment=header, project="kamgen", fuzzy=False)
        catalog.update(template)
        if _write(path, catalog, locations=True):
            report.written.append(path)
        report.untranslated[language] = problems(catalog, template)
    return report


def _strings(value: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, tuple | list) else (value or "",)


def _complete(message: Message) -> bool:
    return all(_strings(message.string))


def _placeholders(value: str | tuple[str, ...] | list[str] | None) -> set[str]:
    """The ``%(name)s`` values a label is rendered with (plural forms: those of the plural).

    Only named placeholders count: kamgen renders labels with them alone, so Babel's own
    check, which also reads "80% of" as a placeholder, would raise false alarms.
    """
    return set(_NAMED.findall(_strings(value)[-1]))


def _msgid(message: Message) -> str:
    return repr(message.id[0] if isinstance(message.id, tuple | list) else message.id)


def _write(path: Path, catalog: Catalog, *, locations: bool) -> bool:
    """Write the catalogue unless only its date headers would change; True when written."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, ignore_obsolete=True, include_lineno=False, no_location=not locations)
    text = buffer.getvalue().decode("utf-8")
    if path.is_file() and _without_dates(path.read_text(encoding="utf-8")) == _without_dates(text):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def _without_dates(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith(_DATE_HEADERS)]
