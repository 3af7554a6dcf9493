"""The search index: what of a page is indexed, and how the built site points
Material's search box at kamgen's worker. (The searching itself runs in the
browser: tests/search/test_browser_search.py.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kamgen.search import (
    DEFAULT_CONFIG,
    PageIndex,
    SearchDoc,
    extract_docs,
    index_files,
    read_docs,
    use_worker,
    without_boilerplate,
)
from kamgen.search.page_text import BOILERPLATE_PAGES, MAX_PIECE, MAX_TEXT
from kamgen.search.shards import SHIFT, analyse

ACCOUNT_HTML = """
<h1 id="acme">Acme <a class="headerlink" href="#acme">¶</a></h1>
<p class="kg-badges">Tier <span class="kg-badge">A</span> · <span class="kg-badge">At risk</span></p>
<div class="kg-cards"><div class="kg-card"><span>Revenue 2025</span><span>€1,000</span></div></div>
<h2 id="stakeholders">Stakeholders<a class="headerlink" href="#stakeholders">¶</a></h2>
<table>
<thead><tr><th>Name</th><th>Title</th><th>Attitude</th><th>Our counterpart</th><th>Last contact</th></tr></thead>
<tbody>
<tr><td><strong>Ольга Кузнецова</strong></td><td>Финансовый директор</td>
<td><span class="kg-badge">Skeptic</span></td><td><a href="../../people/olena-koval/">Olena Koval</a></td>
<td><span class="kg-date">Sep 8, 2026</span></td></tr>
<tr><td><strong>Claire &lt;Dubois&gt;</strong></td><td>Финансовый директор</td><td>€12,000</td>
<td><a href="#notes">see notes</a></td><td><span class="kg-score">●●○○○</span>&nbsp;2</td></tr>
</tbody></table>
<h3>Without an id</h3>
<pre><code>print("code")</code></pre>
<h2 id="notes">Notes</h2>
<ul><li>Все договоры проходят через договорной отдел.</li><li>Все договоры проходят через договорной отдел.</li></ul>
"""


def test_a_page_becomes_one_entry_per_section_with_what_people_look_for() -> None:
    assert extract_docs(ACCOUNT_HTML, "accounts/acme/", "Acme") == [
        SearchDoc("accounts/acme/", "Acme", ("Tier A · At risk",)),
        SearchDoc(
            "accounts/acme/#stakeholders",
            "Stakeholders",
            ("Ольга Кузнецова", "Финансовый директор", "Claire <Dubois>", "see notes", "Without an id"),
        ),
        SearchDoc("accounts/acme/#notes", "Notes", ("Все договоры проходят через договорной отдел.",)),
    ]


def test_the_page_title_is_its_heading_as_the_reader_sees_it() -> None:
    [doc] = extract_docs("<h1>&lt;b&gt; &amp; Co</h1><p>x</p>", "a/", "&lt;b&gt; &amp;amp; Co")
    assert doc.title == "<b> & Co"
    [doc] = extract_docs("<p>no heading</p>", "a/", "Fallback")
    assert doc.title == "Fallback"


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Plain <em>words</em> stay</p>", "Plain words stay"),
        ("<p>€1,450,000</p><p>31.8%</p><p>12</p>", ""),  # no letter: figures stay out
        ("<table><tr><td><a href='../x/'>Elsewhere</a> and here</td></tr></table>", "and here"),
        ("<p><a href='../x/'>A link in prose</a> stays</p>", "A link in prose stays"),
        ("<table><tr><td><span class='kg-badge'>Active</span></td></tr></table>", ""),
        ("<script>var x = 1</script><style>p {}</style><p>kept</p>", "kept"),
        ("<p>one</p><p>two</p><p>one</p>", "one · two"),  # each piece once
        ("<p>a<br>b</p>", "a · b"),
        ("<p>stray</span> end</p>", "stray end"),
        (
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
            "<script>alert(1)</script>",
        ),  # plain text: the worker escapes it
    ],
)
def test_what_text_is_kept(html: str, text: str) -> None:
    [doc] = extract_docs(html, "p/", "P")
    assert doc.text == text


def test_long_text_is_cut_at_a_word() -> None:
    [doc] = extract_docs("<p>" + "word " * 1000 + "</p>", "p/", "P")
    assert len(doc.text) <= MAX_PIECE + 2
    assert doc.text.endswith("word …")
    [doc] = extract_docs("".join(f"<p>{n} {'word ' * 30}</p>" for n in range(100)), "p/", "P")
    assert len(doc.text) <= MAX_TEXT + 2


def test_sentences_a_template_writes_on_many_pages_are_left_out() -> None:
    template = "Who reports to whom: each card shows a title and roles."
    docs = [SearchDoc(f"a{n}/#chart", "Chart", (template, f"Client {n}")) for n in range(BOILERPLATE_PAGES)]
    docs.append(SearchDoc("b/", "B", ("A need shared by two clients, word for word.",)))
    docs.append(SearchDoc("c/", "C", ("A need shared by two clients, word for word.",)))
    kept = without_boilerplate(docs)
    assert [doc.pieces for doc in kept[:2]] == [("Client 0",), ("Client 1",)]
    assert kept[-2:] == docs[-2:]
    assert without_boilerplate(docs[: BOILERPLATE_PAGES - 1]) == docs[: BOILERPLATE_PAGES - 1]


def whole(pages: list[list[SearchDoc]], material: dict[str, object] | None = None) -> dict[str, str]:
    """The files of the index of ``pages``, computed at once (boilerplate left out as the writer does)."""
    flat = without_boilerplate([doc for docs in pages for doc in docs])
    grouped: dict[str, list[SearchDoc]] = {}
    for doc in flat:
        grouped.setdefault(doc.page, []).append(doc)
    return index_files([(docs, analyse(docs)) for docs in grouped.values()], material)


def written(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*.json")}


def test_index_keeps_materials_config_for_its_page_highlighter() -> None:
    material = {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": [], "fields": {}}
    data = json.loads(whole([[SearchDoc("a/", "Ольга")]], material)["search_index.json"])
    manifest = data["config"].pop("kamgen")
    assert data == {"config": {**material, "engine": "kamgen"}, "docs": []}
    assert manifest["pages"] == 1 and manifest["shift"] == SHIFT and manifest["shards"][0] == ""
    assert json.loads(whole([])["search_index.json"])["config"]["separator"] == "[\\s\\-]+"


def test_records_hold_html_escaped_text_as_materials_index_does() -> None:
    files = whole([[SearchDoc("a/", "<b> & Co", ("<script>alert(1)</script>", "it's"))]])
    assert json.loads(files["kamgen/p/0.json"]) == [
        ["a/", "&lt;b&gt; &amp; Co", "&lt;script&gt;alert(1)&lt;/script&gt; · it&#x27;s"]
    ]


def test_the_index_written_a_page_at_a_time_is_the_whole_index(tmp_path: Path) -> None:
    template = "Who reports to whom: each card shows a title and roles."
    docs = [SearchDoc(f"a{n}/", f"Клиент {n}", (template, f"Client {n}"), 1.0 + n % 2) for n in range(8)]
    docs.append(SearchDoc("b/", "B", ('Quotes " and \\ backslashes',)))
    path = tmp_path / "search" / "search_index.json"
    index = PageIndex()
    for doc in docs:
        index.set(doc.location, [doc])
    index.write(path, [doc.location for doc in docs])
    assert written(path.parent) == whole([[doc] for doc in docs])
    assert json.loads(path.read_text(encoding="utf-8"))["config"]["separator"] == DEFAULT_CONFIG["separator"]
    assert template not in json.dumps(written(path.parent), ensure_ascii=False), "the template's sentence is left out"


CONFIG = '<script id="__config" type="application/json">{}</script>'


@pytest.mark.parametrize(
    ("config", "worker"),
    [
        (
            {"base": "../..", "search": "../../assets/javascripts/workers/search.a7633da7.min.js"},
            "../../assets/kamgen/search/worker.js",
        ),
        ({"base": ".", "search": "assets/javascripts/workers/search.0.min.js"}, "assets/kamgen/search/worker.js"),
        ({"base": "..", "search": "/custom/worker.js"}, "../assets/kamgen/search/worker.js"),
    ],
)
def test_pages_point_materials_search_box_at_kamgens_worker(config: dict[str, str], worker: str) -> None:
    page = "<html>" + CONFIG.format(json.dumps(config)) + "<p>rest</p></html>"
    result = use_worker(page)
    found = re.search(r'type="application/json">(.*?)</script>', result)
    assert found is not None
    assert json.loads(found.group(1)) == {**config, "search": worker}
    assert result.endswith("<p>rest</p></html>")


def test_pages_without_materials_config_are_left_alone() -> None:
    for page in ("<html><p>no config</p></html>", CONFIG.replace("{}", "{not json")):
        assert use_worker(page) == page


def test_the_rewritten_config_cannot_close_its_script_element() -> None:
    config = {"base": ".", "search": "assets/javascripts/workers/s.js", "x": "</script><script>alert(1)</script>"}
    as_material_writes_it = json.dumps(config).replace("<", "\\u003c").replace(">", "\\u003e")
    result = use_worker(CONFIG.format(as_material_writes_it))
    assert "assets/kamgen/search/worker.js" in result
    assert result.count("</script>") == 1
    assert "\\u003c/script\\u003e" in result


# -- the example site ----------------------------------------------------------


def _index(site: Path) -> dict[str, dict[str, str]]:
    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert data["config"]["engine"] == "kamgen"
    return {doc["location"]: doc for doc in read_docs(site)}


def test_every_page_of_the_example_uses_kamgens_worker(example_site: Path) -> None:
    pages = sorted(example_site.rglob("index.html"))
    assert len(pages) > 20
    for page in pages:
        found = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page.read_text("utf-8"))
        assert found is not None, page
        worker = (page.parent / json.loads(found.group(1))["search"]).resolve()
        assert worker == (example_site / "assets/kamgen/search/worker.js").resolve(), page
        assert worker.is_file()
    libraries = example_site / "assets/kamgen/search"
    assert {p.name for p in libraries.iterdir()} == {"worker.js", "search-forms.js", "THIRD-PARTY-LICENSES.txt"}


def test_example_index_holds_names_and_roles_not_every_cell(example_site: Path) -> None:
    docs = _index(example_site)
    stakeholders = docs["accounts/severtrans/#stakeholders"]
    assert stakeholders["title"] == "Stakeholders"
    for wanted in ("Ольга Кузнецова", "Финансовый директор", "Budget holder"):
        assert wanted in stakeholders["text"]
    for unwanted in ("Last contact", "Attitude", "●", "2026"):  # column labels, scores, dates
        assert unwanted not in stakeholders["text"]
    assert docs["accounts/severtrans/"]["title"] == "«СеверТранс»"
    assert (
        "Кузнецова"
        in docs["people/olena-koval/"]["text"]
        + docs.get("people/olena-koval/#client-stakeholders-covered", {"text": ""})["text"]
    )
    # The portfolio lists every account by link: the accounts are found on their own pages.
    portfolio = " ".join(doc["text"] for location, doc in docs.items() if location.split("#")[0] == "")
    assert "Granite Construction Holding" not in portfolio


def test_internal_index_leaves_out_restricted_accounts(example_site: Path, restricted_site: Path) -> None:
    internal = json.dumps(_index(example_site), ensure_ascii=False)
    restricted = json.dumps(_index(restricted_site), ensure_ascii=False)
    assert "Kestrel" not in internal
    assert "Kestrel" in restricted


def test_a_page_index_updated_page_by_page_writes_what_a_whole_index_would(tmp_path: Path) -> None:
    """`kamgen serve` replaces the documents of a few pages per rebuild; the file must not drift."""
    advice = "Every key account needs a second contact among its decision makers."  # boilerplate on 5+ pages

    def docs(page: str, *extra: str) -> list[SearchDoc]:
        return [SearchDoc(f"{page}/", page.title(), (f"About {page}", *extra)), SearchDoc(f"{page}/#risks", "Risks")]

    index = PageIndex(keep_json=True)
    pages = {f"p{i}": docs(f"p{i}", advice) if i < 4 else docs(f"p{i}") for i in range(6)}
    order = list(pages)
    out = tmp_path / "search" / "search_index.json"
    for step in [
        lambda: None,
        lambda: pages.update(p4=docs("p4", advice)),  # the fifth page with it: now boilerplate, dropped everywhere
        lambda: pages.update(p0=docs("p0", "Renamed")),  # back to four pages: kept again
        lambda: pages.pop("p5"),  # a page removed
    ]:
        step()
        for page in list(index.pages()):
            if page not in pages:
                index.remove(page)
        for page, page_docs in pages.items():
            if page not in index or page in ("p4", "p0"):
                index.set(page, page_docs)
        index.write(out, order, {"lang": ["en"]})
        assert written(out.parent) == whole([pages[page] for page in order if page in pages], {"lang": ["en"]})


# -- shards and filters ----------------------------------------------------------


def test_shards_hold_every_form_under_the_longest_prefix_that_begins_it() -> None:
    from kamgen.search.shards import split

    sizes = {f"{a}{b}{c}": 100 for a in "abк" for b in "xyz" for c in "012345"} | {"a": 50, "ax": 70}
    found = split(sizes, budget=1_000)
    prefixes = [prefix for prefix, _ in found]
    assert prefixes[0] == "" and len(prefixes) == len(set(prefixes)) > 3
    placed = {form: prefix for prefix, forms in found for form in forms}
    assert set(placed) == set(sizes), "every form in exactly one shard"
    for form, prefix in placed.items():
        assert prefix == max((p for p in prefixes if form.startswith(p)), key=len), form
    for prefix, forms in found:
        assert sum(sizes[form] for form in forms) <= 1_000, prefix


def test_a_word_in_titles_keeps_every_posting_a_word_in_text_its_best() -> None:
    from kamgen.search.shards import TEXT_POSTINGS, encode

    titles = [(n, -1.0) for n in range(0, 2 * TEXT_POSTINGS, 2)]
    text = [(n, 1.0 + n / 1000) for n in range(1, 4 * TEXT_POSTINGS, 2)]
    entries = [number for doc, score in sorted(titles + text) for number in (doc, score)]
    encoded = json.loads(encode(entries, 10_000))
    ids = [sum(encoded[: i + 1 : 2]) for i in range(0, len(encoded), 2)]
    assert {doc for doc, _ in titles} <= set(ids)
    assert len(ids) == len(titles) + TEXT_POSTINGS
    assert max(doc for doc, _ in text) in ids, "the best of the text postings"


def test_account_plans_answer_to_their_dossier_values() -> None:
    from kamgen.data.load import load_portfolio
    from kamgen.search import account_facets
    from tests.support import REPO

    facets = account_facets(load_portfolio(REPO / "team.yaml", REPO / "accounts", REPO))
    severtrans = set(facets["accounts/severtrans.md"])
    # owner Дмитрий Соколов: by id, by name as written and in Latin letters
    assert {"tier:a", "status:at-risk", "owner:dmitry-sokolov", "owner:соколов", "owner:sokolov"} <= severtrans
    assert {"industry:железнодорожные-грузоперевозки", "industry:грузоперевозки"} <= severtrans
    assert {"tier:b", "status:active", "owner:petrenko"} <= set(facets["accounts/karpaty-agro.md"])


def test_serve_restores_the_last_manifest_until_a_page_is_removed(tmp_path: Path) -> None:
    """A quick update of `kamgen serve` keeps the last index (Material overwrote its manifest)."""
    path = tmp_path / "search" / "search_index.json"
    index = PageIndex(keep_json=True)
    assert not index.restore(path), "nothing written yet"
    index.set("a/", [SearchDoc("a/", "Alpha")])
    index.set("b/", [SearchDoc("b/", "Beta")])
    index.write(path, ["a/", "b/"])
    manifest = path.read_text(encoding="utf-8")
    path.write_text('{"config": {}, "docs": []}', encoding="utf-8")
    index.set("a/", [SearchDoc("a/", "Alpha 2")])
    assert index.restore(path) and path.read_text(encoding="utf-8") == manifest
    index.remove("b/")
    assert not index.restore(path), "a removed page's results must go at once: write the index"
