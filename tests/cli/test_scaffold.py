"""`kamgen new account`, `kamgen init`, and the CI and pre-commit files they ship."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from kamgen.cli import cli
from kamgen.cli.scaffold import SCAFFOLD
from tests.support import REPO, TODAY, ProjectFactory

SITE = SCAFFOLD / "site"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env={"GITHUB_ACTIONS": None})
    return result.exit_code, result.stdout, result.stderr


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --- kamgen new account ---------------------------------------------------------


def test_new_account_passes_check_without_a_warning(make_project: ProjectFactory) -> None:
    root = make_project()
    config = str(root / "mkdocs.yml")
    code, out, err = run("new", "account", "acme-corp", "-f", config, "--today", TODAY)
    assert (code, err) == (0, "")
    assert out.startswith("Created ") and out.rstrip().endswith("acme-corp.yaml: fill it in, then run kamgen check")
    text = (root / "accounts" / "acme-corp.yaml").read_text(encoding="utf-8")
    assert load(root / "accounts" / "acme-corp.yaml") == {
        "name": "Acme Corp",
        "owner": "olena-koval",  # the first person in team.yaml
        "status": "prospect",
    }
    assert "# stakeholders:" in text and "#     due: 2026-12-06" in text, "commented examples of the other blocks"
    assert run("check", "-f", config) == (0, "OK: 1 account and 2 people, no errors.\n", "")


def test_every_commented_block_of_the_skeleton_is_valid_when_uncommented(make_project: ProjectFactory) -> None:
    root = make_project()
    run("new", "account", "acme", "-f", str(root / "mkdocs.yml"), "--owner", "andriy-melnyk")
    path = root / "accounts" / "acme.yaml"
    # What an editor does: remove the "# " in front of every example line.
    lines = path.read_text(encoding="utf-8").splitlines()
    body = [re.sub(r"^# ", "", line) for line in lines]
    # Prose comments stay out: YAML lines start with a lowercase key, "- " or indentation.
    text = "\n".join(line for line in body if re.match(r"(\s*-?\s*[a-z_0-9]+:|\s+\S|$)", line))
    path.write_text(text + "\n", encoding="utf-8")
    code, _, err = run("check", "-f", str(root / "mkdocs.yml"))
    assert (code, err) == (0, ""), text


def test_the_skeleton_shows_every_field_with_a_hint() -> None:
    from kamgen.cli.scaffold import account_skeleton
    from kamgen.data.model import Account
    from kamgen.data.reference import _models

    text = account_skeleton("Acme", "olena-koval")
    body = "\n".join(re.sub(r"^# ", "", line) for line in text.splitlines())
    # The other four ways are named in the hint beside relationship_methods, written like trust.
    ways = {"technical_support", "resource_support", "service_levels", "risk_reduction"}
    fields = {name for model in _models(Account) for name in model.model_fields} - ways
    missing = [name for name in sorted(fields) if not re.search(rf"^\s*-?\s*{name}:", body, re.M)]
    assert missing == []
    assert all(way in text for way in ways)
    # The fields editors asked about carry a one-line hint after them.
    for name in ("reports_to", "department", "interests", "information", "contact", "follow_ups", "vip_program",
                 "assignee", "goals", "counterpart", "private"):  # fmt: skip
        line = next(line for line in text.splitlines() if re.match(rf"#\s*-?\s*{name}:", line))
        assert "# " in line.split(":", 1)[1], line


def test_new_account_with_name_and_owner(make_project: ProjectFactory) -> None:
    root = make_project()
    args = ["new", "account", "kyiv-steel", "-f", str(root / "mkdocs.yml")]
    assert run(*args, "--name", 'Kyiv "Steel": #1', "--owner", "andriy-melnyk")[0] == 0
    data = load(root / "accounts" / "kyiv-steel.yaml")
    assert (data["name"], data["owner"]) == ('Kyiv "Steel": #1', "andriy-melnyk")


def test_new_account_points_editors_at_the_schema_when_the_site_has_it(make_project: ProjectFactory) -> None:
    root = make_project()
    (root / "schema").mkdir()
    (root / "schema" / "account.schema.json").write_text("{}", encoding="utf-8")
    run("new", "account", "acme", "-f", str(root / "mkdocs.yml"))
    first = (root / "accounts" / "acme.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/account.schema.json"


NEW_ACCOUNT_ERRORS = [
    (["Acme Corp"], "Error: 'Acme Corp' is not a valid account id: it becomes the file name and the URL, so use "
     "lowercase Latin letters, digits and '-', e.g. 'acme-corp'\n"),
    (["acme", "--owner", "olena-kowal"], "Error: 'olena-kowal' is not a person in team.yaml — did you mean "
     "'olena-koval'? (pass the id of the key account manager, or add the person first)\n"),
    (["acme", "--name", " "], "Error: --name must not be empty: it is the client's name as readers know it\n"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "message"), NEW_ACCOUNT_ERRORS)
def test_new_account_usage_errors(make_project: ProjectFactory, args: list[str], message: str) -> None:
    root = make_project()
    assert run("new", "account", *args, "-f", str(root / "mkdocs.yml")) == (2, "", message)
    assert list((root / "accounts").iterdir()) == []


def test_new_account_never_overwrites(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"acme": "name: Acme\nowner: olena-koval\n"})
    code, _, err = run("new", "account", "acme", "-f", str(root / "mkdocs.yml"))
    assert code == 2
    assert err.startswith("Error: ") and err.rstrip().endswith(
        "acme.yaml already exists; kamgen new never overwrites a file (edit it instead)"
    )
    assert (root / "accounts" / "acme.yaml").read_text(encoding="utf-8") == "name: Acme\nowner: olena-koval\n"


def test_new_account_without_a_site_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("new", "account", "acme", "-f", str(tmp_path / "mkdocs.yml"))
    assert code == 2
    assert "no such file" in err


# --- kamgen init ------------------------------------------------------------------

INIT_FILES = [
    ".github/workflows/kamgen.yml",
    ".gitignore",
    ".gitlab-ci.yml",
    ".pre-commit-config.yaml",
    "README.md",
    "accounts/example-client.yaml",
    "mkdocs.yml",
    "playbooks/index.md",
    "requirements.txt",
    "schema/account.schema.json",
    "schema/team.schema.json",
    "team.yaml",
]


@pytest.fixture(scope="module")
def new_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("init") / "kam-site"
    code, out, err = run("init", str(target), "--site-name", "Key accounts: Acme Ltd")
    assert (code, err) == (0, ""), out
    return target


def test_init_writes_a_complete_site(new_site: Path) -> None:
    assert sorted(p.relative_to(new_site).as_posix() for p in new_site.rglob("*") if p.is_file()) == INIT_FILES
    assert load(new_site / "mkdocs.yml")["site_name"] == "Key accounts: Acme Ltd"
    requirements = (new_site / "requirements.txt").read_text(encoding="utf-8")
    # Where this kamgen was installed from (here, a checkout): no index serves kamgen.
    assert requirements.splitlines()[-1].startswith("kamgen @ ")
    assert "#   kamgen @ git+https://" in requirements, "the comments show how to point it at a git repository"
    example = (new_site / "accounts" / "example-client.yaml").read_text(encoding="utf-8")
    assert example.startswith("# yaml-language-server: $schema=../schema/account.schema.json\n")


def test_init_output_checks_and_builds(new_site: Path, tmp_path: Path) -> None:
    config = str(new_site / "mkdocs.yml")
    assert run("check", "-f", config) == (0, "OK: 1 account and 1 person, no errors.\n", "")
    site = tmp_path / "built"
    code, _, err = run("build", "-f", config, "-d", str(site), "--strict", "--today", TODAY)
    assert code == 0, err
    assert "Example Client" in (site / "accounts" / "example-client" / "index.html").read_text(encoding="utf-8")
    assert "1 key account" in (site / "playbooks" / "index.html").read_text(encoding="utf-8")


REQUIREMENTS = [
    ("git+https://git.example.com/tools/kamgen.git@v0.1.0", "kamgen @ git+https://git.example.com/tools/kamgen.git@v0.1.0"),
    ("https://files.example.com/kamgen-0.1.0-py3-none-any.whl",
     "kamgen @ https://files.example.com/kamgen-0.1.0-py3-none-any.whl"),
    ("kamgen>=0.1.0,<0.2", "kamgen>=0.1.0,<0.2"),
]  # fmt: skip


@pytest.mark.parametrize(("source", "line"), REQUIREMENTS)
def test_init_points_requirements_at_where_the_company_keeps_kamgen(tmp_path: Path, source: str, line: str) -> None:
    code, _, err = run("init", str(tmp_path / "site"), "--kamgen", source)
    assert (code, err) == (0, "")
    assert (tmp_path / "site" / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == line


def test_a_new_site_installs_with_its_requirements_in_a_fresh_venv(tmp_path: Path) -> None:
    """What a new editor does: `kamgen init`, then install the site's requirements.txt in a new venv.

    kamgen comes from a copy of this checkout (a folder, as a company's clone would be); its
    dependencies come from the interpreter's own site-packages when there, else from PyPI.
    """
    source = tmp_path / "kamgen-src"
    shutil.copytree(REPO / "kamgen", source / "kamgen", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(REPO / name, source / name)
    site = tmp_path / "site"
    code, out, err = run("init", str(site), "--kamgen", str(source))
    assert (code, err) == (0, "")
    assert "requirements.txt installs kamgen from this machine" in out
    venv = tmp_path / "venv"
    # As on a fresh shell: nothing points Python at this checkout.
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, env=env)
    python = venv / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", "requirements.txt"]
    installed = subprocess.run(pip, cwd=site, capture_output=True, text=True, check=False, env=env)
    assert installed.returncode == 0, installed.stderr
    where = subprocess.run(
        [str(python), "-c", "import kamgen; print(kamgen.__file__)"], cwd=site, capture_output=True, text=True, env=env
    )
    assert where.stdout.startswith(str(venv)), "kamgen is installed in the new venv, not found elsewhere"
    checked = subprocess.run([str(venv / "bin" / "kamgen"), "check"], cwd=site, capture_output=True, text=True, env=env)
    assert (checked.returncode, checked.stdout) == (0, "OK: 1 account and 1 person, no errors.\n"), checked.stderr


def test_init_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    code, _, err = run("init", str(tmp_path))
    assert (code, err) == (2, f"Error: {tmp_path}: the folder exists and is not empty; choose a new or empty folder\n")
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


# --- CI templates and hooks: the structure the CI services rely on ------------------


def steps_using(job: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [s for s in job["steps"] if str(s.get("uses", "")).startswith(action + "@")]


def runs(job: dict[str, Any]) -> str:
    return "\n".join(str(s.get("run", "")) for s in job["steps"])


def test_github_workflow_checks_pull_requests_and_publishes_main() -> None:
    workflow = load(SITE / "dot-github" / "workflows" / "kamgen.yml")
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}, "least privilege by default"
    jobs = workflow["jobs"]
    assert set(jobs) == {"check", "build", "pages"}

    check = jobs["check"]
    assert check["if"] == "github.event_name == 'pull_request'"
    assert "kamgen check --strict" in runs(check)
    assert "--format" not in runs(check), "inside GitHub Actions kamgen annotates on its own"

    build = jobs["build"]
    assert build["if"] == "github.event_name != 'pull_request'"
    assert steps_using(build, "actions/checkout")[0]["with"]["fetch-depth"] == 0, "history needs a full clone"
    assert "kamgen build -d site" in runs(build)
    intranet = steps_using(build, "actions/upload-artifact")[0]["with"]
    assert (intranet["name"], intranet["path"]) == ("kamgen-site", "site")
    pages_upload = steps_using(build, "actions/upload-pages-artifact")[0]
    assert (pages_upload["with"]["path"], pages_upload["if"]) == ("site", "vars.KAMGEN_PAGES == 'true'")

    pages = jobs["pages"]
    assert pages["needs"] == "build"
    assert pages["if"] == "vars.KAMGEN_PAGES == 'true'", "client data never goes to Pages by accident"
    assert pages["permissions"] == {"pages": "write", "id-token": "write"}
    assert pages["environment"]["name"] == "github-pages"
    assert steps_using(pages, "actions/deploy-pages")[0]["id"] == "deployment"


def test_gitlab_ci_checks_merge_requests_and_has_a_pages_job() -> None:
    ci = load(SITE / "dot-gitlab-ci.yml")
    assert ci["variables"]["GIT_DEPTH"] == "0"
    assert "pip install -r requirements.txt" in " ".join(ci["before_script"])
    assert ci["check"]["script"] == ["kamgen check --strict"]
    assert ci["check"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    pages = ci["pages"]
    assert pages["script"] == ["kamgen build -d public"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert {ci[job]["stage"] for job in ("check", "pages")} <= set(ci["stages"])


HOOK_FILES = [
    ("accounts/acme.yaml", True),
    ("accounts/acme.yml", True),
    ("team.yaml", True),
    ("playbooks/guide/first.md", True),
    ("mkdocs.yml", True),
    ("README.md", False),
    ("accounts/old/acme.yaml", False),
    ("schema/account.schema.json", False),
]


@pytest.mark.parametrize(
    "hooks",
    [load(REPO / ".pre-commit-hooks.yaml"), load(SITE / "dot-pre-commit-config.yaml")["repos"][0]["hooks"]],
    ids=["pre-commit-hooks", "site-pre-commit-config"],
)
def test_pre_commit_hook_runs_check_on_the_site_files(hooks: list[dict[str, Any]]) -> None:
    (hook,) = hooks
    assert (hook["id"], hook["entry"], hook["language"]) == ("kamgen-check", "kamgen check", "python")
    assert hook.get("pass_filenames", True), "the hook checks just the staged files"
    pattern = re.compile(hook["files"])
    assert [name for name, _ in HOOK_FILES if pattern.search(name)] == [name for name, hit in HOOK_FILES if hit]


def test_the_admins_guide_points_to_the_shipped_ci_templates() -> None:
    readme = (REPO / "docs" / "guides" / "site-admins.md").read_text(encoding="utf-8")
    for path in ("kamgen/scaffold/site/dot-github/workflows/kamgen.yml", "kamgen/scaffold/site/dot-gitlab-ci.yml"):
        assert path in readme
        assert (REPO / path).is_file()
