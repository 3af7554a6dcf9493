"""A large portfolio's ranking by revenue is split into pages a browser opens quickly."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from kamgen.build import pipeline
from kamgen.mkdocs_yml import load_project
from kamgen.render import site
from kamgen.render.site import RankingPage, ranking_pages
from tests.support import ProjectFactory


def test_ranking_pages_cover_every_rank_once() -> None:
    assert ranking_pages(0) == []
    assert ranking_pages(500) == [RankingPage(1, 500, "index.md")]
    assert ranking_pages(1001) == [
        RankingPage(1, 500, "index.md"),
        RankingPage(501, 1000, "ranking/2.md"),
        RankingPage(1001, 1001, "ranking/3.md"),
    ]


def accounts(count: int) -> dict[str, str]:
    # Revenue falls with the number, so client-1 ranks first.
    return {
        f"client-{n}": f"name: Client {n}\nowner: olena-koval\nrevenue: {{2025: {1000 - n}}}\n"
        for n in range(1, count + 1)
    }


def ranked_names(page: str) -> list[str]:
    return re.findall(r"^\| \d+ \| \[(Client \d+)\]", page, flags=re.MULTILINE)


def test_a_portfolio_larger_than_a_page_continues_on_ranking_pages(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(site, "RANKING_PAGE_SIZE", 2)
    pages = pipeline.generate(load_project(make_project(accounts=accounts(5)) / "mkdocs.yml")).pages

    assert ranked_names(pages["index.md"]) == ["Client 1", "Client 2"]
    assert ranked_names(pages["ranking/2.md"]) == ["Client 3", "Client 4"]
    assert ranked_names(pages["ranking/3.md"]) == ["Client 5"]
    assert "ranking/4.md" not in pages
    assert "title: Accounts ranked 3–4" in pages["ranking/2.md"]
    assert "All 5 accounts by rank, 2 a page:" in pages["index.md"]
    assert "**1–2** · [3–4](ranking/2.md) · [5–5](ranking/3.md)" in pages["index.md"]
    assert "[1–2](../index.md) · **3–4** · [5–5](3.md)" in pages["ranking/2.md"]
    assert "[Portfolio](../index.md)" in pages["ranking/3.md"]


def test_a_portfolio_of_one_page_has_no_pager(make_project: ProjectFactory) -> None:
    pages = pipeline.generate(load_project(make_project(accounts=accounts(3)) / "mkdocs.yml")).pages
    assert ranked_names(pages["index.md"]) == ["Client 1", "Client 2", "Client 3"]
    assert "a page:" not in pages["index.md"]
    assert not [path for path in pages if path.startswith("ranking/")]


RUN = "import sys, kamgen.render.site as s; s.RANKING_PAGE_SIZE = 2; from kamgen.cli import main; main()"


def test_ranking_pages_build_without_warnings_and_link_back(make_project: ProjectFactory) -> None:
    root = make_project(accounts=accounts(5))
    result = subprocess.run(
        [sys.executable, "-c", RUN, "build", "--strict", "-f", str(root / "mkdocs.yml")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    second = (root / "site" / "ranking" / "2" / "index.html").read_text(encoding="utf-8")
    assert "Client 3" in second and "Client 1" not in second
    assert 'href="../3/"' in second and 'href="../../"' in second
