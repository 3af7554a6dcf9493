"""Setting kamgen up as the README says: the commands, CI's script and the licence agree."""

from __future__ import annotations

import re
import tomllib

from tests.support import REPO


def readme_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The two commands", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line and not line.startswith("#")]


def test_the_readme_commands_make_and_use_a_virtual_environment() -> None:
    serve, tests = readme_commands()
    assert serve == "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/kamgen serve"
    assert tests == "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8").rstrip().splitlines()
    assert script[-1] == readme_commands()[1]
    assert "chromium" in "\n".join(script) and "python3-venv" in "\n".join(script)


def test_the_licence_file_is_the_one_pyproject_names() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    licence = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert project["license"] == {"text": "MIT"}
    assert licence.startswith("MIT License\n")
    assert re.search(r"Permission is hereby granted, free of charge", licence)


def test_the_example_is_judged_as_of_the_day_the_tests_use() -> None:
    from kamgen.mkdocs_yml import load_project
    from tests.support import TODAY

    # The demo does not rot: its overdue actions and cold contacts stay as the goldens show them.
    assert load_project(REPO / "mkdocs.yml").today().isoformat() == TODAY
