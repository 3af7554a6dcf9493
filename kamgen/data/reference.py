"""The dossier format reference (docs/dossier-format.md), written from the schema.

Regenerate with ``python -m kamgen.data.reference > docs/dossier-format.md``; a
test keeps the committed file in step with the models.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from kamgen.data.examples import BLOCK_EXAMPLES, FIELD_EXAMPLES, ID_MEANING
from kamgen.data.model import ID_PATTERN, Account, Team

_ID = "an id: lowercase Latin letters, digits and `-`"
_WORDS = {
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "`true` or `false`",
    "date": "a date, YYYY-MM-DD",
}


def _bounds(metadata: list[Any]) -> str:
    low = next((m.ge for m in metadata if hasattr(m, "ge")), None)
    high = next((m.le for m in metadata if hasattr(m, "le")), None)
    if low is not None and high is not None:
        return f" from {low} to {high}"
    return f", {low} or more" if low is not None else ""


def _type_name(annotation: Any, plural: bool = False) -> str:
    """What to write, in words: "a number from 1 to 5", "a list of stakeholder blocks"."""
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        base, *metadata = get_args(annotation)
        for m in metadata:
            metadata.extend(getattr(m, "metadata", []))
        if any(getattr(m, "pattern", None) == ID_PATTERN for m in metadata):
            return "ids" if plural else _ID
        if base is int and _bounds(metadata) == " from 1900 to 2200":
            return "years" if plural else "a year"
        return _type_name(base, plural) + _bounds(metadata)
    if origin is Literal:
        return ("values from: " if plural else "one of: ") + ", ".join(f"`{v}`" for v in get_args(annotation))
    if origin in (typing.Union, types.UnionType):
        names = [_type_name(a, plural) for a in get_args(annotation) if a is not type(None)]
        return " or ".join(names)
    if origin is list:
        return f"a list of {_type_name(get_args(annotation)[0], plural=True)}"
    if origin is dict:
        key, value = get_args(annotation)
        per = {"a year": "year", "text": "name"}.get(_type_name(key), _type_name(key))
        return f"a mapping, one line per {per}: {_type_name(value)}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        name = annotation.__name__
        return f"[{name}](#{name.lower()}) blocks" if plural else f"a [{name}](#{name.lower()}) block"
    if annotation is Any:
        return "anything"
    word = _WORDS.get(getattr(annotation, "__name__", str(annotation)), str(annotation))
    if plural:
        return {"text": "texts", "a number": "numbers"}.get(word, word)
    return word


def _models(root: type[BaseModel]) -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in found:
            return
        found.append(model)
        for info in model.model_fields.values():
            for arg in _flatten(info.annotation):
                if isinstance(arg, type) and issubclass(arg, BaseModel):
                    visit(arg)

    visit(root)
    return found


def _flatten(annotation: Any) -> list[Any]:
    args = get_args(annotation)
    return [annotation] if not args else [a for arg in args for a in _flatten(arg)]


def _field_row(model: type[BaseModel], name: str, info: Any) -> str:
    key = f"{model.__name__}.{name}"
    required = "**yes**" if info.is_required() else ""
    note = f" — {info.description}" if info.description else ""
    is_id = any(getattr(m, "pattern", None) == ID_PATTERN for m in info.metadata)
    kind = ID_MEANING.get(key) or (_ID if is_id else _type_name(info.annotation))
    example = FIELD_EXAMPLES[key]
    shown = example if example.startswith("see ") else f"`{name}: {example}`"
    return f"| `{name}` | {kind}{note} | {shown} | {required} |"


def reference() -> str:
    lines = [
        "# Dossier format",
        "",
        "Generated from `kamgen/data/model.py` by `python -m kamgen.data.reference`; do not edit by hand.",
        "Field names are a public contract. Unknown fields are kept and reported as warnings.",
        "How to write and check a dossier, step by step: [Editing dossiers](editing.md).",
        "",
        "An *id* is lowercase Latin letters, digits and `-` (`olena-koval`, not `Olena Koval`). "
        "A *list* is written `[a, b]` on one line, or one `- item` a line. A field left out means *unknown*.",
        "",
    ]
    for title, root in (("team.yaml", Team), ("accounts/&lt;id&gt;.yaml", Account)):
        lines += [f"## {title}", ""]
        for model in _models(root):
            lines += [f"### {model.__name__}", ""]
            if model.__doc__ and model not in (Team,):
                lines += [model.__doc__.strip().splitlines()[0], ""]
            if model.__name__ in BLOCK_EXAMPLES:
                lines += ["```yaml", BLOCK_EXAMPLES[model.__name__], "```", ""]
            lines += ["| field | what to write | example | required |", "| --- | --- | --- | --- |"]
            lines += [_field_row(model, name, info) for name, info in model.model_fields.items()]
            lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(reference(), end="")  # noqa: T201 - this module's output is the document
