"""benchmarks/engines.py runs end to end on a small portfolio (a smoke test: no timing assertions)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from benchmarks.engines import installed
from tests.support import REPO

pytestmark = pytest.mark.slow


def test_every_installed_engine_builds_the_same_pages() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.engines", "--accounts", "12"],
        cwd=REPO, capture_output=True, text=True, check=False, timeout=900,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr[-3000:]
    rows = {line.split("|")[1].strip(): line.split("|")[2:4] for line in done.stdout.splitlines()[4:]}
    assert list(rows) == ["mkdocs", "properdocs", "zensical"]
    measured = {engine: cells for engine, cells in rows.items() if installed(engine)}
    assert "mkdocs" in measured
    assert len({cells[1].strip() for cells in measured.values()}) == 1, f"same page count everywhere: {rows}"
    assert all(float(cells[0]) > 0 for cells in measured.values())
