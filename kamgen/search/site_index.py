"""The files of the search index in a built site, and :class:`PageIndex`, which
keeps them for a site rebuilt a few pages at a time.

``search/search_index.json`` is the file Material's search box fetches on every
page view: kamgen keeps it tiny — Material's ``config`` (its page highlighter
reads the separator) with kamgen's manifest in it, and no documents. The
worker fetches the rest when the person types (:mod:`kamgen.search.shards`):

- ``search/kamgen/s/<n>.json``: shard n of the word forms (``manifest.shards[n]``
  is the beginning its forms share);
- ``search/kamgen/p/<n>.json``: the records of page n (location, title, text of
  the page and each of its sections), for the results shown.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from html import unescape
from pathlib import Path
from typing import Any

from kamgen.search import shards
from kamgen.search.page_text import BOILERPLATE_LENGTH, BOILERPLATE_PAGES, SearchDoc, without_pieces

INDEX = "search/search_index.json"  # where Material's search box fetches the index from
FOLDER = "kamgen"  # next to it: the shards and the page records
# Material's separator, used by its highlighter on the page a result leads to.
DEFAULT_CONFIG: dict[str, Any] = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": [], "fields": {}}


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def index_files(
    pages: list[tuple[list[SearchDoc], shards.PageTerms]], material_config: Mapping[str, Any] | None = None
) -> dict[str, str]:
    """Every file of the index of ``pages`` (in page order): path under ``search/`` → its text."""
    documents = sum(min(len(docs), 1 << shards.SHIFT) for docs, _ in pages)
    encoded = {
        form: shards.encode(entries, documents)
        for form, entries in shards.postings((n, terms) for n, (_, terms) in enumerate(pages)).items()
    }
    split = shards.split({form: len(form) + len(text) + 4 for form, text in encoded.items()})
    files = {
        f"{FOLDER}/s/{n}.json": "{" + ",".join(f"{dumps(form)}:{encoded[form]}" for form in names) + "}"
        for n, (_, names) in enumerate(split)
    }
    for n, (docs, _) in enumerate(pages):
        files[f"{FOLDER}/p/{n}.json"] = dumps(shards.record(docs))
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name].encode())
    config = dict(material_config) if material_config else dict(DEFAULT_CONFIG)
    config["engine"] = "kamgen"
    config["kamgen"] = {
        "version": digest.hexdigest()[:12],
        "shift": shards.SHIFT,
        "shards": [prefix for prefix, _ in split],
        "pages": len(pages),
    }
    files["search_index.json"] = dumps({"config": config, "docs": []})
    return files


def read_docs(site: Path) -> list[dict[str, str]]:
    """Every document of a built site's index ({location, title, text} as plain text), in page order."""
    folder = site / "search" / FOLDER / "p"
    count = json.loads((site / INDEX).read_text(encoding="utf-8"))["config"]["kamgen"]["pages"]
    docs: list[dict[str, str]] = []
    for n in range(count):
        for location, title, text in json.loads((folder / f"{n}.json").read_text(encoding="utf-8")):
            docs.append({"location": location, "title": unescape(title), "text": unescape(text)})
    return docs


class PageIndex:
    """The search documents of a site, page by page, for a site rebuilt a few pages at a time.

    ``kamgen serve`` keeps one between rebuilds (``keep_json``): a rebuild
    replaces the documents of the pages it wrote; :meth:`write` analyses only
    those again and rewrites only the files whose contents changed. Whatever
    the history, the files are :func:`index_files` of all documents in page order.
    """

    def __init__(self, *, keep_json: bool = False) -> None:
        self.keep_json = keep_json
        self._docs: dict[str, list[SearchDoc]] = {}
        self._facets: dict[str, tuple[str, ...]] = {}
        self._terms: dict[str, tuple[tuple[str, ...], shards.PageTerms]] = {}  # page → (its facets, its forms)
        self._where: dict[str, dict[str, int]] = {}  # long piece → page location → documents holding it
        self._common: set[str] = set()
        self._written: dict[str, str] = {}  # file → digest of what was written there
        self._manifest: str | None = None  # the last search_index.json written (kept with keep_json)
        self._removed = False  # a page was removed since the last write

    def __contains__(self, page: object) -> bool:
        return page in self._docs

    def pages(self) -> list[str]:
        return list(self._docs)

    def set_facets(self, facets: Mapping[str, Iterable[str]]) -> None:
        """The filters each page answers to (page → ``tier:a``, ``owner:…``; see :mod:`kamgen.search.facets`)."""
        self._facets = {page: tuple(values) for page, values in facets.items()}

    def set(self, page: str, docs: list[SearchDoc]) -> None:
        self._drop(page)
        self._docs[page] = docs
        self._count(docs, 1)

    def remove(self, page: str) -> None:
        self._removed = self._drop(page) or self._removed

    def _drop(self, page: str) -> bool:
        self._terms.pop(page, None)
        old = self._docs.pop(page, None)
        if old:
            self._count(old, -1)
        return old is not None

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

    def _analysed(self, page: str, docs: list[SearchDoc]) -> shards.PageTerms:
        facets = self._facets.get(page, ())
        cached = self._terms.get(page)
        if cached is not None and cached[0] == facets:
            return cached[1]
        terms = shards.analyse(docs, facets)
        if self.keep_json:
            self._terms[page] = (facets, terms)
        return terms

    def write(self, path: Path, order: Iterable[str], material_config: Mapping[str, Any] | None = None) -> None:
        """Write the index of the pages in ``order`` (pages without documents are skipped);
        ``path`` is the site's ``search/search_index.json``."""
        common = {piece for piece, where in self._where.items() if len(where) >= BOILERPLATE_PAGES}
        if common != self._common:
            self._terms.clear()
            self._common = common
        pages = []
        for page in order:
            docs = [without_pieces(doc, common) for doc in self._docs.get(page) or []]
            if docs:
                pages.append((docs, self._analysed(page, docs)))
        files = index_files(pages, material_config)
        folder = path.parent
        for name, text in files.items():
            digest = hashlib.sha256(text.encode()).hexdigest()
            target = folder / name
            if self._written.get(name) == digest and target.is_file():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            if self.keep_json:
                self._written[name] = digest
        _remove_others(folder / FOLDER, {folder / name for name in files})
        self._written = {name: digest for name, digest in self._written.items() if name in files}
        if self.keep_json:
            self._manifest = files["search_index.json"]
        self._removed = False

    def restore(self, path: Path) -> bool:
        """Write the manifest of the last :meth:`write` again (something else overwrote it); False if
        there is none, or a page was removed since (its results must go at once)."""
        if self._manifest is None or self._removed:
            return False
        path.write_text(self._manifest, encoding="utf-8")
        return True


def _remove_others(folder: Path, keep: set[Path]) -> None:
    """Delete the shard and record files of an earlier index (only ours: <n>.json in s/ and p/)."""
    for sub in ("s", "p"):
        if not (folder / sub).is_dir():
            continue
        for file in (folder / sub).iterdir():
            if file.suffix == ".json" and file.stem.isdigit() and file not in keep:
                file.unlink()
