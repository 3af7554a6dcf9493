"""The prebuilt search index in the browser: names typed in the other script,
one-letter typos, filters, the message when nothing matches, and what the
browser fetches — a page view almost nothing, a query only the shards of its
words and the records of the pages it shows.

(Searching as salespeople do on the example portfolio: tests/search/test_browser_search.py.)
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Request

from tests.search.test_browser_search import open_site, rank, search
from tests.support import MINIMAL_MKDOCS, build_site, serve, shot, write_project

pytestmark = pytest.mark.browser

# Names written in one script on one page and in the other script on another.
ACCOUNTS = {
    "melnyk-trade": ("Melnyk Trade", "A", "active", "olena-koval", "Retail"),
    "melnyk-agro": ("Мельник Агро", "B", "at-risk", "andriy-melnyk", "Агробізнес"),
    "hrytsenko": ("Гриценко Лтд", "A", "at-risk", "andriy-melnyk", "Logistics"),
    "kuznetsova": ("Kuznetsova Consulting", "C", "active", "olena-koval", "Consulting"),
    "petrenko": ("Petrenko Foods", "B", "active", "olena-koval", "Retail"),
}


@pytest.fixture(scope="module")
def names_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    accounts = {
        key: f"name: {json.dumps(name)}\ntier: {tier}\nstatus: {status}\nowner: {owner}\nindustry: {industry}\n"
        for key, (name, tier, status, owner, industry) in ACCOUNTS.items()
    }
    mkdocs = MINIMAL_MKDOCS.replace("plugins:\n", "plugins:\n  - search\n")
    root = write_project(tmp_path_factory.mktemp("names") / "src", accounts=accounts, mkdocs=mkdocs)
    site = root.parent / "site"
    return build_site(root / "mkdocs.yml", site)


@pytest.fixture(scope="module")
def names_url(names_site: Path) -> Iterator[str]:
    with serve(names_site) as url:
        yield url


def accounts(results: list[str]) -> list[str]:
    return [path.removeprefix("accounts/").rstrip("/") for path in results if path.startswith("accounts/")]


# (query, the account first, the account found after it through the other script)
ACROSS_SCRIPTS = [
    ("Мельник", "melnyk-agro", "melnyk-trade"),
    ("Melnyk", "melnyk-trade", "melnyk-agro"),
]


@pytest.mark.parametrize(("query", "first", "then"), ACROSS_SCRIPTS)
def test_a_name_is_found_in_either_script_as_written_first(
    page: Page, names_url: str, query: str, first: str, then: str
) -> None:
    open_site(page, names_url)
    found = accounts(search(page, query))
    assert found[:2] == [first, then], found


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Hrytsenko", "hrytsenko"),  # Ukrainian rules: г → h, и → y
        ("Gritsenko", "hrytsenko"),  # Russian rules
        ("Кузнецова", "kuznetsova"),
        ("Петренко", "petrenko"),
    ],
)
def test_latin_finds_cyrillic_and_the_reverse(page: Page, names_url: str, query: str, expected: str) -> None:
    open_site(page, names_url)
    found = accounts(search(page, query))
    assert found and found[0] == expected, found
    if query == "Hrytsenko":
        shot(page, "search-transliteration")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Petrenco", "accounts/petrenko/"),  # one letter replaced
        ("Kuznetsva", "accounts/kuznetsova/"),  # one left out
        ("Мельникк", "accounts/melnyk-agro/"),  # one too many
    ],
)
def test_one_typo_from_five_letters_on_still_finds(page: Page, names_url: str, query: str, expected: str) -> None:
    open_site(page, names_url)
    results = search(page, query)
    found = rank(results, expected)
    assert found is not None and found <= 2, results


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tier:A", {"melnyk-trade", "hrytsenko"}),
        ("tier:a status:at-risk", {"hrytsenko"}),
        ("status:at-risk", {"melnyk-agro", "hrytsenko"}),
        ("owner:melnyk", {"melnyk-agro", "hrytsenko"}),
        ("owner:olena-koval tier:B", {"petrenko"}),
        ("industry:retail", {"melnyk-trade", "petrenko"}),
        ("industry:агробізнесі", {"melnyk-agro"}),  # another form of the word
        ("industry:ahrobiznes", {"melnyk-agro"}),  # in Latin letters
        ("Melnyk status:active", {"melnyk-trade"}),  # words and a filter
    ],
)
def test_filters_keep_the_accounts_whose_dossier_says_so(
    page: Page, names_url: str, query: str, expected: set[str]
) -> None:
    open_site(page, names_url)
    assert set(accounts(search(page, query))) == expected
    if query == "tier:a status:at-risk":
        shot(page, "search-filters")


@pytest.mark.parametrize("query", ["qwxzvbn", "tier:Z", "Melnyk status:released"])
def test_a_query_that_matches_nothing_says_so(page: Page, names_url: str, query: str) -> None:
    open_site(page, names_url)
    assert search(page, query) == []
    meta = page.locator(".md-search-result__meta")
    assert meta.inner_text().strip() == "No matching documents"
    assert meta.is_visible()
    if query == "qwxzvbn":
        shot(page, "search-nothing")


# -- what the browser fetches ---------------------------------------------------------


class Fetched:
    """The search files a page requested (paths under the site), and their bytes."""

    def __init__(self, page: Page, base: str) -> None:
        self.base = base
        self.paths: list[str] = []
        self.sizes: dict[str, int] = {}
        page.on("requestfinished", self._finished)

    def _finished(self, request: Request) -> None:
        path = request.url.removeprefix(self.base).split("?")[0]
        if path.startswith(("search/", "assets/kamgen/search/")):
            self.paths.append(path)
            response = request.response()
            self.sizes[path] = len(response.body()) if response is not None else 0

    def under(self, folder: str) -> set[str]:
        return {path for path in self.paths if path.startswith(folder)}


def test_a_page_view_fetches_a_manifest_and_a_query_only_its_shards(page: Page, example_site: Path) -> None:
    shards = len(list((example_site / "search/kamgen/s").iterdir()))
    records = len(list((example_site / "search/kamgen/p").iterdir()))
    with serve(example_site) as url:
        fetched = Fetched(page, url)
        open_site(page, url)
        page.wait_for_function("() => window.__kgSearch !== undefined")
        page.wait_for_load_state("networkidle")
        # A page view: Material's manifest and kamgen's worker, nothing of the index itself.
        assert set(fetched.paths) == {"search/search_index.json", "assets/kamgen/search/worker.js"}
        assert sum(fetched.sizes.values()) <= 50_000, fetched.sizes
        results = search(page, "Northwind")
        assert results[0] == "accounts/northwind-logistics/"
        page.wait_for_load_state("networkidle")
        assert "assets/kamgen/search/search-forms.js" in fetched.paths
        assert 1 <= len(fetched.under("search/kamgen/s/")) <= 3 < shards, fetched.paths
        assert 1 <= len(fetched.under("search/kamgen/p/")) <= len(results) < records
        search(page, "Кузнецова")
        page.wait_for_load_state("networkidle")
        assert len(fetched.under("search/kamgen/s/")) <= 6 < shards
        assert len(fetched.paths) == len(set(fetched.paths)), "nothing is fetched twice"
