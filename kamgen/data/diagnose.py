"""Turn schema violations into messages an editor can act on."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from typing import Any, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from kamgen.data.where import describe
from kamgen.data.yamlsource import Loc, SourceFile
from kamgen.errors import Diagnostic, Severity


def diagnostic(
    source: SourceFile, loc: Loc, message: str, severity: Severity = Severity.ERROR, *, at_key: bool = False
) -> Diagnostic:
    """A problem at ``loc``: at its value, or with ``at_key`` at the key naming it (an unknown field)."""
    line, column = source.key_position(loc) if at_key else source.position(loc)
    label = describe(loc, source.data)
    return Diagnostic(source.display, line, column, field_path(loc), message, severity, label)


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
        at_key = bool(loc) and loc[-1] == "[key]"
        out.append(diagnostic(source, loc[:-1] if at_key else loc, _message(error), at_key=at_key))
    return out


def unknown_field_warnings(source: SourceFile, model: type[BaseModel]) -> list[Diagnostic]:
    """Keys the schema does not know: kept, but most are typos of known ones.

    Read from the parsed data, not the validated record, so that a file with
    errors still gets its typos reported in the same run.
    """
    out: list[Diagnostic] = []

    def walk(value: Any, model: type[BaseModel], loc: Loc) -> None:
        if isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, model, (*loc, i))
            return
        if not isinstance(value, dict):
            return
        fields = model.model_fields
        for key, item in value.items():
            info = fields.get(key) if isinstance(key, str) else None
            if info is None:
                if not getattr(model, "free_form", False):
                    message = "unknown field, ignored by kamgen" + did_you_mean(key, list(fields))
                    out.append(diagnostic(source, (*loc, key), message, Severity.WARNING, at_key=True))
            elif (inner := _record_type(info.annotation)) is not None:
                walk(item, inner, (*loc, key))

    walk(source.data, model, ())
    return out


def _record_type(annotation: Any) -> type[BaseModel] | None:
    """The block type a field holds (itself, in a list or optional), if it is one."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _record_type(arg)
        if found is not None:
            return found
    return None


def validate(source: SourceFile, model: type[BaseModel]) -> tuple[BaseModel | None, list[Diagnostic]]:
    """Validate a parsed file against ``model``; return the record (if valid) and problems."""
    if source.data is None:
        return None, [Diagnostic(source.display, 1, 1, "", "the file is empty")]
    if not isinstance(source.data, dict):
        return None, [
            Diagnostic(source.display, 1, 1, "", f"expected a mapping of fields (found {_found(source.data)})")
        ]
    # A misspelt key often explains a "required field is missing": both are reported.
    typos = unknown_field_warnings(source, model)
    try:
        record = model.model_validate(source.data)
    except ValidationError as exc:
        return None, schema_diagnostics(source, exc) + typos
    return record, typos
