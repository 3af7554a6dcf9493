"""The benchmark harness runs end to end at N = 100 (a smoke test: no timing assertions)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.synthetic import write_site
from kamgen.data.load import load_portfolio
from tests.support import REPO

pytestmark = pytest.mark.slow


def run_harness(*args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", *args], cwd=REPO, capture_output=True, text=True, check=False,
        timeout=1200,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def test_harness_prints_the_table_and_the_targets() -> None:
    result = run_harness("--sizes", "100")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("machine: ")
    row = next(line for line in lines if line.startswith("| 100 |"))
    assert len(row.split("|")) == 19, "one figure per column"
    assert "—" not in row, "every figure measured"
    assert "kamgen build ≤ 1.15× mkdocs build" in result.stdout


def test_large_sizes_measure_kamgen_alone() -> None:
    result = run_harness("--sizes", "100", "--references-up-to", "50")
    row = next(line for line in result.stdout.splitlines() if line.startswith("| 100 |"))
    cells = [cell.strip() for cell in row.split("|")[1:-1]]
    assert cells.count("—") == 5, "generate, rebuild, mkdocs, nav-all and nav-all size are skipped"
    assert "load+validate ≤ 1.5× parse (cold)" in result.stdout
    assert "kamgen build ≤ 1.15× mkdocs build" not in result.stdout


# A parent that forks a child; each holds 60 MB of its own for a second.
HOLDER = (
    "import os, time\n"
    "block = bytearray(60 * 2**20)\n"
    "pid = os.fork()\n"
    "mine = bytearray(b'x' * (60 * 2**20))\n"
    "time.sleep(1.5)\n"
    "if pid:\n    os.waitpid(pid, 0)\n"
)


def test_memory_of_a_command_counts_its_forked_workers() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.measure", "--", sys.executable, "-c", HOLDER],
        cwd=REPO, capture_output=True, text=True, check=True,
    )  # fmt: skip
    measured = json.loads(result.stdout)
    assert measured["seconds"] >= 1.5
    assert 60 <= measured["largest_mb"] < 200, "the largest process holds its own block"
    assert measured["total_mb"] >= 120, "both processes' blocks count in the total"


def test_a_failing_command_fails_the_measurement() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.measure", "--", sys.executable, "-c", "raise SystemExit('broken input')"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0 and "broken input" in result.stderr


def test_synthetic_portfolio_is_deterministic_and_valid(tmp_path: Path) -> None:
    first = write_site(tmp_path / "a", accounts=5, stakeholders=4, seed=7)
    second = write_site(tmp_path / "b", accounts=5, stakeholders=4, seed=7)
    for path in sorted((first / "accounts").glob("*.yaml")):
        assert path.read_bytes() == (second / "accounts" / path.name).read_bytes()
    portfolio = load_portfolio(first / "team.yaml", first / "accounts", first)
    assert len(portfolio.accounts) == 5
    assert any(any("\u0400" <= ch <= "\u04ff" for ch in s.name) for a in portfolio.accounts for s in a.stakeholders)
