"""JSON Schema of the dossiers and the roster, from the same pydantic models.

Editors point YAML files at it (``# yaml-language-server: $schema=…``) to get
completion, hover text and red underlines while typing. The schema says what
``kamgen check`` accepts, with two deliberate differences in strictness:

- unknown keys are flagged (kamgen keeps them and warns, since most are typos);
- cross-references (owner ids in team.yaml, stakeholder ids) cannot be
  expressed in a schema: only ``kamgen check`` knows them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from kamgen.data import model
from kamgen.data.model import Account, Record, Team

KINDS: dict[str, type[BaseModel]] = {"account": Account, "team": Team}
TITLES = {
    "account": "kamgen account dossier (accounts/<id>.yaml)",
    "team": "kamgen team roster (team.yaml)",
}
DIALECT = "https://json-schema.org/draft/2020-12/schema"
# The keys of ``revenue`` are years (``Year`` in the model: 1900..2200).
YEAR_KEY = r"^(19[0-9]{2}|2[01][0-9]{2}|2200)$"


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def _free_form_records() -> set[str]:
    """Names of the blocks whose extra keys are expected (no unknown-field warning)."""
    return {
        name
        for name, value in vars(model).items()
        if isinstance(value, type) and issubclass(value, Record) and value.free_form
    }


def _is_scalar(schema: dict[str, Any]) -> bool:
    types = schema.get("type")
    types = types if isinstance(types, list) else [types]
    return "$ref" not in schema and all(t in ("string", "number", "integer", "boolean") for t in types)


def _list_field(schema: dict[str, Any]) -> dict[str, Any]:
    # kamgen accepts ``who: olga`` for ``who: [olga]`` and an empty key for
    # none (model.ListOf); the schema must not underline what kamgen accepts.
    items = schema["items"]
    meta = {k: v for k, v in schema.items() if k not in ("type", "items", "default")}
    options = [{"type": "array", "items": items}, *([items] if _is_scalar(items) else []), {"type": "null"}]
    return {**meta, "anyOf": options}


def _tighten(node: Any, closed: bool) -> Any:
    """Walk the generated schema and make it say what kamgen accepts."""
    if isinstance(node, list):
        return [_tighten(item, closed) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _tighten(value, closed) for key, value in node.items()}
    if out.get("additionalProperties") is True and "properties" in out:
        out["additionalProperties"] = not closed
    if out.get("type") == "string" and not ({"pattern", "enum", "format"} & out.keys()):
        # Records coerce numbers to text (``phone: 380441234567`` is fine).
        out["type"] = ["string", "number"]
    if isinstance(out.get("properties"), dict):
        out["properties"] = {
            name: _list_field(prop) if prop.get("type") == "array" and "items" in prop else prop
            for name, prop in out["properties"].items()
        }
    return out


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) for ``kind``: ``account`` or ``team``."""
    generated = KINDS[kind].model_json_schema()
    free_form = _free_form_records()
    defs = {name: _tighten(value, closed=name not in free_form) for name, value in generated.pop("$defs", {}).items()}
    schema = _tighten(generated, closed=True)
    if kind == "account":
        schema["properties"]["revenue"]["propertyNames"] = {"pattern": YEAR_KEY}
    return {"$schema": DIALECT, **schema, "title": TITLES[kind], "$defs": defs}


def schema_text(kind: str) -> str:
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema to ``folder`` (as committed under ``schema/``); return the files."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = folder / file_name(kind)
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written
