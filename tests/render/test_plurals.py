"""Counted words agree with their number, in every site language (ngettext), and in the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamgen.build import pipeline
from kamgen.mkdocs_yml import load_project
from tests.support import copy_example

SOLO = "name: Solo\nowner: olena-koval\nstatus: active\nstakeholders:\n  - {id: ann-berg, name: Ann Berg}\n"

EXPECTED = {
    "en": ("0 of 1 stakeholder has a counterpart on our side", "Covered by our team: 0 of 1."),
    "ru": ("Контактных лиц с нашим визави: 0 из 1", "Нашей командой закрыто 0 из 1."),
    "uk": ("Контактних осіб із нашим візаві: 0 з 1", "Нашою командою закрито 0 з 1."),
}


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_one_stakeholder_is_counted_in_the_singular(tmp_path: Path, language: str) -> None:
    root = copy_example(tmp_path / "site")
    (root / "accounts" / "solo.yaml").write_text(SOLO, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: en", f"language: {language}"))
    project = load_project(config)
    plan = pipeline.generate(project).pages["accounts/solo.md"]
    interaction, comb = EXPECTED[language]
    assert interaction in plan
    assert comb in plan
    assert "1 stakeholders" not in plan and "1 people" not in plan
