"""kamgen's site search: a small index of what people look for, and a search
worker that understands Russian, Ukrainian and English word forms.

Material for MkDocs runs its search in a web worker whose URL it reads from the
page's ``__config``; the worker is sent the site's ``search/search_index.json``
and answers queries with ranked, highlighted results. kamgen keeps Material's
search box and result list and replaces the two ends:

- the index (:func:`extract_docs`, :func:`index_json`): one entry per page
  section with its title and short text, instead of every table cell;
- the worker (``kamgen/assets/search/worker.js``): MiniSearch with the Orama
  Snowball-family stemmers, applied in the browser to the index and to the
  query alike, so ``договоры`` finds ``договора`` and ``Client 17`` ranks
  above ``Client 170``.

Nothing here imports MkDocs; the plugin calls these functions from its hooks.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from kamgen.search.page_text import (
    BOILERPLATE_LENGTH,
    BOILERPLATE_PAGES,
    SearchDoc,
    boilerplate,
    extract_docs,
    without_boilerplate,
    without_pieces,
)

__all__ = [
    "INDEX",
    "PLAYBOOK_BOOST",
    "WORKER",
    "PageIndex",
    "SearchDoc",
    "assets",
    "extract_docs",
    "index_json",
    "use_worker",
    "without_boilerplate",
]

# The worker and the libraries it loads (with their licences), shipped with every site.
SOURCE = Path(__file__).resolve().parent.parent / "assets" / "search"
FILES = ("worker.js", "search-libs.js", "THIRD-PARTY-LICENSES.txt")
FOLDER = "assets/kamgen/search"  # where they are in a built site
WORKER = f"{FOLDER}/worker.js"
PLAYBOOK_BOOST = 2.0  # weight of playbook pages (playbooks/…) against account and people pages
INDEX = "search/search_index.json"  # where Material's search box fetches the index from

# Material's separator, used by its highlighter on the page a result leads to.
DEFAULT_CONFIG: dict[str, Any] = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": [], "fields": {}}
_CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)
_MATERIAL_WORKER = "assets/javascripts/workers/"


def assets() -> dict[str, Path]:
    """The search files for a docs tree: docs path → packaged file."""
    return {f"{FOLDER}/{name}": SOURCE / name for name in FILES}


def index_json(docs: Iterable[SearchDoc], material_config: Mapping[str, Any] | None = None) -> str:
    """The search index file: Material's ``config`` (its page highlighter reads the
    separator) and kamgen's documents."""
    return "".join(_index_parts(list(docs), material_config))


def _index_parts(docs: list[SearchDoc], material_config: Mapping[str, Any] | None) -> Iterator[str]:
    common = boilerplate(docs)
    # What json.dumps({"config": …, "docs": […]}) writes, in pieces.
    yield _head(material_config)
    for i, doc in enumerate(docs):
        yield ("," if i else "") + _doc_json(doc, common)
    yield "]}"


def _doc_json(doc: SearchDoc, common: set[str]) -> str:
    return _dumps(without_pieces(doc, common).as_json())


def _head(material_config: Mapping[str, Any] | None) -> str:
    config = dict(material_config) if material_config else dict(DEFAULT_CONFIG)
    config["engine"] = "kamgen"
    return '{"config":' + _dumps(config) + ',"docs":['


class PageIndex:
    """The search documents of a site, page by page, for a site rebuilt a few pages at a time.

    ``kamgen serve`` keeps one between rebuilds: a rebuild replaces the
    documents of the pages it wrote, and :meth:`write` serializes only those
    again (``keep_json``). The file is written a page at a time (at 10,000
    accounts it is 70 MB) and is :func:`index_json` of all documents in page order.
    """

    def __init__(self, *, keep_json: bool = False) -> None:
        self.keep_json = keep_json
        self._docs: dict[str, list[SearchDoc]] = {}
        self._json: dict[str, str] = {}  # page → its documents as JSON, for the boilerplate in _common
        self._where: dict[str, dict[str, int]] = {}  # long piece → page location → documents holding it
        self._common: set[str] = set()

    def __contains__(self, page: object) -> bool:
        return page in self._docs

    def pages(self) -> list[str]:
        return list(self._docs)

    def set(self, page: str, docs: list[SearchDoc]) -> None:
        self.remove(page)
        self._docs[page] = docs
        self._count(docs, 1)

    def remove(self, page: str) -> None:
        self._json.pop(page, None)
        old = self._docs.pop(page, None)
        if old:
            self._count(old, -1)

    def _count(self, docs: list[SearchDoc], step: int) -> None:
        for doc in docs:
            for piece in doc.pieces:
                if len(piece) < BOILERPLATE_LENGTH:
                    continue
                where = self._where.setdefault(piece, {})
                count = where.get(doc.page, 0) + step
                if count:
                    where[doc.page] = count
                else:
                    del where[doc.page]
                    if not where:
                        del self._where[piece]

    def write(self, path: Path, order: Iterable[str], material_config: Mapping[str, Any] | None = None) -> None:
        """Write the index of the pages in ``order`` (pages without documents are skipped)."""
        common = {piece for piece, where in self._where.items() if len(where) >= BOILERPLATE_PAGES}
        if common != self._common:
            self._json.clear()
            self._common = common
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as out:
            out.write(_head(material_config))
            first = True
            for page in order:
                docs = self._docs.get(page)
                if not docs:
                    continue
                text = self._json.get(page)
                if text is None:
                    text = ",".join(_doc_json(doc, common) for doc in docs)
                    if self.keep_json:
                        self._json[page] = text
                out.write(text if first else "," + text)
                first = False
            out.write("]}")


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def use_worker(page_html: str, worker: str = WORKER) -> str:
    """Point Material's search box at kamgen's worker in one built page.

    The worker URL lives in the page's ``__config`` JSON, relative to the page;
    kamgen's worker is put at the same place relative to the site root.
    """
    match = _CONFIG_SCRIPT.search(page_html)
    if match is None:
        return page_html
    try:
        config = json.loads(match.group(2))
    except json.JSONDecodeError:
        return page_html
    current = config.get("search")
    if not isinstance(current, str):
        return page_html
    if _MATERIAL_WORKER in current:
        prefix = current.split(_MATERIAL_WORKER, 1)[0]
    else:
        prefix = str(config.get("base", ".")).rstrip("/") + "/"
    config["search"] = prefix + worker
    # As Jinja's tojson does: nothing in the JSON can close the script element.
    text = json.dumps(config, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")
    return page_html[: match.start(2)] + text + page_html[match.end(2) :]
