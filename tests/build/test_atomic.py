"""Never a half-published site: an interrupted or failed build leaves the old one intact."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import write_project

ACCOUNTS = 80  # enough pages that the build is still running when we interrupt it


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def dossier(i: int) -> str:
    people = "".join(
        f"  - {{id: p{j}, name: Person {i}-{j}, level: manager, influence: {1 + j % 5}}}\n" for j in range(6)
    )
    return f"name: Client {i}\nowner: olena-koval\nrevenue: {{2025: {1000 + i}}}\nstakeholders:\n{people}"


def kamgen(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.Popen(
        [sys.executable, "-m", "kamgen.cli", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_project(
        tmp_path_factory.mktemp("atomic") / "src", accounts={f"client-{i}": dossier(i) for i in range(ACCOUNTS)}
    )
    process = kamgen("build", cwd=root)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode()
    return root


@pytest.fixture
def built(first_build: Path, tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A private copy of a built project (sources and site) for one test to break."""
    root = tmp_path / "src"
    shutil.copytree(first_build, root)
    return root, snapshot(root / "site")


def wait_for_staging(root: Path, process: subprocess.Popen[bytes]) -> None:
    """Until MkDocs has started writing the new site into its staging folder."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        staging = [p for p in root.glob(".site.*") if any(p.rglob("*.html"))]
        if staging:
            return
        time.sleep(0.05)
    pytest.fail("the build finished or stalled before it could be interrupted")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["ctrl-c", "sigterm", "kill"])
def test_interrupted_build_leaves_the_previous_site_byte_for_byte(
    built: tuple[Path, dict[str, bytes]], sig: signal.Signals, tmp_path: Path
) -> None:
    root, before = built
    tmpdir = tmp_path / "tmpdir"
    tmpdir.mkdir()
    (root / "accounts" / "client-0.yaml").write_text(dossier(0).replace("Client 0", "Renamed"), encoding="utf-8")
    process = kamgen("build", cwd=root, env={"TMPDIR": str(tmpdir), "KAMGEN_NO_CACHE": "1"})
    wait_for_staging(root, process)
    process.send_signal(sig)
    _, err = process.communicate(timeout=120)
    assert process.returncode != 0
    assert snapshot(root / "site") == before
    if sig != signal.SIGKILL:
        assert b"Traceback" not in err
        assert list(root.glob(".site*")) == [], "Ctrl-C and SIGTERM clean up the unfinished site"
        assert list(tmpdir.iterdir()) == [], "and every temporary folder"


@pytest.mark.parametrize(
    ("path", "content"),
    [
        ("accounts/client-1.yaml", "name: Broken\nowner: nobody\n"),
        ("playbooks/oops.md", "---\nproduces: section\n---\n{{ account.no_such_field }}\n"),
    ],
    ids=["bad-data", "template-error"],
)
def test_failed_build_leaves_the_previous_site(built: tuple[Path, dict[str, bytes]], path: str, content: str) -> None:
    root, before = built
    (root / path).write_text(content, encoding="utf-8")
    process = kamgen("build", cwd=root)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 1, err.decode()
    assert b"Traceback" not in err
    assert snapshot(root / "site") == before


def test_build_never_touches_the_sources(built: tuple[Path, dict[str, bytes]]) -> None:
    root, _ = built
    sources = {p: p.read_bytes() for p in [*root.glob("accounts/*"), root / "team.yaml", root / "mkdocs.yml"]}
    process = kamgen("build", cwd=root)
    process.communicate(timeout=300)
    assert {p: p.read_bytes() for p in sources} == sources
