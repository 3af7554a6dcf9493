"""The code stays formatted, linted and typed: the same checks a reviewer runs."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

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


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    return names | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}


def test_mkdocs_is_imported_only_by_the_adapters() -> None:
    """The engine builds without MkDocs: only kamgen/plugin and kamgen/cli may import it."""
    offenders = [
        str(path.relative_to(REPO))
        for path in sorted((REPO / "kamgen").rglob("*.py"))
        if path.parent.name not in ("plugin", "cli")
        and any(name == "mkdocs" or name.startswith("mkdocs.") for name in imports_of(path))
    ]
    assert offenders == []


def test_environment_variables_are_read_in_config_only() -> None:
    """Options travel as values: os.environ is read by kamgen/config.py (MkDocs' own switch aside)."""
    readers = [
        f"{path.relative_to(REPO)}:{number}"
        for path in sorted((REPO / "kamgen").rglob("*.py"))
        if path != REPO / "kamgen" / "config.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ("os.environ" in line or "getenv" in line) and "NO_MKDOCS_2_WARNING" not in line
    ]
    assert readers == []


def test_no_module_is_over_450_lines() -> None:
    long = {
        str(path.relative_to(REPO)): count
        for path in sorted((REPO / "kamgen").rglob("*.py"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 450
    }
    assert long == {}
