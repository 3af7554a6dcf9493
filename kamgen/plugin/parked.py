"""kamgen's pages kept packed while MkDocs holds them (the plugin's memory).

MkDocs reads and converts every page first and writes them all afterwards,
so it holds every page's Markdown and HTML at once. For 10,000 plans that is
several gigabytes. For the pages kamgen generates:

- :class:`PackedFile` gives MkDocs the page's Markdown from the packed docs
  tree each time it is read, instead of holding it as text;
- :class:`Parking` packs a page's Markdown and HTML once every plugin has
  seen the converted page, and puts them back just before the page is
  written (``on_page_context``), and lets them go once it is written.
  Outside that window ``page.content`` holds :data:`PARKED`: a plugin that
  reads *other* pages' HTML (in ``on_env`` or ``on_post_build``) will not
  find kamgen's there.
"""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page

from kamgen.plugin.patches import ContentOnDemand
from kamgen.util.packed import pack, unpack

PARKED = "<!-- kamgen: this page's HTML is kept packed until the page is written -->"


class PackedFile(ContentOnDemand):
    """A generated Markdown page whose text stays packed until MkDocs reads it."""

    _packed: bytes | None = None
    _raw: bytes | None = None  # bytes a plugin set through ``content_bytes``, kept as given
    # ``kamgen serve``: whether MkDocs' dirty build should (re)write this page; None: always.
    write_decision: Callable[[str], bool] | None = None

    @classmethod
    def of(cls, config: MkDocsConfig, src_uri: str, packed: bytes, inclusion: InclusionLevel) -> PackedFile:
        # As File.generated does it, for the content alone.
        file = cls(src_uri, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls,
                   inclusion=inclusion)  # fmt: skip
        file.generated_by = "kamgen"
        file.abs_src_path = None
        file._packed = packed
        return file

    def is_modified(self) -> bool:
        # MkDocs asks this in a dirty build only, before it converts and before it writes the page.
        return True if self.write_decision is None else self.write_decision(self.src_uri)

    def load_content(self) -> str | bytes | None:
        if self._raw is not None:
            return self._raw
        return None if self._packed is None else unpack(self._packed)

    def keep_content(self, value: str | bytes | None) -> None:
        self._raw = value if isinstance(value, bytes) else None
        self._packed = pack(value) if isinstance(value, str) else None


class Parking:
    """The packed Markdown and HTML of converted pages, by src_uri, until each is written."""

    def __init__(self) -> None:
        self._parked: dict[str, tuple[bytes, bytes | None]] = {}

    def park(self, page: Page, html: str) -> str:
        """Keep ``html`` (and the page's Markdown) packed; what ``page.content`` holds meanwhile."""
        markdown = page.markdown
        self._parked[page.file.src_uri] = (pack(html), None if markdown is None else pack(markdown))
        page.markdown = None
        return PARKED

    def restore(self, page: Page) -> None:
        """Put the page's Markdown and HTML back, for its template and the plugins around it."""
        parked = self._parked.get(page.file.src_uri)
        if parked is None or page.content != PARKED:
            return
        html, markdown = parked
        page.content = unpack(html)
        page.markdown = None if markdown is None else unpack(markdown)

    def release(self, page: Page) -> None:
        """The page is written: let its text go (the site holds it now)."""
        if self._parked.pop(page.file.src_uri, None) is not None:
            page.content, page.markdown = PARKED, None

    def clear(self) -> None:
        self._parked.clear()
