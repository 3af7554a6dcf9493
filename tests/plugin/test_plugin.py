"""The MkDocs plugin on its own: plain `mkdocs build` with `plugins: [kamgen]`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support import ProjectFactory

GOOD = "name: Acme\nowner: olena-koval\nrevenue: {2025: 100}\n"


def mkdocs_build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"), *extra],
        capture_output=True,
        text=True,
        check=False,
    )


def test_plain_mkdocs_build_uses_the_plugin(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"acme": GOOD}, playbooks={"guide.md": "# Guide\n\n{{ accounts | length }} account\n"})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert "Acme" in (site / "accounts" / "acme" / "index.html").read_text(encoding="utf-8")
    guide = (site / "playbooks" / "guide" / "index.html").read_text(encoding="utf-8")
    assert "1 account" in guide, "playbook sources are rendered, not copied raw"
    assert not (site / "guide").exists(), "the raw template must not be published at its source path"
    assert "not included in the" not in result.stderr, "account pages are deliberately outside the nav"


def test_plain_mkdocs_build_fails_cleanly_on_bad_data(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"acme": "name: Acme\nowner: nobody\n"})
    result = mkdocs_build(root)
    assert result.returncode == 1
    assert "accounts/acme.yaml:2:8: owner: 'nobody' is not a person in team.yaml" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_field_warning_fails_a_strict_mkdocs_build(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"acme": GOOD + "industy: Retail\n"})
    assert mkdocs_build(root).returncode == 0
    strict = mkdocs_build(root, "--strict")
    assert strict.returncode == 1
    assert "industy: unknown field" in strict.stderr


def test_invalid_plugin_option_is_reported_by_mkdocs(make_project: ProjectFactory) -> None:
    mkdocs = "site_name: X\ndocs_dir: playbooks\nplugins:\n  - kamgen:\n      stale_after_days: -1\n"
    root = make_project(accounts={"acme": GOOD}, mkdocs=mkdocs)
    result = mkdocs_build(root)
    assert result.returncode == 1
    assert "stale_after_days: Input should be greater than or equal to 1" in result.stderr
