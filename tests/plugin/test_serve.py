"""`kamgen serve` as an editor lives with it: saves show up; a bad save keeps the last good site."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from benchmarks.serve_latency import Served, set_field, wait_until
from kamgen.build.serving import ServeState
from kamgen.config import KamgenOptions
from kamgen.render.site import DocsTree
from tests.support import ProjectFactory, copy_example

PAGE = "accounts/meridian-hotels/"


def test_serve_rebuilds_on_save_and_keeps_the_last_good_site(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "site")
    dossier = root / "accounts" / "meridian-hotels.yaml"
    with Served(root) as served:
        served.wait_ready(PAGE)

        set_field(dossier, "industry", "Boutique hospitality")
        assert wait_until(lambda: "Boutique hospitality" in served.get(PAGE)[1], timeout=60), served.output()

        # An invalid save: the terminal says what and where, the browser keeps the last good page.
        start = len(served.lines)
        set_field(dossier, "tier", "Z")
        assert served.wait_for_output("accounts/meridian-hotels.yaml:", start=start), served.output()
        assert served.wait_for_output("the browser keeps the last good site", start=start), served.output()
        assert served.wait_for_output("Reloading browsers", start=start), served.output()
        error = next(line for line in served.lines[start:] if "accounts/meridian-hotels.yaml:" in line)
        assert error.endswith("accounts/meridian-hotels.yaml:5:7: tier: 'Z' is not allowed (expected one of: A, B, C)")
        status, html = served.get(PAGE)
        assert status == 200
        assert "Boutique hospitality" in html, "the last good page is still served"
        assert served.get("")[0] == 200, "so is the rest of the site"

        # Fixed: the next save shows again.
        start = len(served.lines)
        set_field(dossier, "tier", "C")
        set_field(dossier, "industry", "Hotels and resorts")
        assert wait_until(lambda: "Hotels and resorts" in served.get(PAGE)[1], timeout=60), served.output()
        assert served.wait_for_output("the data is valid again", start=start), served.output()
    assert "Traceback" not in served.output()


def test_serve_shows_the_edited_plan_then_brings_the_portfolio_up_to_date(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "site")
    dossier = root / "accounts" / "meridian-hotels.yaml"
    with Served(root) as served:
        served.wait_ready(PAGE)
        start = len(served.lines)
        set_field(dossier, "name", "Meridian Grand Hotels")
        assert wait_until(lambda: "Meridian Grand Hotels" in served.get(PAGE)[1], timeout=60), served.output()
        assert served.wait_for_output("the rest of the site follows", start=start), served.output()
        # The portfolio's ranking and the owner's page follow once every page is rendered again.
        assert wait_until(lambda: "Meridian Grand Hotels" in served.get("")[1], timeout=60), served.output()
        assert served.wait_for_output("every page is up to date", start=start), served.output()
        owner = next(line for line in dossier.read_text(encoding="utf-8").splitlines() if line.startswith("owner:"))
        assert "Meridian Grand Hotels" in served.get(f"people/{owner.split(':')[1].strip()}/")[1]
    assert "Traceback" not in served.output()


def mkdocs_build(root: Path, command: str, *, start: bool = True) -> None:
    """A build as `mkdocs <command>` runs it; `start=False`: a rebuild of the same `mkdocs serve`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    if start:
        config.plugins.on_startup(command=command, dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/" if command == "serve" else None)


class Messages(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture
def kamgen_log() -> Iterator[list[str]]:
    """What the plugin logs (the terminal of `mkdocs serve`), whatever other tests did to MkDocs' loggers."""
    handler = Messages()
    logger = logging.getLogger("mkdocs.plugins.kamgen")
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


def test_a_serve_rebuild_with_bad_data_keeps_the_last_good_pages(
    make_project: ProjectFactory, kamgen_log: list[str]
) -> None:
    root = make_project(accounts={"acme": "name: Acme Retail\nowner: olena-koval\n"})
    mkdocs_build(root, "serve")
    page = root / "site" / "accounts" / "acme" / "index.html"
    assert "Acme Retail" in page.read_text(encoding="utf-8")
    (root / "accounts" / "acme.yaml").write_text("name: Acme Stores\nowner: nobody\n", encoding="utf-8")
    mkdocs_build(root, "serve", start=False)  # no exception: it completes with the last good tree
    assert "Acme Retail" in page.read_text(encoding="utf-8")
    assert kamgen_log == [
        "accounts/acme.yaml:2:8: owner: 'nobody' is not a person in team.yaml (fix the id or add the person)",
        "1 error in the portfolio data",
        "kamgen: the browser keeps the last good site; fix the problem above and save again",
    ]
    # A build (not a serve) with the same data still fails.
    with pytest.raises(Abort):  # MkDocs logs the PluginError's message, then aborts
        mkdocs_build(root, "build")


def test_serve_state_remembers_good_trees_per_site(tmp_path: Path) -> None:
    state = ServeState()
    a, b = tmp_path / "a", tmp_path / "b"
    assert state.fallback(a) is None, "nothing good yet: the first build must fail"
    tree = DocsTree(pages={"index.md": "# A\n"})
    assert state.built(a, tree) is False
    assert state.fallback(a) is tree
    assert state.fallback(b) is None
    assert state.built(a, DocsTree()) is True, "a good build after a failed one: fixed"


def test_compiled_templates_are_kept_only_for_the_same_mkdocs_yml(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: A\n", encoding="utf-8")
    state = ServeState()
    options = KamgenOptions()
    first = state.caches(config, options)
    assert state.caches(config, options) is first
    assert state.caches(config, KamgenOptions(audience="restricted")) is not first, "options compile in too"
    first = state.caches(config, options)
    config.write_text("site_name: A\ntheme: {language: ru}\n", encoding="utf-8")
    assert state.caches(config, options) is not first


class _FakeObserver:
    def __init__(self) -> None:
        self._timeout = 0.5


class _FakeServer:
    """Records the polling interval in force when each path is watched."""

    def __init__(self) -> None:
        self.observer = _FakeObserver()
        self.watched: dict[str, float] = {}

    def watch(self, path: str) -> None:
        self.watched[path] = self.observer._timeout


def test_small_portfolios_are_polled_faster_while_serving(make_project: ProjectFactory) -> None:
    from kamgen.plugin.live_serve import small
    from kamgen.plugin.patches import FAST_POLL_SECONDS, polling

    root = make_project(accounts={"acme": "name: Acme\nowner: olena-koval\n"})
    server = _FakeServer()
    with polling(server, fast=small(root / "accounts")):  # type: ignore[arg-type]
        server.watch("accounts")
    server.watch("docs")
    assert server.watched == {"accounts": FAST_POLL_SECONDS, "docs": 0.5}, "only kamgen's inputs poll faster"


def test_large_portfolios_keep_the_default_polling(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kamgen.plugin import live_serve
    from kamgen.plugin.patches import polling

    root = make_project(accounts={f"a{i}": "name: A\nowner: olena-koval\n" for i in range(3)})
    server = _FakeServer()
    monkeypatch.setattr(live_serve, "FAST_POLL_MAX_FILES", 2)
    with polling(server, fast=live_serve.small(root / "accounts")):  # type: ignore[arg-type]
        server.watch("accounts")
    assert server.watched == {"accounts": 0.5}
