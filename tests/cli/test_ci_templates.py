"""The CI files `kamgen init` writes, run for real: their shell steps, in order, in a fresh virtual environment.

A site made by ``kamgen init`` is a git repository; each job's commands run in
it as the CI runner would (``uses:`` steps and the runner image are the
runner's business and skipped). The venv starts empty and gets exactly what
``requirements.txt`` lists, with one exception: the line naming kamgen is
pointed at this checkout (the code under test); every other pin is installed
as written, so the versions a new site pins are the ones tested here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import venv
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kamgen.cli import cli
from tests.support import REPO

pytestmark = pytest.mark.slow  # a fresh venv and a pip install: about a minute

_ANYWHERE = shutil.ignore_patterns(".git", "*.egg-info", "__pycache__", ".*_cache")


def _not_source(folder: str, names: list[str]) -> set[str]:
    """What a pip install of the checkout does not need: caches, and the built site at its top."""
    top = {"site", "build"} & set(names) if Path(folder) == REPO else set()
    return set(_ANYWHERE(folder, names)) | top | {n for n in names if n.startswith(".site.")}


_KAMGEN_LINE = re.compile(r"^\s*kamgen\b(?![-_.\w])", re.IGNORECASE)


@pytest.fixture(scope="module")
def fresh_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A site from `kamgen init` committed to git, and the environment of a venv holding nothing yet."""
    root = tmp_path_factory.mktemp("ci")
    site = root / "site"
    result = CliRunner().invoke(cli, ["init", str(site), "--site-name", "CI test"])
    assert result.exit_code == 0, result.output
    source = root / "kamgen-src"
    shutil.copytree(REPO, source, ignore=_not_source)
    requirements = site / "requirements.txt"
    lines = requirements.read_text(encoding="utf-8").splitlines()
    assert any(_KAMGEN_LINE.match(line) for line in lines), "requirements.txt must name kamgen"
    requirements.write_text(
        "\n".join(str(source) if _KAMGEN_LINE.match(line) else line for line in lines) + "\n", encoding="utf-8"
    )
    git = ["git", "-c", "user.name=CI", "-c", "user.email=ci@example.invalid"]
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "kamgen init"]):
        subprocess.run([*git, *command], cwd=site, check=True)
    venv.create(root / "venv", with_pip=True)
    bin_dir = root / "venv" / "bin"
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV", "KAMGEN_"))
    }
    environment |= {"PATH": f"{bin_dir}{os.pathsep}{environment.get('PATH', '')}", "VIRTUAL_ENV": str(bin_dir.parent)}
    environment |= {"NO_MKDOCS_2_WARNING": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1", "HOME": str(root)}
    environment["PIP_CACHE_DIR"] = os.environ.get("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip"))
    return site, environment


def run_steps(site: Path, environment: dict[str, str], job: str, commands: list[str]) -> None:
    for command in commands:
        done = subprocess.run(
            ["bash", "-eo", "pipefail", "-c", command], cwd=site, env=environment, capture_output=True, text=True
        )
        assert done.returncode == 0, f"{job}: `{command}` failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"


def github_steps(site: Path, job: str) -> list[str]:
    workflow = yaml.safe_load((site / ".github" / "workflows" / "kamgen.yml").read_text(encoding="utf-8"))
    return [step["run"] for step in workflow["jobs"][job]["steps"] if "run" in step]


def gitlab_steps(site: Path, job: str) -> list[str]:
    pipeline = yaml.safe_load((site / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    definition = pipeline[job]
    return [*definition.get("before_script", pipeline.get("before_script", [])), *definition["script"]]


def test_the_github_workflow_checks_and_builds(fresh_site: tuple[Path, dict[str, str]]) -> None:
    site, environment = fresh_site
    jobs = {job: github_steps(site, job) for job in ("check", "build")}
    assert jobs == {
        "check": ["python -m pip install -r requirements.txt", "kamgen check --strict"],
        "build": ["python -m pip install -r requirements.txt", "kamgen build -d site"],
    }  # a changed workflow needs this test (and its runner) looked at

    for job, commands in jobs.items():
        run_steps(site, environment | {"GITHUB_ACTIONS": "true", "CI": "true"}, job, commands)

    assert (site / "site" / "accounts" / "example-client" / "index.html").is_file()
    assert (site / "site" / "assets" / "kamgen" / "kamgen.css").is_file()


def test_the_gitlab_pipeline_checks_and_builds(fresh_site: tuple[Path, dict[str, str]]) -> None:
    site, environment = fresh_site
    jobs = {job: gitlab_steps(site, job) for job in ("check", "pages")}
    assert jobs == {
        "check": ["python -m pip install -r requirements.txt", "kamgen check --strict"],
        "pages": ["python -m pip install -r requirements.txt", "kamgen build -d public"],
    }

    for job, commands in jobs.items():
        run_steps(site, environment | {"GITLAB_CI": "true", "CI": "true"}, job, commands)

    assert (site / "public" / "accounts" / "example-client" / "index.html").is_file()


def test_a_broken_step_fails(fresh_site: tuple[Path, dict[str, str]]) -> None:
    """The runner is not fooled: a dossier error fails `kamgen check --strict` as CI would."""
    site, environment = fresh_site
    run_steps(site, environment, "install", ["python -m pip install -r requirements.txt"])
    dossier = site / "accounts" / "example-client.yaml"
    good = dossier.read_text(encoding="utf-8")
    dossier.write_text(good + "\nunknown_field_for_ci: 1\n", encoding="utf-8")
    try:
        with pytest.raises(AssertionError, match="kamgen check --strict` failed"):
            run_steps(site, environment, "check", ["kamgen --version", "kamgen check --strict"])
    finally:
        dossier.write_text(good, encoding="utf-8")
