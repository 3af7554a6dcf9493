"""The word forms of the search index (computed in Python at build time) and of
a query (computed in the browser) come from one specification: the same words
through kamgen/search/forms.py and through the browser's search-forms.js (run
in node) give the same forms and the same Latin spellings."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from kamgen.search import forms
from kamgen.search.forms import latin, plain, words
from tests.support import REPO

FORMS_JS = REPO / "kamgen" / "assets" / "search" / "search-forms.js"
NODE = shutil.which("node")

# Words that exercise each rule: case, ё, apostrophes, accents, stems of the three languages, transliteration.
WORDS = [
    "Кузнецова",
    "Кузнецовой",
    "КУЗНЕЦОВУ",
    "Мельник",
    "Мельничук",
    "Гриценко",
    "Ёлка",
    "планёрку",
    "гребёнка",
    "договоры",
    "договорами",
    "логістика",
    "логістикою",
    "елеваторах",
    "п'ять",
    "п’ять",
    "пʼять",
    "Юлія",
    "Юлия",
    "Яценюк",
    "Євген",
    "Їжак",
    "Згорани",
    "Объём",
    "Щука",
    "Хмельницький",
    "Müller",
    "Café",
    "naïve",
    "running",
    "relational",
    "generously",
    "Client",
    "17",
    "170",
    "Northwind",
    "VIP",
    "Pareto",
    "KAM",
    "ŁÓDŹ",
    "İstanbul",
    "ελληνικά",
    "日本語",
    "мальчишескими",
    "несправедливость",
    "благородність",
    "найкращими",
    "зробивши",
    "підприємствами",
    "Petrenko",
    "Hrytsenko",
    "Kuznetsova",
    "Melnyk",
    "Кузнецова-Петренко",
    "3D",
    "x2",
]


def site_words() -> list[str]:
    """Every word of the example portfolio's dossiers and playbooks: the words the index really holds."""
    text = " ".join(
        path.read_text(encoding="utf-8")
        for folder in ("accounts", "playbooks")
        for path in sorted((REPO / folder).rglob("*"))
        if path.suffix in {".yaml", ".md"}
    )
    return sorted(set(words(text)))


def run_node(items: list[str]) -> list[dict[str, list[str]]]:
    assert NODE is not None
    script = (
        "const vm = require('vm'); const fs = require('fs');"
        "const context = { self: {} }; vm.createContext(context);"
        f"vm.runInContext(fs.readFileSync({json.dumps(str(FORMS_JS))}, 'utf8'), context);"
        "const f = context.self.KamgenForms;"
        "const input = JSON.parse(fs.readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(input.map(w => ({ words: f.words(w), forms: f.forms(w),"
        " latin: f.latin(f.plain(w)) }))));"
    )
    done = subprocess.run([NODE, "-e", script], input=json.dumps(items), capture_output=True, text=True, check=True)
    result: list[dict[str, list[str]]] = json.loads(done.stdout)
    return result


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_python_and_browser_compute_the_same_forms() -> None:
    items = WORDS + site_words()
    assert len(items) > 500  # the example portfolio's words are there
    browser = run_node(items)
    differ = []
    for word, js in zip(items, browser, strict=True):
        python = {"words": words(word), "forms": list(forms.forms(word)), "latin": list(latin(plain(word)))}
        if python != js:
            differ.append(f"{word!r}: python {python} != browser {js}")
    assert differ == []


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Кузнецова", {"kuznetsova"}),
        ("Мельник", {"melnik", "melnyk"}),
        ("Гриценко", {"gritsenko", "hrytsenko"}),
        ("Хмельницький", {"khmelnitskiy", "khmelnitskii", "khmelnytskyi"}),
        ("Київ", {"kyiv"}),  # Ukrainian letters: Ukrainian rules only
        ("Объём", {"obem", "obieem"}),  # Russian letters: Russian rules only
        ("Юлия", {"yuliya", "iuliia", "yulyia"}),
        ("Згорани", {"zgorani", "zghorany"}),
        ("Northwind", set()),
    ],
)
def test_cyrillic_names_in_latin_letters(word: str, expected: set[str]) -> None:
    assert set(latin(plain(word))) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Ёлка", ("елка", "елк")),
        ("планёрку", ("планерку", "планерк")),
        ("Кузнецовой", ("кузнецовой", "кузнецов")),
        ("логістикою", ("логістикою", "логістик")),
        ("Café", ("cafe",)),
        ("running", ("running", "run")),
        ("пʼять", ("п'ять", "п'ят")),
    ],
)
def test_forms(word: str, expected: tuple[str, ...]) -> None:
    assert forms.forms(word) == expected


def test_the_bundle_is_built_from_the_sources() -> None:
    """search-forms.js is rebuilt (npm run build) whenever its sources change: it names what it holds."""
    text = FORMS_JS.read_text(encoding="utf-8")
    assert "Snowball 3.1.1" in text
    generated = (REPO / "kamgen/assets/search/build/vendor/snowball/russian-stemmer.js").read_text(encoding="utf-8")
    assert re.search(r"Generated from russian\.sbl by Snowball 3\.1\.1", generated)
