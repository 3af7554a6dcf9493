"""Read one YAML file into plain data, remembering where every value stands.

libyaml (``yaml.CSafeLoader``) parses and composes the node tree; we build the
Python values ourselves so that we can refuse what PyYAML lets through
silently (duplicate keys, unbounded alias expansion) and keep the line and
column of every node for error messages.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Loc = tuple[str | int, ...]

MAX_FILE_BYTES = 2 * 1024 * 1024
# Nodes built per file, counting each alias expansion again: a "billion laughs"
# file hits this long before it can exhaust memory.
MAX_NODES = 200_000

_SCALARS = yaml.constructor.SafeConstructor()


@dataclass
class SourceFile:
    """A parsed YAML document and the position of every node in it."""

    path: Path
    display: str
    data: Any
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Loc) -> tuple[int, int]:
        """Line and column of ``loc`` or of its nearest located ancestor."""
        for end in range(len(loc), -1, -1):
            found = self.positions.get(loc[:end])
            if found is not None:
                return found
        return (1, 1)

    def key_position(self, loc: Loc) -> tuple[int, int]:
        """Where the key naming ``loc`` stands (for "unknown field" messages)."""
        return self.key_positions.get(loc) or self.position(loc)


class YamlFileError(Exception):
    """A file that cannot be read as plain YAML data."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def read_text(path: Path) -> str:
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise YamlFileError(
            f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,} (split it, or move long notes elsewhere)"
        )
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlFileError(
            f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x} cannot be decoded); "
            "it was probably saved as Windows-1251 or another legacy encoding. "
            "Re-save it as UTF-8 in your editor (VS Code: 'Save with Encoding' → UTF-8)",
            line,
            column,
        ) from None


class _Builder:
    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.count = 0

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            # Point at the top-level field whose value explodes, not deep inside an anchor.
            line, column = self.source.positions.get(loc[:1], (node.start_mark.line + 1, 1))
            raise YamlFileError(
                f"the document expands to more than {MAX_NODES:,} values "
                "(anchors and aliases '*name' repeated too often); write the data out plainly",
                line,
                column,
            )
        self.source.positions.setdefault(loc, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                raise _unknown_tag(node)
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[Any, Any]:
        if node.tag != "tag:yaml.org,2002:map":
            raise _unknown_tag(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlFileError(
                    "merge keys ('<<:') are not supported in dossiers; write the fields out",
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlFileError(
                    "a key must be plain text or a number",
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
            key = self._scalar(key_node)
            if key in result:
                first_line = self.source.key_positions[(*loc, key)][0]
                raise YamlFileError(
                    f"duplicate key '{key}' (first given on line {first_line}); "
                    "keep one of them — YAML would silently drop the other",
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
            self.source.key_positions[(*loc, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            result[key] = self.build(value_node, (*loc, key))
        return result

    @staticmethod
    def _scalar(node: yaml.Node) -> Any:
        if node.tag not in _SCALARS.yaml_constructors or node.tag in (
            "tag:yaml.org,2002:map",
            "tag:yaml.org,2002:seq",
            "tag:yaml.org,2002:omap",
            "tag:yaml.org,2002:pairs",
            "tag:yaml.org,2002:set",
        ):
            raise _unknown_tag(node)
        try:
            return _SCALARS.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError) as exc:
            raise YamlFileError(
                f"cannot read value {node.value!r}: {exc}",
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            ) from None


def _unknown_tag(node: yaml.Node) -> YamlFileError:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    return YamlFileError(
        f"the tag '{tag}' is not allowed; dossiers hold plain data only "
        "(text, numbers, dates, lists and mappings) — remove the tag",
        node.start_mark.line + 1,
        node.start_mark.column + 1,
    )


def load_yaml(path: Path, display: str) -> SourceFile:
    """Parse ``path``; raise :class:`YamlFileError` with a position on any failure."""
    text = read_text(path)
    source = SourceFile(path=path, display=display, data=None)
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "invalid YAML"
        raise YamlFileError(
            f"this is not valid YAML: {what}"
            + (f" ({exc.context})" if exc.context else "")
            + "; check the indentation and that text containing ': ' is quoted",
            line,
            column,
        ) from None
    except yaml.YAMLError as exc:
        raise YamlFileError(f"this is not valid YAML: {exc}") from None
    if node is not None:
        source.data = _Builder(source).build(node, ())
    return source
