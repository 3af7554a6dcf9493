"""Converting kamgen's pages fast: on all cores, and only the pages that changed.

MkDocs converts each page's Markdown to HTML one after the other, on one
core, on every build. For the pages kamgen generates, the plugin instead

- converts, before MkDocs asks, every page the cache lacks, on all cores
  (:func:`kamgen.util.parallel.fork_map`), and
- keeps each converted page between builds, keyed by its Markdown, its path,
  the site's Markdown settings, the set of pages links can point to, and the
  code of kamgen, MkDocs and Python-Markdown.

MkDocs then takes the result in place of its own conversion (``Page.render``),
which sets the same fields: the HTML, the table of contents, the title, the
anchors, and the warnings the conversion logged (shown again on every build,
or a broken link would warn only once). A page another plugin changed in
``on_page_markdown`` is converted the usual way. Charts are set aside during
conversion (:mod:`kamgen.render.figures`) and search documents are extracted
with the conversion, so a page taken from the cache costs almost nothing.
Every converted page is cleaned (:mod:`kamgen.render.sanitize`) before it is
kept or handed to MkDocs, so the cache holds only clean pages.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from kamgen import search
from kamgen.plugin.patches import rendered_title, replace_render, set_current_page, set_rendered_title
from kamgen.render import figures, sanitize
from kamgen.util.parallel import can_fork, fork_map
from kamgen.util.store import code_fingerprint, fingerprint, read_entry, write_entry

# Pages to convert before forking pays off.
PARALLEL_FROM = 40
# Loggers whose records a conversion may write (MkDocs' link checks, Markdown extensions).
CAPTURED_LOGGERS = ("mkdocs", "MARKDOWN")

Extract = Callable[[str, Page], list[search.SearchDoc]]


@dataclass(frozen=True)
class Converted:
    """What ``Page.render`` sets, for one page's Markdown (figures still as tokens)."""

    markdown_sha: str
    content: str
    toc: TableOfContents
    title: str | None
    anchors: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    logged: tuple[logging.LogRecord, ...]
    docs: tuple[search.SearchDoc, ...] | None  # search documents, when the site is searched

    def apply(self, page: Page, files: Files) -> None:
        page.content = self.content
        page.toc = self.toc
        set_rendered_title(page, self.title)
        page.present_anchor_ids = set(self.anchors)
        if self.links_to_anchors is not None:
            linked = ((files.get_file_from_path(uri), anchors) for uri, anchors in self.links_to_anchors.items())
            page.links_to_anchors = {file: anchors for file, anchors in linked if file is not None}
        for record in self.logged:
            logging.getLogger(record.name).handle(record)


# Libraries whose version changes what a page converts to.
CONVERTERS = ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material")


def _settings_fingerprint(config: MkDocsConfig, files: Files) -> str:
    """Everything besides a page's own Markdown that its conversion depends on."""
    parts: list[str | bytes] = [code_fingerprint(*CONVERTERS)]
    settings = {
        "extensions": config.markdown_extensions,
        "configs": config.mdx_configs,
        "directory_urls": config.use_directory_urls,
        "validation": config.validation,
        "log_level": logging.getLogger("mkdocs").getEffectiveLevel(),
    }
    # Objects print with their address; what counts is their type and settings.
    parts.append(re.sub(r" at 0x[0-9a-f]+", "", json.dumps(settings, default=repr, sort_keys=True)))
    if config.config_file_path and Path(config.config_file_path).is_file():
        parts.append(Path(config.config_file_path).read_bytes())
    for file in sorted(files, key=lambda f: f.src_uri):  # which links resolve, and how
        parts += [file.src_uri, file.dest_uri, file.inclusion.name]
    return fingerprint(*parts)


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args, record.exc_info, record.exc_text = record.getMessage(), None, None, None
        self.records.append(record)


@contextmanager
def _capturing(*, silent: bool) -> Iterator[_Capture]:
    """Collect what a conversion logs; ``silent`` (in a worker) also keeps it off the console."""
    capture = _Capture()
    loggers = [logging.getLogger(name) for name in CAPTURED_LOGGERS]
    saved = [(logger.handlers, logger.propagate) for logger in loggers]
    for logger in loggers:
        if silent:
            logger.handlers, logger.propagate = [capture], False
        else:
            logger.addHandler(capture)
    try:
        yield capture
    finally:
        for logger, (handlers, propagate) in zip(loggers, saved, strict=True):
            if silent:
                logger.handlers, logger.propagate = handlers, propagate
            else:
                logger.removeHandler(capture)


class PageConverter:
    """Converts the pages kamgen generated, for one MkDocs build."""

    def __init__(
        self, config: MkDocsConfig, files: Files, uris: set[str], folder: Path | None, extract: Extract | None
    ) -> None:
        """``folder``: where this site and audience keep (and prune) their pages; None: keep none."""
        self.config = config
        self.files = files
        self.extract = extract
        self.uris = uris
        self.settings = _settings_fingerprint(config, files)
        # Without a cache (KAMGEN_NO_CACHE), pages converted ahead still wait on
        # disk, not in memory, in a folder of this build's own.
        self.keep = folder is not None
        self.folder = folder if folder is not None else Path(tempfile.mkdtemp(prefix="kamgen-pages-"))
        self.used: set[str] = set()  # cache entries of this build
        self._keys: dict[str, str] = {}

    def key(self, uri: str) -> str:
        if uri not in self._keys:
            file = self.files.get_file_from_path(uri)
            content = file.content_string if file is not None else ""
            self._keys[uri] = fingerprint(self.settings, uri, content)
        return self._keys[uri]

    # -- before MkDocs reads the pages -----------------------------------------
    def convert_ahead(self) -> None:
        """Convert on all cores the pages the cache lacks (when there are enough to pay).

        Each worker writes its pages to the cache folder itself; MkDocs then
        reads them from there one at a time, so they never all sit in memory.
        """
        todo = [uri for uri in sorted(self.uris) if not self._path(uri).is_file()]
        if len(todo) < PARALLEL_FROM or not can_fork():
            return  # MkDocs converts them one by one, and `converted` keeps them
        stored = fork_map(self._convert_and_store, todo, parallel_from=PARALLEL_FROM)
        self.used.update(name for name in stored if name is not None)

    def _convert_and_store(self, uri: str) -> str | None:
        """In a worker: convert ``uri`` and store it; the cache entry's name, or None if it could not be written."""
        return self._store(uri, self._convert_in_worker(uri))

    def _convert_in_worker(self, uri: str) -> Converted:
        file = self.files.get_file_from_path(uri)
        assert file is not None
        page = file.page or Page(None, file, self.config)
        page.read_source(self.config)
        assert page.markdown is not None
        stashed = figures.stash(page.markdown)
        page.markdown = stashed.markdown
        set_current_page(self.config, page)
        with _capturing(silent=True) as capture:
            Page.render(page, self.config, self.files)
        assert page.content is not None
        page.content = sanitize.clean(page.content)
        docs = self.extract(figures.for_search(page.content, stashed.figures), page) if self.extract else None
        result = self._result(page, page.markdown, capture.records, docs)
        page.markdown = page.content = None  # a worker converts thousands of pages: keep none of them
        return result

    def _result(
        self, page: Page, markdown: str, logged: list[logging.LogRecord], docs: list[search.SearchDoc] | None
    ) -> Converted:
        assert page.content is not None
        links = page.links_to_anchors
        return Converted(
            markdown_sha=fingerprint(markdown),
            content=page.content,
            toc=page.toc,
            title=rendered_title(page),
            anchors=frozenset(page.present_anchor_ids or ()),
            links_to_anchors=None if links is None else {file.src_uri: dict(a) for file, a in links.items()},
            logged=tuple(logged),
            docs=None if docs is None else tuple(docs),
        )

    # -- while MkDocs builds each page -------------------------------------------
    def take_over(self, page: Page) -> None:
        """Make MkDocs' conversion of ``page`` use the converted page when its Markdown is the same."""
        uri = page.file.src_uri
        if uri not in self.uris:
            return

        def render(config: MkDocsConfig, files: Files) -> None:
            converted, markdown = self._cached(uri), page.markdown
            if converted is not None and markdown is not None and converted.markdown_sha == fingerprint(markdown):
                converted.apply(page, files)  # cleaned when it was converted
                page.kamgen_converted = converted  # type: ignore[attr-defined]
                page.kamgen_clean = True  # type: ignore[attr-defined]
                return
            with _capturing(silent=False) as capture:
                Page.render(page, config, files)
            page.content = sanitize.clean(page.content or "")
            page.kamgen_logged = capture.records  # type: ignore[attr-defined]
            page.kamgen_clean = True  # type: ignore[attr-defined]

        replace_render(page, render)

    def search_docs(self, page: Page, html: str, stashed: tuple[str, ...]) -> list[search.SearchDoc] | None:
        """The page's search documents, from the cache when MkDocs used the converted page unchanged.

        ``stashed``: the page's figures, which ``html`` holds as tokens.
        """
        # Taken off the page: held there until the build ends, it would keep a second copy of every page.
        converted: Converted | None = vars(page).pop("kamgen_converted", None)
        if converted is not None and converted.docs is not None and converted.content == html:
            return list(converted.docs)
        if self.extract is None:
            return None
        return self.extract(figures.for_search(html, stashed), page)

    def converted(self, page: Page, html: str, docs: list[search.SearchDoc] | None) -> None:
        """Keep a page MkDocs converted itself, for the next build."""
        uri = page.file.src_uri
        logged = vars(page).pop("kamgen_logged", None)
        if not self.keep or uri not in self.uris or logged is None or page.markdown is None or html != page.content:
            return  # not kept, taken from the cache, not one of kamgen's, or changed by another plugin
        self._store(uri, self._result(page, page.markdown, logged, docs))

    # -- the cache on disk ----------------------------------------------------------
    def _path(self, uri: str) -> Path:
        return self.folder / f"{self.key(uri)}.pickle"

    def _cached(self, uri: str) -> Converted | None:
        path = self._path(uri)
        found = read_entry(path)
        if not isinstance(found, Converted):
            return None
        self.used.add(path.name)
        return found

    def _store(self, uri: str, converted: Converted) -> str | None:
        """Write ``converted`` to the cache; its entry's name, or None when the cache cannot be written."""
        path = self._path(uri)
        if not write_entry(path, converted):
            return None
        self.used.add(path.name)
        return path.name

    def finish(self, *, built: bool, prune: bool = True) -> None:
        """After the build: drop the pages it no longer used (``built`` and ``prune``), or this build's own folder.

        ``prune=False``: a build that converted only some pages (``kamgen serve``) keeps the others.
        """
        if not self.keep:
            shutil.rmtree(self.folder, ignore_errors=True)
            return
        if not built or not prune or not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name not in self.used:
                path.unlink(missing_ok=True)
