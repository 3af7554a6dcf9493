"""Hostile files and folders (issue 15): nothing a user types or commits destroys data, leaks a file,
hangs the build or ends in a traceback.

One section per class; each test builds a small project, does the hostile thing through the CLI
(in process, or in a subprocess with a memory and time limit where the old code hung or ate memory)
and asserts the exit code, the one-line message, and that nothing was deleted or leaked.
"""

from __future__ import annotations

import errno
import os
import resource
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kamgen.build import output_dir
from kamgen.cli import cli
from tests.support import MINIMAL_MKDOCS, ProjectFactory, write_project

DOSSIER = "name: Acme\nowner: olena-koval\nrevenue: {2025: 1000}\n"
CANARY = "CANARY-outside-the-project-7f3a"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (links not followed), to prove nothing was deleted or changed."""
    found: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            found[path.relative_to(folder).as_posix()] = str(path.readlink()).encode()
        elif path.is_file():
            found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


@pytest.fixture
def project(make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_project(accounts={"acme": DOSSIER})
    (root / "theme").mkdir()
    (root / "theme" / "main.html").write_text('{% extends "base.html" %}\n', encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        MINIMAL_MKDOCS.replace("  font: false\n", "  font: false\n  custom_dir: theme\n"), encoding="utf-8"
    )
    monkeypatch.chdir(root)
    return root


def kamgen(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def one_line_error(result: Result) -> str:
    """The error output, asserted to be a single line without a traceback."""
    assert "Traceback" not in result.output, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    return lines[0]


def limited(*args: str, cwd: Path, timeout: float = 60, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run ``kamgen`` in a subprocess with 1.5 GB of address space: an unbounded read fails, not the machine."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024, 1536 * 1024 * 1024))

    done = subprocess.run(
        [sys.executable, "-m", "kamgen.cli", *args],
        cwd=cwd,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        timeout=timeout,
        preexec_fn=limit,
        check=False,
    )
    return done.returncode, done.stderr.decode(errors="replace") + done.stdout.decode(errors="replace")


# --- 1. The output folder is never the project or its inputs ------------------------------------

REFUSED_TARGETS = [
    (".", "that is the project folder"),
    ("", "that is the project folder"),
    ("..", "that folder holds the project"),
    ("accounts", "that is the project's accounts folder"),
    ("accounts/site", "that folder is inside the project's accounts folder"),
    ("playbooks", "that is the project's playbooks folder"),
    ("playbooks/x/site", "that folder is inside the project's playbooks folder"),
    ("theme", "that is the project's theme folder (custom_dir)"),
    ("team.yaml", "that is the project's team roster"),
    ("mkdocs.yml", "that is the project's config file"),
    ("/", "that is the root of the file system"),
]


@pytest.mark.parametrize(("target", "why"), REFUSED_TARGETS, ids=[t or "empty" for t, _ in REFUSED_TARGETS])
def test_build_refuses_an_output_folder_that_is_the_project_or_an_input(project: Path, target: str, why: str) -> None:
    before = snapshot(project)
    result = kamgen("build", "-d", target)
    assert result.exit_code == 2, result.output
    assert why in one_line_error(result)
    assert "choose another folder" in result.output
    assert snapshot(project) == before
    assert sorted(p.name for p in project.parent.iterdir()) == [project.name], "no staging folder left beside it"


def test_build_refuses_the_home_folder_and_what_holds_it(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = project.parent / "home" / "editor"
    home.mkdir(parents=True)
    (home / "thesis.txt").write_text("years of work", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    for target, why in [(str(home), "that is your home folder"), (str(home.parent), "holds your home folder")]:
        result = kamgen("build", "-d", target)
        assert result.exit_code == 2, result.output
        assert why in one_line_error(result)
    assert (home / "thesis.txt").read_text(encoding="utf-8") == "years of work"


@pytest.mark.parametrize("site_dir", ["accounts", "''", ".", "playbooks"])
def test_site_dir_in_mkdocs_yml_is_guarded_too(project: Path, site_dir: str) -> None:
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text + f"site_dir: {site_dir}\n", encoding="utf-8")
    before = snapshot(project)
    result = kamgen("build")
    assert result.exit_code == 2, result.output
    assert "Error: site_dir:" in result.output or "Error: " in result.output
    assert snapshot(project) == before


def test_mkdocs_own_build_with_the_plugin_refuses_before_it_cleans_site_dir(project: Path) -> None:
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text + "site_dir: accounts\n", encoding="utf-8")
    before = snapshot(project)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=project, capture_output=True, timeout=120, check=False
    )
    assert done.returncode != 0
    assert "kamgen: site_dir: " in done.stderr.decode()
    assert "accounts: that is the project's accounts folder" in done.stderr.decode()
    assert snapshot(project) == before


def test_an_existing_folder_kamgen_did_not_write_is_refused_and_its_own_is_replaced(project: Path) -> None:
    foreign = project.parent / "report"
    foreign.mkdir()
    (foreign / "q3.xlsx").write_bytes(b"numbers")
    result = kamgen("build", "-d", str(foreign))
    assert result.exit_code == 2
    assert f"no {output_dir.MARKER} file" in one_line_error(result)
    assert (foreign / "q3.xlsx").read_bytes() == b"numbers"

    site = project.parent / "site"
    assert kamgen("build", "-d", str(site)).exit_code == 0
    assert (site / output_dir.MARKER).is_file()
    (site / "stale.html").write_text("old", encoding="utf-8")
    assert kamgen("build", "-d", str(site)).exit_code == 0, "kamgen replaces a folder it wrote"
    assert not (site / "stale.html").exists()


@pytest.mark.parametrize(("target", "why"), [(".", "the project folder"), ("accounts", "accounts folder")])
def test_generate_refuses_the_project_and_its_inputs(project: Path, target: str, why: str) -> None:
    before = snapshot(project)
    result = kamgen("generate", "-o", target)
    assert result.exit_code == 2
    assert why in one_line_error(result)
    assert snapshot(project) == before


def test_replace_dir_itself_refuses_a_folder_that_is_not_kamgens(tmp_path: Path) -> None:
    from kamgen.build import pipeline

    (tmp_path / "new").mkdir()
    (tmp_path / "precious").mkdir()
    (tmp_path / "precious" / "a.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(output_dir.OutputDirError, match="not written by kamgen"):
        pipeline.replace_dir(tmp_path / "new", tmp_path / "precious")
    assert (tmp_path / "precious" / "a.txt").read_text(encoding="utf-8") == "keep"


# --- 2. No file from outside the project is read into the site -----------------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    secret = tmp_path / "elsewhere" / "secret.yaml"
    secret.parent.mkdir()
    secret.write_text(f"name: {CANARY}\nowner: olena-koval\n", encoding="utf-8")
    return secret


LINKS = [
    ("accounts/leak.yaml", "a symbolic link to a file outside the project"),
    ("team.yaml", "a symbolic link to a file outside the project"),
    ("playbooks/leak.md", "a symbolic link to a file outside the project"),
    ("playbooks/leak.txt", "a symbolic link to a file outside the project"),  # an asset, copied as it is
    ("theme/partials/leak.html", "a symbolic link to a file outside the project"),
    ("playbooks/linked", "a symbolic link to a folder outside the project"),
]


@pytest.mark.parametrize(("name", "why"), LINKS, ids=[n for n, _ in LINKS])
@pytest.mark.parametrize("command", ["build", "check"])
def test_a_link_out_of_the_project_is_refused_without_showing_the_target(
    project: Path, outside: Path, name: str, why: str, command: str
) -> None:
    link = project / name
    link.parent.mkdir(parents=True, exist_ok=True)
    link.unlink(missing_ok=True)
    link.symlink_to(outside.parent if name.endswith("linked") else outside)
    before = snapshot(project)
    result = kamgen(command, *(["-d", str(project.parent / "site")] if command == "build" else []))
    assert result.exit_code == 2, result.output
    line = one_line_error(result)
    assert name in line and why in line
    assert CANARY not in result.output
    assert snapshot(project) == before
    assert not (project.parent / "site").exists()


def test_a_restricted_dossier_of_another_project_cannot_reach_an_internal_build(project: Path, tmp_path: Path) -> None:
    other = write_project(
        tmp_path / "restricted-repo", accounts={"secret": f"name: {CANARY}\nvisibility: restricted\n"}
    )
    (project / "accounts" / "secret.yaml").symlink_to(other / "accounts" / "secret.yaml")
    result = kamgen("build", "--audience", "internal", "-d", str(tmp_path / "site"))
    assert result.exit_code == 2
    assert "accounts/secret.yaml: a symbolic link to a file outside the project" in one_line_error(result)
    assert CANARY not in result.output


def test_a_link_inside_the_project_is_fine(project: Path) -> None:
    (project / "shared").mkdir()
    (project / "shared" / "beta.yaml").write_text(DOSSIER.replace("Acme", "Beta"), encoding="utf-8")
    (project / "accounts" / "beta.yaml").symlink_to(project / "shared" / "beta.yaml")
    result = kamgen("check")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (lambda p: os.mkfifo(p), "not a regular file (a named pipe)"),
        (lambda p: p.symlink_to("/dev/zero"), "a symbolic link to a file outside the project"),
        (lambda p: p.symlink_to("/proc/self/environ"), "a symbolic link to a file outside the project"),
        (lambda p: p.symlink_to(p.name), "a loop of symbolic links"),
        (lambda p: p.mkdir(), "not a regular file (a folder)"),
    ],
    ids=["fifo", "dev-zero", "proc", "loop", "folder"],
)
def test_special_files_among_the_dossiers_are_refused_at_once(project: Path, make: object, why: str) -> None:
    make(project / "accounts" / "odd.yaml")  # type: ignore[operator]
    start = time.monotonic()
    code, output = limited("check", cwd=project)
    assert code == 2, output
    assert f"accounts/odd.yaml: {why}" in output or ("accounts/odd.yaml" in output and why in output), output
    assert "Traceback" not in output
    assert time.monotonic() - start < 30


# --- 3. Every input is read with a size bound ------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["accounts/huge.yaml", "team.yaml", "playbooks/huge.md", "playbooks/_partial.md", "mkdocs.yml", "theme/main.html"],
)
def test_a_2_gb_sparse_file_is_refused_without_reading_it(project: Path, name: str) -> None:
    (project / "playbooks" / "page.md").write_text('{% include "_partial.md" %}\n', encoding="utf-8")
    (project / "playbooks" / "_partial.md").write_text("Included.\n", encoding="utf-8")
    path = project / name
    with path.open("ab") as handle:
        handle.truncate(2 * 1024**3)
    code, output = limited("check", cwd=project)
    assert code == 2, output
    assert f"{name}: the file is 2,147,483,648 bytes; the limit is 5,242,880" in output
    assert "Traceback" not in output


def test_the_size_limit_is_a_plugin_option(project: Path) -> None:
    (project / "accounts" / "acme.yaml").write_text(DOSSIER + "notes: '" + "x" * 1_200_000 + "'\n", encoding="utf-8")
    assert kamgen("check").exit_code == 0
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace("today: 2026-11-22", "today: 2026-11-22\n      max_file_mb: 1"))
    result = kamgen("check")
    assert result.exit_code == 2
    assert "accounts/acme.yaml: the file is" in result.output
    assert "the limit is 1,048,576 (split it, or raise max_file_mb" in result.output


# --- 6. One id, one file ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"acme.yml": DOSSIER},
            "accounts/acme.yml:1:1: 'acme.yaml' is the same account; keep one file per id (merge them, then delete one)",
        ),
        (
            {"ACME.yaml": DOSSIER},
            "accounts/ACME.yaml:1:1: 'acme.yaml' is the same account; keep one file per id (merge them, then delete one)",
        ),
        (
            {"beta.YAML": DOSSIER},
            "accounts/beta.YAML:1:1: write the extension in lowercase ('.yaml'); the file name is the URL",
        ),
        (
            {"index.yaml": DOSSIER},
            "accounts/index.yaml:1:1: 'index' is the name of a page kamgen makes itself; choose another id (e.g. 'index-1')",
        ),
    ],
    ids=["yaml-and-yml", "case-variant", "upper-extension", "reserved-account-id"],
)
def test_one_id_one_file(project: Path, files: dict[str, str], expected: str) -> None:
    for name, text in files.items():
        (project / "accounts" / name).write_text(text, encoding="utf-8")
    result = kamgen("check")
    assert result.exit_code == 1, result.output
    assert expected in result.output.splitlines()


@pytest.mark.parametrize("person", ["index", "alerts", "people", "vip"])
def test_a_person_id_that_is_a_page_kamgen_makes_is_refused(project: Path, person: str) -> None:
    (project / "team.yaml").write_text(f"people:\n  - {{id: olena-koval, name: O}}\n  - {{id: {person}, name: X}}\n")
    result = kamgen("check")
    assert result.exit_code == 1
    assert f"team.yaml:3:10: person 2, X: id: '{person}' is the name of a page kamgen makes itself" in result.output


def test_a_file_that_is_not_a_dossier_is_a_warning_not_silence(project: Path) -> None:
    (project / "accounts" / "notes.txt").write_text("todo", encoding="utf-8")
    (project / "accounts" / ".acme.yaml.swp").write_text("editor", encoding="utf-8")  # hidden: an editor's
    result = kamgen("check")
    assert result.exit_code == 0
    assert (
        "accounts/notes.txt:1:1: warning: not a dossier: kamgen reads only <id>.yaml files in this folder; "
        "move it elsewhere or rename it"
    ) in result.output
    assert ".swp" not in result.output
    assert kamgen("check", "--strict").exit_code == 1


# --- 7. No tracebacks for input or environment faults -----------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("accounts/acme.yaml", "notes: " + "[" * 200 + "]" * 200 + "\n", "nested more than 64 levels deep"),
        # libyaml itself crashes (a segmentation fault) on 100,000 brackets: refused before parsing.
        ("accounts/acme.yaml", "notes: " + "[" * 100_000 + "]" * 100_000 + "\n", "nested more than 500 levels"),
        ("team.yaml", "people:\n" + "".join(" " * i + "k:\n" for i in range(2, 700)), "nested more than 500"),
        ("mkdocs.yml", MINIMAL_MKDOCS + "extra: " + "[" * 100_000 + "]" * 100_000 + "\n", "nested too deeply"),
        ("playbooks/deep.md", "---\ntitle: " + "[" * 100_000 + "]" * 100_000 + "\n---\nx\n", "nested too deeply"),
    ],
    ids=["dossier", "dossier-crashing-libyaml", "indentation", "mkdocs-yml", "front-matter"],
)
def test_deep_nesting_is_an_error_naming_the_file(project: Path, name: str, text: str, expected: str) -> None:
    (project / name).write_text(text, encoding="utf-8")
    code, output = limited("check", cwd=project)
    assert code in (1, 2), output  # 1: a data error located in a dossier; 2: a file kamgen cannot read
    assert "Traceback" not in output
    assert name in output and expected in output


def test_disk_full_during_the_build_is_one_line_and_the_old_site_stays(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = project.parent / "site"
    assert kamgen("build", "-d", str(site)).exit_code == 0
    before = snapshot(site)

    def full(content: bytes | str, output_path: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), output_path)

    monkeypatch.setattr("mkdocs.utils.write_file", full)
    result = kamgen("build", "-d", str(site))
    assert result.exit_code == 2, result.output
    line = [ln for ln in result.output.splitlines() if ln.startswith("Error:")]
    assert len(line) == 1 and "the disk is full; free some space and run the command again" in line[0]
    assert "Traceback" not in result.output
    assert snapshot(site) == before
    assert sorted(p.name for p in project.parent.iterdir()) == sorted([project.name, "site"]), "no staging left"


@pytest.mark.parametrize(
    ("code", "advice"),
    [
        (errno.EROFS, "the file system is read-only; choose a folder you can write to"),
        (errno.EPERM, "the operation is not permitted (an immutable or protected file?)"),
        (errno.EACCES, "permission denied; choose a folder you can write to"),
    ],
    ids=["read-only", "immutable", "no-permission"],
)
def test_an_unwritable_output_folder_is_one_line(
    project: Path, monkeypatch: pytest.MonkeyPatch, code: int, advice: str
) -> None:
    # Tests run as root, which may write anywhere: the refusal is simulated where the folder is made.
    def refuse(*args: object, **kwargs: object) -> str:
        raise OSError(code, os.strerror(code), str(project.parent))

    monkeypatch.setattr("tempfile.mkdtemp", refuse)
    result = kamgen("build", "-d", str(project.parent / "site"))
    assert result.exit_code == 2
    line = one_line_error(result)
    assert line.startswith(f"Error: {project.parent}: {advice}")


def test_an_unwritable_schema_path_is_one_line(project: Path) -> None:
    result = kamgen("schema", "-o", "team.yaml/account.schema.json")
    assert result.exit_code == 2
    line = one_line_error(result)
    assert line.startswith("Error: team.yaml") and "choose another path" in line


# --- 9. The published folder is readable by a web server running as another user ---------------------


@pytest.mark.parametrize(("umask", "folder", "file"), [(0o022, 0o755, 0o644), (0o027, 0o750, 0o640)])
def test_the_site_follows_the_umask(project: Path, umask: int, folder: int, file: int) -> None:
    old = os.umask(umask)
    try:
        site = project.parent / "site"
        assert kamgen("build", "-d", str(site)).exit_code == 0
        out = project.parent / "generated"
        assert kamgen("generate", "-o", str(out)).exit_code == 0
    finally:
        os.umask(old)
    for top in (site, out):
        modes = {stat.S_IMODE(p.stat().st_mode) for p in [top, *top.rglob("*")] if p.is_dir()}
        assert modes == {folder}, (top, [oct(m) for m in modes])
        assert {stat.S_IMODE(p.stat().st_mode) for p in top.rglob("*") if p.is_file()} == {file}


# --- 10. No leftovers after Ctrl-C, SIGTERM or a failed build -----------------------------------------


def spawn(*args: str, cwd: Path, tmpdir: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "kamgen.cli", *args],
        cwd=cwd,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(tmpdir), "KAMGEN_NO_CACHE": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.fixture
def private_tmp(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "tmpdir"
    folder.mkdir()
    yield folder


def test_a_failed_build_leaves_nothing_behind(project: Path, private_tmp: Path) -> None:
    site = project / "site"
    assert kamgen("build", "-d", str(site)).exit_code == 0
    before = snapshot(site)
    (project / "playbooks" / "oops.md").write_text("{{ nope.nothing }}\n", encoding="utf-8")
    process = spawn("build", cwd=project, tmpdir=private_tmp)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 1, err.decode()
    assert snapshot(site) == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == []
    assert list(private_tmp.iterdir()) == []


def test_serve_keeps_its_temporary_folder_to_itself_and_removes_it_on_sigterm(project: Path, private_tmp: Path) -> None:
    process = spawn("serve", "-a", "127.0.0.1:0", cwd=project, tmpdir=private_tmp)
    output = b""
    try:
        deadline = time.monotonic() + 120
        assert process.stderr is not None
        os.set_blocking(process.stderr.fileno(), False)
        while b"Serving on" not in output and time.monotonic() < deadline and process.poll() is None:
            output += process.stderr.read() or b""
            time.sleep(0.1)
        assert b"Serving on" in output, output.decode()
        assert any(private_tmp.iterdir()), "serve builds into a temporary folder"
        process.send_signal(signal.SIGTERM)
        rest, err = process.communicate(timeout=60)
        output += (err or b"") + rest
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert str(private_tmp) not in output.decode(), output.decode()
    assert b"Traceback" not in output
    assert list(private_tmp.iterdir()) == []
