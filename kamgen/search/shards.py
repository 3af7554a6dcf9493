"""The search index as the browser reads it: shards of word forms, and one small
record file per page, fetched only when a query needs them.

Each search document (a page, or one of its sections) gets the id
``page number << SHIFT | section number`` — the browser tells a section's page
from its id alone. Each word of a document's title and text counts under every
form of the word (:mod:`kamgen.search.forms`), and a capitalised Cyrillic word
(a name) also under its Latin spellings (at TRANSLIT of the weight), so a query
in either script finds it (the browser spells a Cyrillic query in Latin
letters). A posting's weight is BM25 (title words TITLE_BOOST times), times
the page's boost, times the form's rarity, rounded to an integer.

Forms are split into shards by their beginning (:func:`split`): a shard holds
every form that begins with its prefix and with no longer prefix of another
shard, so a query word needs one shard for itself, the words it begins and the
words one typo away (except a typo in the prefix). A form found in a title keeps
all its postings (the exact names: "Client 17" against "Client 170"); a form
found only in text keeps its TEXT_POSTINGS best: a word on every account page
matches them all and would make its shard the size of the site.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from kamgen.search.forms import forms, latin, words
from kamgen.search.page_text import SearchDoc

SHIFT = 7  # sections per page: 2**SHIFT; later sections of a longer page are left out of the index
TITLE_BOOST = 3.0
PAGE_BOOST = 1.5  # a page's own entry against one of its sections
TRANSLIT = 0.5  # a match through another script, against the same word as written
TEXT_POSTINGS = 150
SHARD_BYTES = 24_000  # about, before compression
WEIGHT_SCALE = 4.0
# BM25 (as MiniSearch computes it), with the average lengths of kamgen's titles and texts fixed:
# the index of one page does not depend on the others', so `kamgen serve` analyses a saved page alone.
K1, B, DELTA = 1.2, 0.7, 0.5
AVERAGE_TITLE, AVERAGE_TEXT = 4.0, 40.0


@dataclass
class PageTerms:
    """The forms of one page's documents: parallel arrays, one entry per (section, form)."""

    forms: list[str]
    sections: array[int]
    scores: array[float]  # negative: the form is in the section's title


def analyse(docs: list[SearchDoc], facets: Iterable[str] = ()) -> PageTerms:
    """The forms and BM25 scores (before rarity) of one page's documents; ``facets`` go with the page itself."""
    terms = PageTerms([], array("i"), array("d"))
    for section, doc in enumerate(docs[: 1 << SHIFT]):
        boost = doc.boost * (PAGE_BOOST if section == 0 else 1.0)
        scores = _scores(doc.title, doc.text)
        terms.forms.extend(scores)
        terms.sections.extend([section] * len(scores))
        terms.scores.extend([score * boost for score in scores.values()])
    facets = list(facets)
    terms.forms.extend(facets)
    terms.sections.extend([0] * len(facets))
    terms.scores.extend([-1e-9] * len(facets))  # a filter, not a match: kept whole, weighs the least
    return terms


def _scores(title: str, text: str) -> dict[str, float]:
    """form → score; negative when the form is in the title."""
    found = _field(text, 1.0, AVERAGE_TEXT)
    for form, score in _field(title, TITLE_BOOST, AVERAGE_TITLE).items():
        found[form] = -(found.get(form, 0.0) + score)
    return found


def _field(text: str, boost: float, average: float) -> dict[str, float]:
    counts = Counter(words(text))
    if not counts:
        return {}
    norm = K1 * (1 - B + B * sum(counts.values()) / average)
    native: dict[str, int] = {}
    other: dict[str, int] = {}
    for token, tf in counts.items():
        own, spelled = _terms(token)
        for form in own:
            native[form] = native.get(form, 0) + tf
        for form in spelled:
            other[form] = other.get(form, 0) + tf
    found = {form: boost * (tf * (K1 + 1) / (tf + norm) + DELTA) for form, tf in native.items()}
    for form, tf in other.items():
        if form not in found:
            found[form] = boost * TRANSLIT * (tf * (K1 + 1) / (tf + norm) + DELTA)
    return found


@lru_cache(maxsize=200_000)
def _terms(token: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A word's forms, and its Latin spellings if it is a capitalised Cyrillic word (a name, most
    likely: nobody types a common Russian word in Latin letters, and they would double the index)."""
    own = forms(token)
    spelled = latin(own[0]) if token[:1].isupper() and len(own[0]) >= 3 else ()
    return own, tuple(form for form in spelled if form not in own)


def postings(pages: Iterable[tuple[int, PageTerms]]) -> dict[str, list[float]]:
    """form → [document id, score, document id, score, …] by id; negative scores for title postings."""
    found: dict[str, list[float]] = {}
    for number, terms in pages:
        base = number << SHIFT
        for form, section, score in zip(terms.forms, terms.sections, terms.scores, strict=True):
            entries = found.get(form)
            if entries is None:
                found[form] = [base | section, score]
            else:
                entries.append(base | section)
                entries.append(score)
    return found


def encode(entries: list[float], documents: int) -> str:
    """One form's postings as its shard holds them (JSON): [id, weight, id − previous id, weight, …]."""
    ids = [int(doc) for doc in entries[0::2]]
    scores = entries[1::2]
    rarity = math.log(1 + (documents - len(ids) + 0.5) / (len(ids) + 0.5)) * WEIGHT_SCALE
    text = [i for i, score in enumerate(scores) if score >= 0]
    if len(text) > TEXT_POSTINGS:
        dropped = set(sorted(text, key=lambda i: -scores[i])[TEXT_POSTINGS:])
        kept = [i for i in range(len(ids)) if i not in dropped]
        ids, scores = [ids[i] for i in kept], [scores[i] for i in kept]
    weights = [max(1, round(abs(score) * rarity)) for score in scores]
    gaps = [doc - previous for previous, doc in zip([0, *ids], ids, strict=False)]
    return "[" + ",".join(f"{gap},{weight}" for gap, weight in zip(gaps, weights, strict=True)) + "]"


def split(sizes: dict[str, int], budget: int = SHARD_BYTES) -> list[tuple[str, list[str]]]:
    """The shards: (prefix, forms), the root shard ("") first; each about ``budget`` bytes or less."""
    shards: list[tuple[str, list[str]]] = []
    _split("", sorted(sizes), sizes, budget, shards)
    return sorted(shards)


def _split(prefix: str, names: list[str], sizes: dict[str, int], budget: int, out: list[tuple[str, list[str]]]) -> None:
    if sum(sizes[name] for name in names) <= budget or not names:
        out.append((prefix, names))
        return
    here = [name for name in names if len(name) == len(prefix)]
    buckets: dict[str, list[str]] = {}
    for name in names:
        if len(name) > len(prefix):
            buckets.setdefault(name[len(prefix)], []).append(name)
    # The smallest beginnings stay in this shard while it has room; the others get shards of their own.
    kept = sum(sizes[name] for name in here)
    for char, group in sorted(buckets.items(), key=lambda item: sum(sizes[name] for name in item[1])):
        group_size = sum(sizes[name] for name in group)
        if kept + group_size <= budget:
            here += group
            kept += group_size
        else:
            _split(prefix + char, group, sizes, budget, out)
    if here or prefix == "":
        out.append((prefix, sorted(here)))


def record(docs: list[SearchDoc]) -> list[list[str]]:
    """A page's record file: [location, title, text] of the page, then of each section, by section
    number. Title and text are HTML-escaped, as in Material's own index: whatever reads the file as
    HTML shows text (the worker unescapes them, and escapes what it sends back)."""
    return [[doc.location, escape(doc.title), escape(doc.text)] for doc in docs[: 1 << SHIFT]]


def pages_with_docs(order: Iterable[str], docs: dict[str, list[SearchDoc]]) -> Iterator[tuple[int, str]]:
    number = 0
    for page in order:
        if docs.get(page):
            yield number, page
            number += 1
