"""The site's own labels in English, Russian and Ukrainian: gettext catalogues read with Babel.

Labels are written in English, as gettext message ids: ``{{ _("Tier") }}`` in
templates, ``N_("Executive")`` in Python. Their translations live in
``kamgen/locale/<language>/LC_MESSAGES/kamgen.po`` and are refreshed with
``python -m kamgen.i18n update`` (see :mod:`kamgen.i18n.catalogs`).

A build reads the ``.po`` file directly and compiles it in memory. There is no
``.mo`` in git and no compile step in packaging: a ``.po`` edited by a
translator is what the next build shows, and the few hundred labels compile in
milliseconds.
"""

from __future__ import annotations

import gettext
import io
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from kamgen.errors import ConfigError

DOMAIN = "kamgen"
SOURCE_LANGUAGE = "en"  # the message ids themselves: needs no catalogue
LANGUAGES = ("en", "ru", "uk")
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def N_(message: str) -> str:  # noqa: N802 - the gettext convention extractors look for
    """Mark a label for extraction where it is declared; it is translated where it is shown."""
    return message


def po_file(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def check_language(language: str) -> str:
    """``language`` if kamgen has labels in it; otherwise a ConfigError naming the ones it has."""
    if language not in LANGUAGES:
        raise ConfigError(
            f"mkdocs.yml: theme.language: kamgen has no labels in '{language}' "
            f"(choose one of: {', '.join(LANGUAGES)}; see 'Languages' in docs/guides/playbook-authors.md to add one)"
        )
    return language


@lru_cache(maxsize=len(LANGUAGES))
def translations(language: str) -> gettext.NullTranslations:
    """The labels of one site language (English: the message ids unchanged)."""
    if check_language(language) == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    with po_file(language).open("rb") as source:
        catalog = read_po(source, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out: unreviewed text stays English
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)
