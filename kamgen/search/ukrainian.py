"""A Ukrainian stemmer: Kyrylo Zakharov's Snowball-style algorithm, as the
Orama project ships it in JavaScript (``@orama/stemmers`` 3.1.18, ``uk``,
Apache-2.0), ported line for line.

Snowball has no Ukrainian algorithm and no maintained Python package has one,
so kamgen keeps this small port and its JavaScript twin
(``kamgen/assets/search/build/ukrainian.mjs``), which the search in the browser
uses; ``tests/search/test_search_forms.py`` feeds the same words to both. One change
from Orama's code, made in both: its test for the "-ость" ending used a
regular expression with the global flag, whose state carried over from one
word to the next, so the same word could stem differently twice.
"""

from __future__ import annotations

import re

_VOWEL = re.compile("[аеиоуюяіїє]")
_PERFECTIVE_GERUND = re.compile("(?:[иы]в(?:ши(?:сь)?)?|(?<=[ая])(?:в(?:ши(?:сь)?)?))$")
_REFLEXIVE = re.compile("с[яьи]$")
_ADJECTIVE = re.compile("(?:[аеєуюя]|еє|ем|єє|ий|их|іх|ів|ій|ім|їй|ім|им|ими|іми|йми|ої|ою|ова|ове|ого|ому)$")
_PARTICIPLE = re.compile("(?:[аіу]|ій|ий|им|ім|их|йми|ого|ому|ою)$")
_VERB = re.compile("(?:[еєую]|ав|али|ати|вши|ив|ити|ме|сь|ся|ши|учи|яти|ячи|ать|ять)$")
_NOUN = re.compile(
    "(?:[аеєіїийоуыьюя]|ам|ах|ами|ев|еві|еи|ей|ем|ею|єм|єю|ів|їв|ий|ием|ию|ия|иям|иях|ов|ові|ой|ом|ою|ью|ья|ям|ями|ях)$"
)
_DERIVATIONAL = re.compile("[^аеиоуюяіїє][аеиоуюяіїє]+[^аеиоуюяіїє]+[аеиоуюяіїє].*(?<=о)сть?$")
_I = re.compile("и$")
_OST = re.compile("ость$")
_SOFT = re.compile("ь$")
_SUPERLATIVE = re.compile("ейше$")
_NN = re.compile("нн$")


def _strip(word: str, pattern: re.Pattern[str], by: str = "") -> tuple[str, bool]:
    """``word`` with the (leftmost) match of ``pattern`` replaced, and whether there was one."""
    result = pattern.sub(by, word, count=1)
    return result, result != word


def stem(word: str) -> str:
    """The stem of a lower-case Ukrainian word (other words come back as they are)."""
    found = _VOWEL.search(word)
    if found is None:
        return word
    head, rest = word[: found.start() + 1], word[found.start() + 1 :]
    if not rest:
        return word
    rest, changed = _strip(rest, _PERFECTIVE_GERUND)
    if not changed:
        rest, _ = _strip(rest, _REFLEXIVE)
        rest, changed = _strip(rest, _ADJECTIVE)
        if changed:
            rest, _ = _strip(rest, _PARTICIPLE)
        else:
            rest, changed = _strip(rest, _VERB)
            if not changed:
                rest, _ = _strip(rest, _NOUN)
    rest, _ = _strip(rest, _I)
    if _DERIVATIONAL.search(rest):
        rest, _ = _strip(rest, _OST)
    rest, changed = _strip(rest, _SOFT)
    if not changed:
        rest, _ = _strip(rest, _SUPERLATIVE)
        rest, _ = _strip(rest, _NN, "н")
    return head + rest
