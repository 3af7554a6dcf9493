"""Turn schema violations into messages an editor can act on."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from kamgen.data.yamlsource import Loc, SourceFile
from kamgen.errors import Diagnostic, Severity


def field_path(loc: Sequence[str | int]) -> str:
    """``('stakeholders', 2, 'influence')`` → ``stakeholders[2].influence``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """ " — did you mean 'x'?" for the closest choice, ignoring case; or nothing."""
    by_key = {choice.lower(): choice for choice in choices}
    match = difflib.get_close_matches(str(value).lower(), list(by_key), n=1, cutoff=0.6)
    return f" — did you mean '{by_key[match[0]]}'?" if match else ""


def slug_hint(value: object) -> str:
    """A valid id close to ``value``, as ", e.g. 'olga-ivanova'" (or nothing)."""
    slug = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")[:64]
    return f", e.g. '{slug}'" if slug else ""


def _found(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


_BOUNDS = {
    "greater_than_equal": ("at least", "ge"),
    "less_than_equal": ("at most", "le"),
    "greater_than": ("more than", "gt"),
    "less_than": ("less than", "lt"),
}


def _message(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return "required field is missing (add it)"
    if kind == "literal_error":
        expected = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return f"{_found(value)} is not allowed (expected one of: {', '.join(expected)})" + did_you_mean(
            value, expected
        )
    if kind == "string_pattern_mismatch":
        return (
            f"{_found(value)} is not a valid id (expected lowercase Latin letters, digits "
            f"and '-', starting with a letter or digit{slug_hint(value)})"
        )
    if kind in _BOUNDS:
        word, key = _BOUNDS[kind]
        bound = ctx.get(key)
        if isinstance(bound, float) and bound.is_integer():
            bound = int(bound)
        return f"{_found(value)} is out of range (expected {word} {bound})"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"expected a date written YYYY-MM-DD (found {_found(value)})"
    if kind == "value_error":  # a validator of the model (kamgen.data.model) wrote the message
        return f"{ctx.get('error', error['msg'])} (found {_found(value)})"
    if kind == "finite_number":
        return f"expected a finite number (found {_found(value)})"
    if kind in ("int_parsing", "int_type", "float_parsing", "float_type", "int_from_float"):
        return f"expected a number (found {_found(value)})"
    if kind in ("bool_parsing", "bool_type"):
        return f"expected true or false (found {_found(value)})"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of fields (found {_found(value)})"
    if kind == "list_type":
        return f"expected a list (found {_found(value)})"
    if kind in ("string_type", "string_too_short"):
        return f"expected non-empty text (found {_found(value)})"
    return f"{error['msg']} (found {_found(value)})"


def schema_diagnostics(source: SourceFile, exc: ValidationError) -> list[Diagnostic]:
    out = []
    for error in exc.errors():
        loc: Loc = tuple(error["loc"])
        if loc and loc[-1] == "[key]":
            loc = loc[:-1]
            line, column = source.key_position(loc)
        else:
            line, column = source.position(loc)
        out.append(Diagnostic(source.display, line, column, field_path(loc), _message(error)))
    return out


def unknown_field_warnings(source: SourceFile, record: BaseModel) -> list[Diagnostic]:
    """Keys the schema does not know: kept, but most are typos of known ones."""
    out: list[Diagnostic] = []

    def walk(value: Any, loc: Loc) -> None:
        if isinstance(value, BaseModel):
            known = list(type(value).model_fields)
            extra = {} if getattr(value, "free_form", False) else value.model_extra or {}
            for key in extra:
                line, column = source.key_position((*loc, key))
                out.append(
                    Diagnostic(
                        source.display,
                        line,
                        column,
                        field_path((*loc, key)),
                        "unknown field, ignored by kamgen" + did_you_mean(key, known),
                        Severity.WARNING,
                    )
                )
            for name in known:
                walk(getattr(value, name), (*loc, name))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, (*loc, i))

    walk(record, ())
    return out


def validate(source: SourceFile, model: type[BaseModel]) -> tuple[BaseModel | None, list[Diagnostic]]:
    """Validate a parsed file against ``model``; return the record (if valid) and problems."""
    if source.data is None:
        return None, [Diagnostic(source.display, 1, 1, "", "the file is empty")]
    if not isinstance(source.data, dict):
        return None, [
            Diagnostic(source.display, 1, 1, "", f"expected a mapping of fields (found {_found(source.data)})")
        ]
    try:
        record = model.model_validate(source.data)
    except ValidationError as exc:
        # A misspelt top-level key often explains a "required field is missing".
        known = list(model.model_fields)
        typos = [
            Diagnostic(
                source.display,
                *source.key_position((key,)),
                str(key),
                "unknown field, ignored by kamgen" + did_you_mean(key, known),
                Severity.WARNING,
            )
            for key in source.data
            if key not in model.model_fields
        ]
        return None, schema_diagnostics(source, exc) + typos
    return record, unknown_field_warnings(source, record)
