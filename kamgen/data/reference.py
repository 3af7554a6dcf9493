"""The dossier format reference (docs/dossier-format.md), written from the schema.

Regenerate with ``python -m kamgen.data.reference > docs/dossier-format.md``; a
test keeps the committed file in step with the models.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from kamgen.data.model import ID_PATTERN, Account, Team

_ID = "id (`a-z`, `0-9`, `-`)"


def _type_name(annotation: Any) -> str:
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        base, *metadata = get_args(annotation)
        if any(getattr(m, "pattern", None) == ID_PATTERN for m in metadata):
            return _ID
        return _type_name(base)
    if origin is Literal:
        return " \\| ".join(f"`{v}`" for v in get_args(annotation))
    if origin in (typing.Union, types.UnionType):
        names = [_type_name(a) for a in get_args(annotation) if a is not type(None)]
        return " or ".join(names)
    if origin is list:
        return f"list of {_type_name(get_args(annotation)[0])}"
    if origin is dict:
        key, value = get_args(annotation)
        return f"mapping {_type_name(key)} → {_type_name(value)}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    if annotation is Any:
        return "anything"
    return {
        "str": "text",
        "int": "whole number",
        "float": "number",
        "bool": "true/false",
        "date": "date YYYY-MM-DD",
    }.get(getattr(annotation, "__name__", str(annotation)), str(annotation))


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


def reference() -> str:
    lines = [
        "# Dossier format",
        "",
        "Generated from `kamgen/data/model.py` by `python -m kamgen.data.reference`; do not edit by hand.",
        "Field names are a public contract. Unknown fields are kept and reported as warnings.",
        "",
    ]
    for title, root in (("team.yaml", Team), ("accounts/&lt;id&gt;.yaml", Account)):
        lines += [f"## {title}", ""]
        for model in _models(root):
            lines += [f"### {model.__name__}", ""]
            if model.__doc__ and model not in (Team,):
                lines += [model.__doc__.strip().splitlines()[0], ""]
            lines += ["| field | type | required |", "| --- | --- | --- |"]
            for name, info in model.model_fields.items():
                required = "**yes**" if info.is_required() else ""
                note = f" — {info.description}" if info.description else ""
                is_id = any(getattr(m, "pattern", None) == ID_PATTERN for m in info.metadata)
                kind = _ID if is_id else _type_name(info.annotation)
                lines.append(f"| `{name}` | {kind}{note} | {required} |")
            lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(reference(), end="")  # noqa: T201 - this module's output is the document
