"""`kamgen serve` on a large portfolio: a save shows the edited plan first, then every page catches up.

The server runs MkDocs' dirty builds; kamgen says which pages changed. What
matters to an editor: the edited plan is written at once, nothing else is
rewritten in that step, and after the follow-up refresh the site is exactly
what a fresh build of the same data gives — pages, removed pages, search.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from kamgen.build import pipeline
from kamgen.build.serving import InputWatch, LiveSite
from kamgen.config import Project
from kamgen.mkdocs_yml import load_project
from kamgen.plugin import KamgenPlugin
from kamgen.plugin.live_serve import LiveServe
from kamgen.search import read_docs
from tests.support import MINIMAL_MKDOCS, ProjectFactory

SERVE_URL = "http://127.0.0.1:8000/"
MKDOCS = MINIMAL_MKDOCS.replace("plugins:\n", "plugins:\n  - search\n")


def dossier(name: str, revenue: int, industry: str = "Retail") -> str:
    return f"name: {name}\nowner: olena-koval\nindustry: {industry}\nrevenue: {{2025: {revenue}}}\n"


ACCOUNTS = {
    "acme": dossier("Acme Stores", 500),
    "beta": dossier("Beta Foods", 300),
    "gamma": dossier("Gamma Hotels", 200, "Hospitality"),
}


def serve_build(root: Path, site: Path, *, start: bool = False) -> LiveServe:
    """One build of `kamgen serve` (MkDocs' dirty serve); ``start``: the server's first. The plugin's serve state."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    if start:
        config.plugins.on_startup(command="serve", dirty=True)
    build(config, serve_url=SERVE_URL, dirty=True)
    plugin = config.plugins["kamgen"]
    assert isinstance(plugin, KamgenPlugin)
    assert plugin.serve is not None and plugin.serve.live is not None
    assert plugin.serve.live.wait_for_refresh(timeout=60), "the background refresh finished"
    return plugin.serve


def fresh_build(root: Path, site: Path) -> None:
    """What a newly started server shows for the same files."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url=SERVE_URL)


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def mtimes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def search_locations(site: Path) -> list[str]:
    return [doc["location"] for doc in read_docs(site)]


def search_files(site: Path) -> dict[str, str]:
    """Every file of the search index but the manifest, whose version names the build."""
    folder = site / "search"
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*.json")}


def touch_later(path: Path, text: str) -> None:
    """Rewrite ``path`` with a visibly newer modification time (coarse file systems included)."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


@pytest.fixture
def served(make_project: ProjectFactory, tmp_path: Path) -> tuple[Path, Path]:
    root = make_project(accounts=ACCOUNTS, mkdocs=MKDOCS)
    site = tmp_path / "served"
    serve_build(root, site, start=True)
    return root, site


def test_a_save_writes_the_edited_plan_first_and_the_refresh_matches_a_fresh_build(
    served: tuple[Path, Path], tmp_path: Path
) -> None:
    root, site = served
    before_pages, before_times = pages(site), mtimes(site)
    touch_later(root / "accounts" / "beta.yaml", dossier("Beta Foods", 900, "Groceries"))

    serve = serve_build(root, site)
    after = pages(site)
    assert "Groceries" in after["accounts/beta/index.html"], "the edited plan shows the edit"
    rewritten = {p for p, t in mtimes(site).items() if before_times.get(p) != t}
    assert rewritten <= {"accounts/beta/index.html", "404.html"}, "nothing else is rewritten in the quick step"
    assert after["index.html"] == before_pages["index.html"], "the portfolio waits for the refresh"
    assert serve.live is not None and serve.live.needs_refresh()

    serve = serve_build(root, site)  # the refresh the quick update asked for
    assert serve.live is not None and not serve.live.needs_refresh()
    fresh = tmp_path / "fresh"
    fresh_build(root, fresh)
    assert pages(site) == pages(fresh), "after the refresh, every page is what a fresh build gives"
    assert search_locations(site) == search_locations(fresh)
    assert search_files(site) == search_files(fresh), "the shards and records are a fresh build's"
    assert pages(site)["index.html"] != before_pages["index.html"], "the portfolio's ranking changed"


def test_a_removed_dossier_takes_its_page_and_search_entries_with_it(served: tuple[Path, Path], tmp_path: Path) -> None:
    root, site = served
    assert (site / "accounts" / "gamma" / "index.html").is_file()
    (root / "accounts" / "gamma.yaml").unlink()
    serve_build(root, site)
    assert not (site / "accounts" / "gamma").exists()
    assert not any(location.startswith("accounts/gamma/") for location in search_locations(site))
    serve_build(root, site)
    fresh = tmp_path / "fresh"
    fresh_build(root, fresh)
    assert pages(site) == pages(fresh)


def test_an_unchanged_rebuild_writes_no_page(served: tuple[Path, Path]) -> None:
    root, site = served
    before = mtimes(site)
    serve = serve_build(root, site)
    assert {p for p, t in mtimes(site).items() if before[p] != t} <= {"404.html"}
    assert serve.live is not None and not serve.live.needs_refresh()


def test_an_invalid_save_asks_for_no_further_build(served: tuple[Path, Path], tmp_path: Path) -> None:
    root, site = served
    touch_later(root / "accounts" / "acme.yaml", dossier("Acme Stores", 50))
    serve = serve_build(root, site)  # a quick update; its refresh is rendered, not yet written
    serve.refresh_dir = requests = tmp_path / "refresh"  # what the server watches (on_serve)
    requests.mkdir()
    touch_later(root / "accounts" / "acme.yaml", "name: Acme Stores\nowner: nobody\n")
    serve_build(root, site)
    assert not any(requests.iterdir()), "a build that failed on the data would only fail again"
    assert "Acme Stores" in (site / "accounts" / "acme" / "index.html").read_text(encoding="utf-8")


def test_a_roster_edit_renders_every_page_at_once(served: tuple[Path, Path], tmp_path: Path) -> None:
    root, site = served
    team = root / "team.yaml"
    touch_later(team, team.read_text(encoding="utf-8").replace("Olena Koval", "Olena Koval-Shevchenko"))
    serve = serve_build(root, site)
    assert serve.live is not None and not serve.live.needs_refresh(), "no quick step: the owner is on every plan"
    fresh = tmp_path / "fresh"
    fresh_build(root, fresh)
    assert pages(site) == pages(fresh)


def test_a_settings_change_rewrites_every_page(served: tuple[Path, Path], tmp_path: Path) -> None:
    root, site = served
    config = root / "mkdocs.yml"
    touch_later(config, config.read_text(encoding="utf-8").replace("Test portfolio", "Renamed portfolio"))
    serve_build(root, site)
    assert all("Renamed portfolio" in html for html in pages(site).values())


# -- the engine's side: which generation a rebuild gets ------------------------------------


def project_of(root: Path) -> Project:
    return load_project(root / "mkdocs.yml")


def test_a_newer_save_cancels_the_background_refresh_and_gets_its_quick_update(make_project: ProjectFactory) -> None:
    root = make_project(accounts=ACCOUNTS)
    project = project_of(root)
    live = LiveSite(root, project.environment.cache_dir)
    first = live.next(project)
    assert first.rendered is None, "the first build renders everything"

    touch_later(root / "accounts" / "acme.yaml", dossier("Acme Stores", 50))
    quick = live.next(project)
    assert quick.rendered == {"accounts/acme.md"}
    asked: list[str] = []
    live.refresh(project, lambda: asked.append("build"))  # waits: MkDocs is still building
    assert not live.wait_for_refresh(timeout=0.5), "no background work while MkDocs builds"

    touch_later(root / "accounts" / "gamma.yaml", dossier("Gamma Resorts", 200, "Hospitality"))
    newer = live.next(project)
    assert newer.rendered == {"accounts/gamma.md"}, "the newer save's plan comes first"
    assert "Gamma Resorts" in newer.tree.pages["accounts/gamma.md"]
    live.idle()
    live.refresh(project, lambda: asked.append("build"))
    assert live.wait_for_refresh(timeout=60)
    assert asked == ["build"], "only the refresh of the newest data asks for a build"

    refreshed = live.next(project)
    assert refreshed.rendered is None
    assert dict(refreshed.tree.pages) == dict(pipeline.generate(project).pages), "the refresh is a full generation"


def test_the_quick_update_keeps_every_other_page_as_it_was(make_project: ProjectFactory) -> None:
    root = make_project(accounts=ACCOUNTS)
    project = project_of(root)
    live = LiveSite(root, project.environment.cache_dir)
    first = live.next(project)
    touch_later(root / "accounts" / "acme.yaml", dossier("Acme Stores", 50))
    quick = live.next(project)
    for path in first.tree.pages:
        if path != "accounts/acme.md":
            assert quick.tree.pages.packed(path) == first.tree.pages.packed(path), path
    assert "Acme Stores" in quick.tree.pages["accounts/acme.md"]
    assert live.to_write(quick) == set(quick.tree.pages), "nothing was written yet: everything is due"


def test_a_newer_save_stops_the_build_writing_the_refresh_and_the_next_build_finishes_it(
    served: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, site = served
    touch_later(root / "accounts" / "acme.yaml", dossier("Acme Stores", 50))
    serve_build(root, site)  # the quick update; the refresh is rendered in the background
    portfolio = (site / "index.html").read_text(encoding="utf-8")
    monkeypatch.setattr(InputWatch, "changed", lambda self: True)  # as if a save came in meanwhile
    serve = serve_build(root, site)
    assert (site / "index.html").read_text(encoding="utf-8") == portfolio, "stopped before writing"
    assert serve.live is not None and serve.live.needs_refresh()
    monkeypatch.undo()
    serve = serve_build(root, site)
    assert serve.live is not None and not serve.live.needs_refresh()
    fresh = tmp_path / "fresh"
    fresh_build(root, fresh)
    assert pages(site) == pages(fresh)


def test_the_input_watch_sees_a_saved_dossier(make_project: ProjectFactory) -> None:
    root = make_project(accounts=ACCOUNTS)
    watch = InputWatch(project_of(root), interval=0)
    assert not watch.changed()
    touch_later(root / "accounts" / "beta.yaml", dossier("Beta Foods", 1))
    assert watch.changed()
