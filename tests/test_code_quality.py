"""The code stays formatted, linted and typed: the same checks a reviewer runs."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support import REPO

CHECKS = {
    "ruff-lint": [sys.executable, "-m", "ruff", "check", "kamgen", "tests", "benchmarks"],
    "ruff-format": [sys.executable, "-m", "ruff", "format", "--check", "kamgen", "tests", "benchmarks"],
    "mypy": [sys.executable, "-m", "mypy"],
}


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_check_passes(name: str) -> None:
    result = subprocess.run(CHECKS[name], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{name} failed:\n{result.stdout}\n{result.stderr}"
