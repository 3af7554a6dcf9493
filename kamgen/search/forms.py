"""The forms a word is indexed and searched by — the one specification that the
site build (this module) and the browser (``kamgen/assets/search/build/forms.mjs``,
bundled into ``search-forms.js``) both follow, so that the forms of the index
and of a query cannot drift apart. ``tests/search/test_search_forms.py`` runs a word
list through both and compares.

A word is a run of letters and digits, with apostrophes inside (Ukrainian
"п'ять"). Its forms are, in this order:

1. the word in lower case, ``ё`` as ``е``, typographic apostrophes as ``'``,
   accents dropped from Latin letters ("Müller" → "muller");
2. its stems: English for a Latin word; Russian AND Ukrainian for a Cyrillic
   one (a word's language cannot be told from its letters alone, and the
   portfolio mixes both).

Stemmers, Python side → browser side, same algorithm and version:

- English, Russian: Snowball 3.1.1 — ``snowballstemmer`` here; in the browser
  the JavaScript that the Snowball 3.1.1 compiler generates from the same
  ``.sbl`` files (``build/vendor/snowball/``);
- Ukrainian: :mod:`kamgen.search.ukrainian` here, ``build/ukrainian.mjs`` there.

:func:`latin` writes a Cyrillic word in Latin letters (Russian and Ukrainian
rules, from ``spec.json``), so that "Kuznetsova" finds "Кузнецова" and
"Мельник" finds "Melnyk".
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

import snowballstemmer

from kamgen.search import ukrainian

# Letters (\p{L}) and digits (\p{N}), as the browser's /[\p{L}\p{N}]+…/u.
WORD = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*")
_CYRILLIC = re.compile("[\u0400-\u04ff\u0500-\u052f\u2de0-\u2dff\ua640-\ua69f\u1c80-\u1c8f]")
_SPEC: dict[str, Any] = json.loads((Path(__file__).with_name("spec.json")).read_text(encoding="utf-8"))
_ENGLISH = snowballstemmer.stemmer("english")
_RUSSIAN = snowballstemmer.stemmer("russian")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def is_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


def is_latin(text: str) -> bool:
    return any(_is_latin_letter(ch) for ch in text)


def _is_latin_letter(ch: str) -> bool:
    # \p{Script=Latin}: the ASCII letters and the Latin blocks' letters.
    return ch.isalpha() and (ch.isascii() or "LATIN" in unicodedata.name(ch, ""))


def plain(word: str) -> str:
    """The first form of ``word`` (see the module's doc)."""
    text = word.lower().replace("’", "'").replace("ʼ", "'").replace("ё", "е")
    if is_latin(text):
        text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.category(ch).startswith("M"))
    return text


@lru_cache(maxsize=200_000)
def forms(word: str) -> tuple[str, ...]:
    """Every form of ``word``: :func:`plain` first, then its stems (no form twice, none empty)."""
    first = plain(word)
    found = [first]
    if is_cyrillic(first):
        found += [_RUSSIAN.stemWord(first), ukrainian.stem(first)]
    elif is_latin(first):
        found.append(_ENGLISH.stemWord(first))
    return tuple(form for form in dict.fromkeys(found) if form)


@lru_cache(maxsize=200_000)
def latin(form: str) -> tuple[str, ...]:
    """A plain Cyrillic form written in Latin letters: the Russian, passport and
    Ukrainian ways that differ (a word with letters only one alphabet has gets
    only that one's). Nothing for a word that is not Cyrillic."""
    if not is_cyrillic(form):
        return ()
    found: list[str] = []
    if not any(ch in _SPEC["only_uk"] for ch in form):
        found.append(_romanise(form, _SPEC["ru"], {}, {}))
        found.append(_romanise(form, {**_SPEC["ru"], **_SPEC["ru_passport"]}, {}, {}))
    if not any(ch in _SPEC["only_ru"] for ch in form):
        found.append(_romanise(form, _SPEC["uk"], _SPEC["uk_initial"], _SPEC["uk_pairs"]))
    return tuple(text for text in dict.fromkeys(found) if text and not is_cyrillic(text))


def _romanise(form: str, table: dict[str, str], initial: dict[str, str], pairs: dict[str, str]) -> str:
    out: list[str] = []
    i = 0
    while i < len(form):
        pair = form[i : i + 2]
        if pair in pairs:
            out.append(pairs[pair])
            i += 2
            continue
        ch = form[i]
        out.append(initial[ch] if i == 0 and ch in initial else table.get(ch, ch))
        i += 1
    return "".join(out)
