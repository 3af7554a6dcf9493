"""Each workaround of kamgen/plugin/patches.py still has its effect on the installed MkDocs, Material and watchdog.

They reach past the public API, so an upgrade may break them silently. Run this
file first when upgrading: each test fails when the private thing its
workaround relies on goes away or changes.
"""

from __future__ import annotations

import copy
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils.yaml import RelativeDirPlaceholder

from kamgen.plugin.patches import (
    FAST_POLL_SECONDS,
    ContentOnDemand,
    FreshEntries,
    polling,
    rendered_title,
    replace_render,
    set_current_page,
    set_rendered_title,
    skip_material_indexing,
)

PAGE = "# The heading\n\nWritten in Markdown.\n"


def site_config(root: Path, text: str = "site_name: A\n", **overrides: object) -> MkDocsConfig:
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text(PAGE, encoding="utf-8")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    return load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"), **overrides)


def docs_file(config: MkDocsConfig, uri: str) -> File:
    return File(uri, src_dir=config.docs_dir, dest_dir=config.site_dir, use_directory_urls=True)


def rendered_page(config: MkDocsConfig) -> Page:
    file = docs_file(config, "index.md")
    page = Page(None, file, config)
    page.read_source(config)
    page.render(config, Files([file]))
    return page


def test_polling_makes_only_the_watches_added_inside_poll_faster(tmp_path: Path) -> None:
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        assert hasattr(server.observer, "_timeout"), "watchdog's PollingObserver keeps its interval in _timeout"
        for name in ("accounts", "docs"):
            (tmp_path / name).mkdir()
        with polling(server, fast=True):
            server.watch(str(tmp_path / "accounts"))
        server.watch(str(tmp_path / "docs"))
        intervals = {Path(emitter.watch.path).name: emitter.timeout for emitter in server.observer.emitters}
    finally:
        server.server_close()
    assert intervals == {"accounts": FAST_POLL_SECONDS, "docs": 0.5}


def test_material_search_indexes_no_page_once_skipped(tmp_path: Path) -> None:
    config = site_config(tmp_path, "site_name: A\ntheme: {name: material, font: false}\nplugins: [search]\n")
    material = config.plugins["material/search"]
    material.on_config(config)
    index = material.search_index
    page = rendered_page(config)
    material.on_page_context({}, page=page, config=config, nav=None)
    assert index.entries, "Material indexes the page in on_page_context through search_index.add_entry_from_context"
    index.entries.clear()
    skip_material_indexing(config)
    material.on_page_context({}, page=page, config=config, nav=None)
    assert index.entries == []


def test_the_rendered_title_is_read_and_set_where_mkdocs_keeps_it(tmp_path: Path) -> None:
    config = site_config(tmp_path)
    page = rendered_page(config)
    assert rendered_title(page) == "The heading"
    set_rendered_title(page, "Taken from the cache")
    assert page.title == "Taken from the cache"


def test_the_current_page_is_the_one_markdown_extensions_resolve_against(tmp_path: Path) -> None:
    config = site_config(tmp_path)
    page = Page(None, docs_file(config, "plans/acme.md"), config)
    set_current_page(config, page)
    assert Path(RelativeDirPlaceholder(config).value()) == Path(config.docs_dir) / "plans"


class _TakeOver(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        def render(config: MkDocsConfig, files: Files) -> None:
            page.content = "<p>Converted ahead by kamgen.</p>"

        replace_render(page, render)
        return page


def test_a_build_converts_the_page_with_the_render_put_in_its_place(tmp_path: Path) -> None:
    config = site_config(tmp_path)
    config.plugins["take-over"] = _TakeOver()
    build(config)
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Converted ahead by kamgen." in html
    assert "Written in Markdown." not in html


class _Store(ContentOnDemand):
    kept: str | bytes | None = None

    def load_content(self) -> str | bytes | None:
        return self.kept

    def keep_content(self, value: str | bytes | None) -> None:
        self.kept = value


def test_mkdocs_reads_and_sets_generated_content_through_the_subclass(tmp_path: Path) -> None:
    config = site_config(tmp_path)
    file = _Store("calendar.ics", src_dir=None, dest_dir=config.site_dir, use_directory_urls=True)
    file.abs_src_path = None
    file.content_string = "BEGIN:VCALENDAR\n"
    assert file.kept == "BEGIN:VCALENDAR\n", "MkDocs stores generated content in File._content"
    file.kept = "BEGIN:VCALENDAR\nEND:VCALENDAR\n"
    assert file.content_bytes == b"BEGIN:VCALENDAR\nEND:VCALENDAR\n"
    assert file.is_modified()
    file.copy_file()
    assert Path(file.abs_dest_path).read_text(encoding="utf-8") == "BEGIN:VCALENDAR\nEND:VCALENDAR\n"


def test_fresh_entries_keep_their_options_on_every_load(tmp_path: Path) -> None:
    entries = [{"search": {"min_search_length": 2}}]
    plain = copy.deepcopy(entries)
    site_config(tmp_path, plugins=plain)
    assert plain == [{}], "MkDocs empties each {name: options} entry while validating it (else FreshEntries may go)"
    fresh = FreshEntries(entries)
    for _ in range(2):
        config = site_config(tmp_path, plugins=fresh)
        assert config.plugins["search"].config.min_search_length == 2
