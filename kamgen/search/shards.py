"""The search index as the browser reads it: shards of word forms, and one small
record file per page, fetched only when a query needs them.

Each search document (a page, or one of its sections) gets the id
``page number << SHIFT | section number`` — the browser tells a section's page
from its id alone. Each word of a document's title and text counts under every
form of the word (:mod:`kamgen.search.forms`), and a Cyrillic word also under its
Latin spellings (at TRANSLIT of the weight), so a query in either script finds
it. A posting's weight is BM25 (title words TITLE_BOOST times), times the
page's boost, times the form's rarity, rounded to an integer.

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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

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
        for form, score in _scores(doc.title, doc.text).items():
            terms.forms.append(form)
            terms.sections.append(section)
            terms.scores.append(score * boost)
    for facet in facets:
        terms.forms.append(facet)
        terms.sections.append(0)
        terms.scores.append(-1e-9)  # a filter, not a match: kept whole, weighs nothing
    return terms


def _scores(title: str, text: str) -> dict[str, float]:
    """form → score; negative when the form is in the title."""
    found: dict[str, float] = {}
    in_title: set[str] = set()
    for field, boost, average in ((title, TITLE_BOOST, AVERAGE_TITLE), (text, 1.0, AVERAGE_TEXT)):
        tokens = words(field)
        norm = K1 * (1 - B + B * len(tokens) / average)
        native, other = _counts(tokens)
        for counts, factor in ((native, 1.0), (other, TRANSLIT)):
            for form, tf in counts.items():
                found[form] = found.get(form, 0.0) + boost * factor * (tf * (K1 + 1) / (tf + norm) + DELTA)
                if boost != 1.0:
                    in_title.add(form)
    return {form: -score if form in in_title else score for form, score in found.items()}


def _counts(tokens: list[str]) -> tuple[dict[str, int], dict[str, int]]:
    native: dict[str, int] = {}
    other: dict[str, int] = {}
    for token in tokens:
        word_forms = forms(token)
        for form in word_forms:
            native[form] = native.get(form, 0) + 1
        for form in latin(word_forms[0]):
            other[form] = other.get(form, 0) + 1
    return native, {form: tf for form, tf in other.items() if form not in native}


def postings(pages: Iterable[tuple[int, PageTerms]]) -> dict[str, list[tuple[int, float]]]:
    """form → [(document id, score)], negative scores for title postings."""
    found: dict[str, list[tuple[int, float]]] = {}
    for number, terms in pages:
        base = number << SHIFT
        for form, section, score in zip(terms.forms, terms.sections, terms.scores, strict=True):
            found.setdefault(form, []).append((base | section, score))
    return found


def encode(entries: list[tuple[int, float]], documents: int) -> list[int]:
    """One form's postings as the shard holds them: [id, weight, id − previous id, weight, …]."""
    rarity = math.log(1 + (documents - len(entries) + 0.5) / (len(entries) + 0.5))
    titles = [entry for entry in entries if entry[1] < 0]
    text = [entry for entry in entries if entry[1] >= 0]
    if len(text) > TEXT_POSTINGS:
        text = sorted(text, key=lambda entry: -entry[1])[:TEXT_POSTINGS]
    out: list[int] = []
    previous = 0
    for doc, score in sorted(titles + text):
        out += [doc - previous, max(1, round(abs(score) * rarity * WEIGHT_SCALE)) if score else 0]
        previous = doc
    return out


def size(form: str, entries: list[int]) -> int:
    """About the bytes of one form in its shard's JSON."""
    return len(form.encode()) + 4 + sum(len(str(number)) + 1 for number in entries)


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
    """A page's record file: [location, title, text] of the page, then of each section, by section number."""
    return [[doc.location, doc.title, doc.text] for doc in docs[: 1 << SHIFT]]


def pages_with_docs(order: Iterable[str], docs: dict[str, list[SearchDoc]]) -> Iterator[tuple[int, str]]:
    number = 0
    for page in order:
        if docs.get(page):
            yield number, page
            number += 1
