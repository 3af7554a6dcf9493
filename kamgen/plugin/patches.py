"""Every place kamgen reaches into MkDocs, Material or watchdog past their public API.

Each workaround below names the version it was written for, why it exists and
what happens when an upgrade breaks it. ``tests/plugin/test_patches.py`` holds
one test per workaround that fails when the private thing it relies on goes
away or changes: when upgrading MkDocs, Material or watchdog, run it first.

Written for MkDocs 1.6.1, mkdocs-material 9.8.2 and watchdog 7.1.0.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

# MkDocs polls for changes every 0.5 s; an editor saving a dossier should see it sooner.
FAST_POLL_SECONDS = 0.1


@contextmanager
def polling(server: LiveReloadServer, *, fast: bool) -> Iterator[None]:
    """Watches added inside poll faster when ``fast`` (watchdog reads the interval when a watch is added).

    watchdog 7.1.0: ``PollingObserver`` keeps its interval in the private
    ``_timeout`` and hands it to each emitter it starts; MkDocs 1.6.1 exposes
    the observer as ``LiveReloadServer.observer``. Neither has a public way to
    set it per watch. If either disappears, every watch keeps MkDocs' 0.5 s.
    """
    observer = getattr(server, "observer", None)
    default = getattr(observer, "_timeout", None)
    if default is None or not fast:
        yield
        return
    observer._timeout = FAST_POLL_SECONDS  # type: ignore[union-attr]
    try:
        yield
    finally:
        observer._timeout = default  # type: ignore[union-attr]


def skip_material_indexing(config: MkDocsConfig) -> None:
    """Keep Material's search box and settings, but not its parsing of every page.

    mkdocs-material 9.8.2: the search plugin's ``search_index`` attribute and
    its ``add_entry_from_context`` method, called in ``on_page_context``.
    kamgen writes the index itself (on_post_build), so Material's own index of
    the pages is thrown away; building it costs a sixth of a build. If a
    Material release renames either, nothing changes but the time.
    """
    index = getattr(config.plugins.get("material/search"), "search_index", None)
    if index is not None and hasattr(index, "add_entry_from_context"):
        index.add_entry_from_context = lambda page: None


def rendered_title(page: Page) -> str | None:
    """The title ``Page.render`` found in the page's first heading.

    MkDocs 1.6.1 keeps it in the private ``Page._title_from_render`` (``Page.title``
    falls back to it). The page cache stores it with the converted HTML. If it
    goes away, the test of this module fails; pages from the cache would lose
    the title their heading gives them.
    """
    return page._title_from_render


def set_rendered_title(page: Page, title: str | None) -> None:
    """Give ``page`` the title a conversion found, as ``Page.render`` does (see :func:`rendered_title`)."""
    page._title_from_render = title


def set_current_page(config: MkDocsConfig, page: Page) -> None:
    """Tell Markdown extensions which page is converted, as MkDocs' build does before ``Page.render``.

    MkDocs 1.6.1 keeps it in ``MkDocsConfig._current_page`` (read by the
    ``!relative`` YAML tag of ``markdown_extensions``). A page converted ahead
    in a worker process must set it itself. If MkDocs renames it, options
    given with ``!relative`` resolve against no page in converted-ahead pages.
    """
    config._current_page = page


def replace_render(page: Page, render: Callable[[MkDocsConfig, Files], None]) -> None:
    """Make MkDocs' build call ``render`` instead of ``Page.render`` for this one page.

    MkDocs 1.6.1's ``_populate_page`` calls ``page.render(config, files)`` on
    the instance, between the ``on_pre_page`` and ``on_page_content`` events.
    There is no event in between, so the page cache replaces the method on the
    page. If MkDocs stops calling it there, each page is converted as usual
    (the cache still works, but does not save the conversion).
    """
    page.render = render  # type: ignore[method-assign,assignment]


class ContentOnDemand(File):
    """A generated file whose content is produced each time MkDocs reads it, and kept as a subclass likes.

    MkDocs 1.6.1's ``File`` keeps generated content in the private ``_content``
    and reads it from there alone (``content_string``, ``content_bytes``,
    ``copy_file``, ``is_modified``): a property in its place decides how it is
    held. If MkDocs reads it another way, generated pages come out empty; the
    test of this module and every site test fail.
    """

    @property
    def _content(self) -> str | bytes | None:
        return self.load_content()

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        self.keep_content(value)

    def load_content(self) -> str | bytes | None:
        raise NotImplementedError

    def keep_content(self, value: str | bytes | None) -> None:
        raise NotImplementedError


class FreshEntries(list[Any]):
    """A plugins list that hands out copies of its entries.

    ``mkdocs serve`` passes the same keyword arguments to every reload of the
    configuration, and MkDocs 1.6.1 empties each ``{name: options}`` entry while
    validating it (``Plugins._parse_configs`` pops the item): without copies the
    second rebuild would see an empty entry and fail. If MkDocs stops iterating
    the list (and copies it some other way), a serve rebuild with ``--audience``
    or ``--today`` fails on an invalid plugins configuration.
    """

    def __iter__(self) -> Iterator[Any]:
        return (copy.deepcopy(entry) for entry in super().__iter__())
