"""Pages converted on all cores and kept between builds: the same site as converting each anew.

Builds run in a fresh process, as `kamgen build` does, with the thresholds
lowered so that even the example site is converted ahead on all cores.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kamgen.search import read_docs
from tests.support import TODAY, ProjectFactory, copy_example

# Runs the CLI with the parallel thresholds set (a huge one keeps everything in one process).
RUN = "import sys, kamgen.plugin.pagecache as p, kamgen.render.site as s; p.PARALLEL_FROM = s.PARALLEL_FROM = int(sys.argv.pop(1)); from kamgen.cli import main; main()"


def build(
    root: Path, site: Path, cache: Path | None, *extra: str, parallel: bool, strict: bool = False
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KAMGEN_CACHE_DIR": str(cache or root / "unused-cache")}
    if cache is None:
        env["KAMGEN_NO_CACHE"] = "1"
    threshold = "1" if parallel else "1000000"
    command = ["build", "-f", str(root / "mkdocs.yml"), "-d", str(site), "--today", TODAY, *extra]
    if strict:
        command.append("--strict")
    return subprocess.run([sys.executable, "-c", RUN, threshold, *command], capture_output=True, text=True, env=env)


def files_of(site: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            found[path.relative_to(site).as_posix()] = gzip.decompress(data) if path.suffix == ".gz" else data
    return found


def test_parallel_and_cached_builds_write_the_same_site_as_a_plain_one(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "src")
    cache = tmp_path / "cache"
    plain = build(root, tmp_path / "plain", None, parallel=False)
    assert plain.returncode == 0, plain.stderr
    parallel = build(root, tmp_path / "parallel", cache, parallel=True)
    assert parallel.returncode == 0, parallel.stderr
    assert len(list(cache.rglob("*.pickle"))) > 30, "every generated page was kept"
    cached = build(root, tmp_path / "cached", cache, parallel=False)
    assert cached.returncode == 0, cached.stderr

    expected = files_of(tmp_path / "plain")
    assert "accounts/northwind-logistics/index.html" in expected
    assert files_of(tmp_path / "parallel") == expected
    assert files_of(tmp_path / "cached") == expected


def test_an_edited_dossier_shows_in_the_rebuilt_plan_and_search(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "src")
    cache = tmp_path / "cache"
    assert build(root, tmp_path / "site", cache, parallel=True).returncode == 0
    dossier = root / "accounts" / "northwind-logistics.yaml"
    text = dossier.read_text(encoding="utf-8")
    dossier.write_text(text.replace("Cut dock-to-stock time", "Halve unloading time"), encoding="utf-8")
    rebuilt = build(root, tmp_path / "site", cache, parallel=True)
    assert rebuilt.returncode == 0, rebuilt.stderr

    plan = (tmp_path / "site" / "accounts" / "northwind-logistics" / "index.html").read_text(encoding="utf-8")
    assert "Halve unloading time" in plan and "Cut dock-to-stock time" not in plan
    texts = " ".join(doc["text"] for doc in read_docs(tmp_path / "site"))
    assert "Halve unloading time" in texts and "Cut dock-to-stock time" not in texts


@pytest.mark.parametrize("parallel", [False, True], ids=["one by one", "on all cores"])
def test_a_broken_link_warns_on_every_build_not_only_the_first(
    make_project: ProjectFactory, tmp_path: Path, parallel: bool
) -> None:
    playbook = "---\nproduces: page\ntitle: Guide\n---\n# Guide\n\nSee [the old guide](old-guide.md).\n"
    root = make_project(accounts={"acme": "name: Acme\nowner: olena-koval\n"}, playbooks={"guide.md": playbook})
    cache = tmp_path / "cache"
    kept: list[dict[str, int]] = []
    for attempt in ("first", "cached"):
        result = build(root, tmp_path / f"site-{attempt}", cache, parallel=parallel, strict=True)
        assert result.returncode != 0, f"{attempt} build passed --strict despite the broken link"
        assert "old-guide.md" in result.stderr + result.stdout, attempt
        kept.append({p.name: p.stat().st_mtime_ns for p in cache.rglob("*.pickle")})
    assert kept[0] and kept[1] == kept[0], "the second build took every page from the cache, warning included"


def test_each_audience_keeps_its_own_pages(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "src")
    cache = tmp_path / "cache"
    assert build(root, tmp_path / "internal", cache, parallel=True).returncode == 0
    internal = {p.name: p.stat().st_mtime_ns for p in cache.glob("*/pages-internal/*.pickle")}
    assert build(root, tmp_path / "restricted", cache, "--audience", "restricted", parallel=True).returncode == 0
    assert list(cache.glob("*/pages-restricted/*.pickle")), "the restricted pages are kept apart"
    assert {p.name: p.stat().st_mtime_ns for p in cache.glob("*/pages-internal/*.pickle")} == internal, (
        "building one audience neither prunes nor rewrites the other's pages"
    )


def test_without_a_cache_pages_converted_ahead_leave_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_example(tmp_path / "src")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))  # where the build keeps the pages it converted ahead
    result = build(root, tmp_path / "site", None, parallel=True)
    assert result.returncode == 0, result.stderr
    plan = tmp_path / "site" / "accounts" / "northwind-logistics" / "index.html"
    assert "Northwind" in plan.read_text(encoding="utf-8")
    assert not (root / "unused-cache").exists(), "KAMGEN_NO_CACHE keeps nothing in the cache folder"
    assert list(scratch.iterdir()) == [], "the build's own folder of converted pages is gone"
