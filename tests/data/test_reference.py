"""docs/dossier-format.md is generated from the schema and must not drift from it."""

from __future__ import annotations

from kamgen.data.reference import reference
from tests.support import REPO


def test_committed_format_reference_is_up_to_date() -> None:
    committed = (REPO / "docs" / "dossier-format.md").read_text(encoding="utf-8")
    assert committed == reference(), "run: python -m kamgen.data.reference > docs/dossier-format.md"


def test_reference_documents_every_public_field() -> None:
    text = reference()
    for field in ("`stakeholders`", "`decision_process`", "`counterpart`", "`vip_program`", "`relationships_renewed`"):
        assert field in text
