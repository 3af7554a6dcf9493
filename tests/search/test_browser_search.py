"""Search as salespeople use it: typed into the header's search box of the built
site, in Debian's Chromium, answered by kamgen's search worker.

Each query is a line of a table with the page a person expects and the worst
rank (among result groups, one per page) at which it still counts as found.
Screenshots of a few result lists go to tests/screenshots/.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from kamgen.search import read_docs
from tests.support import MINIMAL_MKDOCS, build_site, serve, shot, write_project

pytestmark = pytest.mark.browser

# Counts the queries Material's search box sends to the worker and the answers
# it gets, so a test reads the result list only once it answers the last query.
RECORD_SEARCH = """
(() => {
  const Native = window.Worker
  const state = window.__kgSearch = { sent: 0, received: 0, last: null }
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args)
      this.addEventListener("message", ev => { if (ev.data && ev.data.type === 3) state.received++ })
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) { state.sent++; state.last = message.data }
      return super.postMessage(message, ...rest)
    }
  }
})()
"""


def open_site(page: Page, url: str) -> None:
    page.add_init_script(RECORD_SEARCH)
    page.goto(url)


def search(page: Page, query: str) -> list[str]:
    """Type ``query`` into the search box; the pages of the result groups, best first."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    # Material reads the box on keyup; fill() and non-Latin typing send no key events.
    box.dispatch_event("keyup")
    page.wait_for_function(
        "q => window.__kgSearch.last === q && window.__kgSearch.sent === window.__kgSearch.received", arg=query
    )
    base = page.evaluate("new URL(JSON.parse(document.getElementById('__config').textContent).base, location).href")
    links = page.locator(".md-search-result__item").evaluate_all("items => items.map(li => li.querySelector('a').href)")
    return [link.removeprefix(base).split("?")[0].split("#")[0] for link in links]


def rank(results: list[str], expected: str) -> int | None:
    return results.index(expected) + 1 if expected in results else None


# -- what the issue asks for, on the example portfolio -------------------------

# (query as typed, expected page, found if at this rank or better)
FINDS = [
    # an account's exact name: its plan first
    ("Northwind Logistics", "accounts/northwind-logistics/", 1),
    ("northwind", "accounts/northwind-logistics/", 1),
    ("«СеверТранс»", "accounts/severtrans/", 1),
    ("севертранс", "accounts/severtrans/", 1),
    ("Карпати Агро", "accounts/karpaty-agro/", 1),
    ("Волга Фарм", "accounts/volga-pharm/", 1),
    ("Aurora Retail Group", "accounts/aurora-retail/", 1),
    # a stakeholder's name, Latin or Cyrillic, any case: their account, and our counterpart's page
    ("Ольга Кузнецова", "accounts/severtrans/", 1),
    ("Ольга Кузнецова", "people/olena-koval/", 3),
    ("кузнецова", "accounts/severtrans/", 1),
    ("КУЗНЕЦОВА", "people/olena-koval/", 3),
    ("Оксана Мельничук", "accounts/karpaty-agro/", 1),
    ("оксана мельничук", "people/olena-koval/", 3),
    ("Claire Dubois", "accounts/aurora-retail/", 1),
    ("claire dubois", "people/olena-koval/", 3),
    ("CLAIRE", "accounts/aurora-retail/", 1),
    ("Olga Ivanova", "accounts/northwind-logistics/", 1),
    # our own people
    ("Olena Koval", "people/olena-koval/", 1),
    ("Дмитрий Соколов", "people/dmitry-sokolov/", 1),
    # playbook topics
    ("VIP", "playbooks/vip-programme/", 2),  # after the VIP programme's own page (vip/)
    ("VIP", "vip/", 1),
    ("comb", "playbooks/comb-principle/", 1),
    ("гребёнка", "playbooks/comb-principle/", 1),
    ("гребенка", "playbooks/comb-principle/", 1),  # typed without ё
    ("risk", "playbooks/five-ways/", 1),
    ("Pareto", "playbooks/abc-classification/", 1),
    # the issue's own examples of word forms
    ("договоры", "accounts/severtrans/", 1),
    ("Кузнецовой", "accounts/severtrans/", 1),
    ("логістика", "accounts/karpaty-agro/", 1),
    # typing is not finished yet
    ("Кузнец", "accounts/severtrans/", 1),
    ("Northw", "accounts/northwind-logistics/", 1),
]


def test_search_finds_what_salespeople_type(page: Page, base_url: str) -> None:
    open_site(page, base_url)
    misses = []
    for query, expected, worst in FINDS:
        results = search(page, query)
        found = rank(results, expected)
        if found is None or found > worst:
            misses.append(f"{query!r}: {expected} at rank {found} (want ≤ {worst}); got {results[:5]}")
    assert misses == []


# Russian and Ukrainian: the query's form appears nowhere on the site, another
# form of the same word does, on the expected page (and is highlighted there).
# (query, expected page, the beginning every highlighted form shares)
WORD_FORMS = [
    ("договорами", "accounts/severtrans/", "договор"),  # ru: договора, договоры
    ("Кузнецову", "people/olena-koval/", "кузнецов"),  # ru: Кузнецова
    ("логістикою", "accounts/karpaty-agro/", "логістик"),  # uk: логістики, логістика
    ("елеватором", "accounts/karpaty-agro/", "елеватор"),  # uk: елеваторах, елеватори
    ("вагонами", "accounts/severtrans/", "вагон"),  # ru: вагонов
    ("рассрочки", "accounts/severtrans/", "рассрочк"),  # ru: рассрочка, рассрочку
    ("пілотом", "accounts/karpaty-agro/", "пілот"),  # uk: пілот, пілоту
    ("зерном", "accounts/karpaty-agro/", "зерн"),  # uk: зерна, зерно
]


@pytest.fixture(scope="module")
def site_words(example_site: Path) -> set[str]:
    """Every word of the example site's search index, in lower case."""
    text = " ".join(doc["title"] + " " + doc["text"] for doc in read_docs(example_site))
    return {word.lower() for word in re.findall(r"\w+", text)}


def test_search_finds_other_forms_of_russian_and_ukrainian_words(
    page: Page, base_url: str, site_words: set[str]
) -> None:
    open_site(page, base_url)
    for query, expected, stem in WORD_FORMS:
        assert query.lower() not in site_words, f"{query} is on the site as typed: it proves nothing"
        results = search(page, query)
        found = rank(results, expected)
        assert found is not None and found <= 3, f"{query!r}: {expected} at rank {found}; got {results[:5]}"
        group = page.locator(".md-search-result__item").nth(found - 1)
        marked = [text.lower() for text in group.locator("mark").all_text_contents()]
        assert marked and all(word.startswith(stem) for word in marked), (query, marked)
    shot(page, "search-word-forms")


def test_result_leads_to_the_page_with_the_word_forms_highlighted(page: Page, base_url: str) -> None:
    open_site(page, base_url)
    results = search(page, "договорами")
    assert results[0] == "accounts/severtrans/"
    shot(page, "search-dogovorami")
    page.locator(".md-search-result__item").first.locator("a").first.click()
    page.wait_for_url("**/accounts/severtrans/**")
    marks = page.locator("article mark[data-md-highlight]")
    # Some forms sit in folded parts of the plan (earlier meetings): marked, but shown when opened.
    page.locator("article mark[data-md-highlight]:visible").first.wait_for()
    # Material marks the beginning the words share; the whole words are the forms on the page.
    words = marks.evaluate_all(
        "ms => ms.map(m => (m.textContent + (m.nextSibling?.textContent || '').match(/^\\p{L}*/u)[0]).toLowerCase())"
    )
    assert all(word.startswith("договор") for word in words)
    assert {"договора", "договоры"} <= set(words)
    shot(page, "search-dogovorami-target")


def test_enter_opens_the_best_result(page: Page, base_url: str) -> None:
    open_site(page, base_url)
    assert search(page, "Кузнецова")[0] == "accounts/severtrans/"
    page.locator("input.md-search__input").press("Enter")
    page.wait_for_url("**/accounts/severtrans/**")


def test_results_show_names_as_written_and_mark_the_match(page: Page, base_url: str) -> None:
    open_site(page, base_url)
    search(page, "кузнецова")
    first = page.locator(".md-search-result__item").first
    assert first.locator("h1").inner_text() == "«СеверТранс»"
    assert "Кузнецова" in first.locator("mark").all_inner_texts()
    shot(page, "search-kuznetsova")


# -- ranking and escaping, on a portfolio made for it ---------------------------

HOSTILE = "<img src=x onerror=alert(1)> Client 5"


@pytest.fixture(scope="module")
def numbered_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site whose accounts are Client 17 and Client 170 … 179, and one with markup in its name."""
    names = {f"client-{n}": f"Client {n}" for n in [17, *range(170, 180)]}
    names["client-5"] = HOSTILE
    accounts = {key: f"name: {json.dumps(name)}\nowner: olena-koval\n" for key, name in names.items()}
    mkdocs = MINIMAL_MKDOCS.replace("plugins:\n", "plugins:\n  - search\n")
    root = write_project(tmp_path_factory.mktemp("numbered") / "src", accounts=accounts, mkdocs=mkdocs)
    site = root.parent / "site"
    with serve(build_site(root / "mkdocs.yml", site)) as url:
        yield url


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Client 17", "accounts/client-17/"),
        ("client 17", "accounts/client-17/"),
        ("Client 174", "accounts/client-174/"),
    ],
)
def test_exact_name_ranks_above_names_it_begins(page: Page, numbered_url: str, query: str, expected: str) -> None:
    open_site(page, numbered_url)
    results = search(page, query)
    assert results[0] == expected, results
    if query == "Client 17":
        # still typing: the Client 17x come next (Material shows ten results, then more on scrolling)
        accounts = [path for path in results[1:10] if path.startswith("accounts/")]
        assert set(accounts) <= {f"accounts/client-{n}/" for n in range(170, 180)}
        shot(page, "search-client-17")


def test_markup_in_a_name_shows_as_text_in_results(page: Page, numbered_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_site(page, numbered_url)
    assert search(page, "Client 5")[0] == "accounts/client-5/"
    results = page.locator(".md-search-result")
    assert results.locator("img").count() == 0
    assert HOSTILE in results.locator(".md-search-result__item").first.inner_text()
    assert dialogs == []
