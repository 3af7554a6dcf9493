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


def test_every_field_has_an_example_valid_for_it() -> None:
    import textwrap
    from typing import Annotated

    import yaml
    from pydantic import TypeAdapter

    from kamgen.data.examples import BLOCK_EXAMPLES, FIELD_EXAMPLES
    from kamgen.data.model import Account, Team
    from kamgen.data.reference import _models

    models = [*_models(Team), *_models(Account)]
    fields = {f"{m.__name__}.{name}": (m, info) for m in models for name, info in m.model_fields.items()}
    assert sorted(FIELD_EXAMPLES) == sorted(fields)
    for key, example in FIELD_EXAMPLES.items():
        if example.startswith("see "):
            assert example.split("(#")[1].rstrip(")") in {m.__name__.lower() for m in models}, key
            continue
        _, info = fields[key]
        value = yaml.safe_load(f"x: {example}")["x"]
        kind = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        TypeAdapter(kind).validate_python(value)
    for name, block in BLOCK_EXAMPLES.items():
        assert isinstance(yaml.safe_load(textwrap.dedent(block)), dict), name


def test_reference_speaks_the_editors_words() -> None:
    text = reference()
    assert "| `influence` | a whole number from 1 to 5" in text
    assert "| `who` | a list of stakeholders' ids" in text
    assert "| `attendees` | a list of people's ids" in text
    assert "`last_contact: 2026-10-14`" in text
