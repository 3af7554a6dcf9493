"""Read one YAML file into plain data, able to say where every value stands.

libyaml (``yaml.CSafeLoader``) parses and composes the node tree; we build the
Python values ourselves so that we can refuse what PyYAML lets through
silently (tags, duplicate keys, unbounded alias expansion), and keep the tree
to find the line and column of any value for error messages.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kamgen.data.safe_read import DEFAULT_LIMIT_MB, MB, Inputs
from kamgen.data.yamladvice import advise

Loc = tuple[str | int, ...]

# Deeper than any dossier needs, far below what would exhaust Python's stack.
MAX_DEPTH = 64
# libyaml recurses in C while parsing: tens of thousands of nested brackets crash
# the process (a segmentation fault, not an exception), so text nested deeper
# than this is refused before libyaml sees it. Indentation bounds block nesting.
MAX_PARSER_DEPTH = 500
# Nodes built per file, counting each alias expansion again: a "billion laughs"
# file hits this long before it can exhaust memory.
MAX_NODES = 200_000

_SCALARS = yaml.constructor.SafeConstructor()
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
# Plain scalar types only: no collections, sets, pairs or binary from a tag.
_SCALAR_CONSTRUCTORS = {
    f"tag:yaml.org,2002:{name}": _SCALARS.yaml_constructors[f"tag:yaml.org,2002:{name}"]
    for name in ("null", "bool", "int", "float", "str", "timestamp")
}


@dataclass
class SourceFile:
    """A parsed YAML document, with its node tree kept to locate any value later.

    Positions are looked up only when a message needs one, so a valid file
    costs nothing for them.
    """

    path: Path
    display: str
    data: Any
    root: yaml.Node | None = field(default=None, repr=False)

    def _walk(self, loc: Loc) -> tuple[yaml.Node | None, yaml.Node | None]:
        """(key node, value node) of the deepest part of ``loc`` that exists."""
        key: yaml.Node | None = None
        node = self.root
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                found = next(((k, v) for k, v in node.value if _key_matches(k, part)), None)
                if found is None:
                    break
                key, node = found
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                key, node = None, node.value[part]
            else:
                break
        return key, node

    def position(self, loc: Loc) -> tuple[int, int]:
        """Line and column of ``loc``'s value, or of its nearest existing ancestor."""
        _, node = self._walk(loc)
        return _mark(node)

    def key_position(self, loc: Loc) -> tuple[int, int]:
        """Where the key naming ``loc`` stands (for "unknown field" messages)."""
        key, node = self._walk(loc)
        return _mark(key if key is not None else node)


def _mark(node: yaml.Node | None) -> tuple[int, int]:
    if node is None:
        return (1, 1)
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _key_matches(key: yaml.Node, part: str | int) -> bool:
    if not isinstance(key, yaml.ScalarNode):
        return False
    try:
        return bool(_Builder.scalar(key) == part)
    except YamlFileError:
        return False


class YamlFileError(Exception):
    """A file that cannot be read as plain YAML data."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def decode(raw: bytes) -> str:
    """UTF-8 text of a file's bytes; a legacy encoding gets an error saying how to re-save it."""
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


def too_deep(text: str) -> bool:
    """True when ``text`` may nest more than :data:`MAX_PARSER_DEPTH` levels (brackets or indentation).

    Brackets inside quoted text count too: a false alarm needs hundreds of
    unclosed brackets, which no real file has.
    """
    if max((len(m.group()) for m in _INDENT.finditer(text)), default=0) > MAX_PARSER_DEPTH:
        return True
    if sum(text.count(c) for c in "[{") <= MAX_PARSER_DEPTH:
        return False
    depth = 0
    for bracket in _BRACKETS.findall(text):
        depth = depth + 1 if bracket in "[{" else max(depth - 1, 0)
        if depth > MAX_PARSER_DEPTH:
            return True
    return False


_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
_BRACKETS = re.compile(r"[\[\]{}]")


class _Builder:
    def __init__(self) -> None:
        self.count = 0
        self.top: yaml.Node | None = None  # the top-level value being built, for error positions

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        self.count += 1
        if depth > MAX_DEPTH:
            raise YamlFileError(
                f"the data is nested more than {MAX_DEPTH} levels deep; no dossier field needs that — "
                "check the brackets and indentation",
                *_mark(node),
            )
        if self.count > MAX_NODES:
            # Point at the top-level field whose value explodes, not deep inside an anchor.
            raise YamlFileError(
                f"the document expands to more than {MAX_NODES:,} values "
                "(anchors and aliases '*name' repeated too often); write the data out plainly",
                *_mark(self.top or node),
            )
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise _unknown_tag(node)
            return [self.build(item, depth + 1) for item in node.value]
        return self._mapping(node, depth)

    def _mapping(self, node: yaml.Node, depth: int) -> dict[Any, Any]:
        if node.tag != _MAP:
            raise _unknown_tag(node)
        result: dict[Any, Any] = {}
        first_key: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlFileError(
                    "merge keys ('<<:') are not supported in dossiers; write the fields out", *_mark(key_node)
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlFileError("a key must be plain text or a number", *_mark(key_node))
            key = self.scalar(key_node)
            if key in first_key:
                raise YamlFileError(
                    f"duplicate key '{key}' (first given on line {_mark(first_key[key])[0]}); "
                    "keep one of them — YAML would silently drop the other",
                    *_mark(key_node),
                )
            first_key[key] = key_node
            if depth == 0:
                self.top = value_node
            result[key] = self.build(value_node, depth + 1)
        return result

    @staticmethod
    def scalar(node: yaml.Node) -> Any:
        tag = node.tag
        if tag == _STR:  # most values: skip the constructor machinery
            return node.value
        constructor = _SCALAR_CONSTRUCTORS.get(tag)
        if constructor is None:
            raise _unknown_tag(node)
        try:
            return constructor(_SCALARS, node)
        except (yaml.constructor.ConstructorError, ValueError) as exc:
            raise YamlFileError(f"cannot read value {node.value!r}: {exc}", *_mark(node)) from None


def _unknown_tag(node: yaml.Node) -> YamlFileError:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    return YamlFileError(
        f"the tag '{tag}' is not allowed; dossiers hold plain data only "
        "(text, numbers, dates, lists and mappings) — remove the tag",
        node.start_mark.line + 1,
        node.start_mark.column + 1,
    )


def load_yaml(path: Path, display: str, inputs: Inputs | None = None) -> SourceFile:
    """Parse ``path``; raise :class:`YamlFileError` with a position on any failure.

    The file is read through ``inputs`` (default: inside its own folder, the
    default size limit); :class:`InputFileError` when it may not be read.
    """
    reader = inputs if inputs is not None else Inputs.of(path.absolute().parent)
    text = decode(reader.read_bytes(path))
    if too_deep(text):
        raise YamlFileError(f"the data is nested more than {MAX_PARSER_DEPTH} levels deep; check the brackets")
    source = SourceFile(path=path, display=display, data=None)
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        began = (exc.context_mark.line + 1, exc.context_mark.column + 1) if exc.context_mark else None
        advice = advise(exc.problem, exc.context, text, (line, column), began)
        raise YamlFileError(advice.message, advice.line, advice.column) from None
    except yaml.YAMLError as exc:
        raise YamlFileError(f"this is not valid YAML: {exc}") from None
    except RecursionError:
        raise YamlFileError(f"the data is nested more than {MAX_DEPTH} levels deep; check the brackets") from None
    if node is not None:
        source.root = node
        source.data = _Builder().build(node)
    return source


def load_mapping(text: str, loader: type[yaml.CSafeLoader] = yaml.CSafeLoader) -> dict[str, Any]:
    """The mapping of a settings text (mkdocs.yml, a playbook's front matter), under the dossiers' depth guard.

    :class:`YamlFileError`, in the editor's words, when the text is not YAML,
    nests too deeply for the parser, or holds something other than a mapping.
    """
    deep = "nested too deeply to read; flatten it"
    if too_deep(text):  # libyaml would crash on it
        raise YamlFileError(deep)
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise YamlFileError(f"not valid YAML: {exc}") from None
    except RecursionError:
        raise YamlFileError(deep) from None
    if not isinstance(data, dict):
        raise YamlFileError("expected a mapping of settings (name: value lines)")
    return data


def parse_text(text: str) -> Any:
    """Plain data from YAML text (an old version of a dossier), with the same limits; YamlFileError if bad."""
    if len(text) > DEFAULT_LIMIT_MB * MB:
        raise YamlFileError("too large")
    if too_deep(text):  # libyaml would crash on it
        raise YamlFileError("nested too deep")
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as exc:
        raise YamlFileError(f"this is not valid YAML: {exc}") from None
    return None if node is None else _Builder().build(node)
