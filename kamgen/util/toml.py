"""Write TOML: the small subset a site configuration needs (tables, arrays, strings, numbers, booleans).

Python reads TOML (``tomllib``) but does not write it, and one configuration
file is not worth a dependency. Keys and strings are always quoted and
escaped, so no value can break out of its place.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

_BARE = re.compile(r"[A-Za-z0-9_-]+")


class TomlError(ValueError):
    """A value TOML cannot hold (None, a set, an object…); the message names where it is."""


def dumps(document: Mapping[str, Any]) -> str:
    """TOML text for ``document``: scalars and arrays first, then one ``[table]`` per nested mapping."""
    lines: list[str] = []
    _table(document, [], lines)
    return "\n".join(lines).strip() + "\n"


def _table(table: Mapping[str, Any], path: list[str], lines: list[str]) -> None:
    plain = {k: v for k, v in table.items() if not isinstance(v, Mapping)}
    nested = {k: v for k, v in table.items() if isinstance(v, Mapping)}
    if path and (plain or not nested):
        lines.extend(["", "[" + ".".join(_key(part) for part in path) + "]"])
    for key, value in plain.items():
        lines.append(f"{_key(key)} = {_value(value, [*path, key])}")
    for key, value in nested.items():
        _table(value, [*path, key], lines)


def _key(key: object) -> str:
    if not isinstance(key, str):
        raise TomlError(f"{key!r}: TOML keys are text")
    return key if _BARE.fullmatch(key) else json.dumps(key, ensure_ascii=False)


def _value(value: object, path: list[str]) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)
    if isinstance(value, str):
        # JSON's string escapes are TOML's basic-string escapes (\uXXXX, \", \\, \n…).
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(item, path) for item in value) + "]"
    if isinstance(value, Mapping):
        pairs = (f"{_key(k)} = {_value(v, [*path, str(k)])}" for k, v in value.items())
        return "{ " + ", ".join(pairs) + " }"
    raise TomlError(f"{'.'.join(path)}: TOML cannot hold {type(value).__name__} {value!r}")
