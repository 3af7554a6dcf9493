"""Golden files: the Markdown the engine generates for the fixture portfolio.

After an intended change, regenerate and review the diff:

    KAMGEN_UPDATE_GOLDEN=1 pytest tests/render/test_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kamgen.build import pipeline
from kamgen.mkdocs_yml import load_project
from tests.support import FIXTURE, replace_golden

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
UPDATE = os.environ.get("KAMGEN_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return pipeline.generate(load_project(FIXTURE / "mkdocs.yml")).pages


def test_generated_page_set_matches_golden(pages: dict[str, str]) -> None:
    if UPDATE:
        replace_golden(GOLDEN, ".md", pages)
    expected = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md"))
    assert sorted(pages) == expected


@pytest.mark.parametrize("path", sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")))
def test_generated_page_matches_golden(pages: dict[str, str], path: str) -> None:
    assert pages.get(path) == (GOLDEN / path).read_text(encoding="utf-8"), (
        f"{path} differs from tests/golden; if the change is intended, run "
        "KAMGEN_UPDATE_GOLDEN=1 pytest tests/render/test_golden.py and review the diff"
    )
