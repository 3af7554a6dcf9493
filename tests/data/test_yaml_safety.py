"""Reading a dossier file: only plain data, every problem located (table: input → message)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamgen.data.safe_read import DEFAULT_LIMIT_MB, MB, InputFileError
from kamgen.data.yamlsource import YamlFileError, load_yaml

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)

CASES = [
    (
        "name: A\nname: B\n",
        (2, 1, "duplicate key 'name' (first given on line 1); keep one of them — YAML would silently drop the other"),
    ),
    (
        "name: !!python/object/apply:os.system [echo hi]\n",
        (1, 7, "the tag '!!python/object/apply:os.system' is not allowed; dossiers hold plain data only "
               "(text, numbers, dates, lists and mappings) — remove the tag"),
    ),
    (
        "name: !secret x\n",
        (1, 7, "the tag '!secret' is not allowed; dossiers hold plain data only "
               "(text, numbers, dates, lists and mappings) — remove the tag"),
    ),
    (
        "base: &b {tier: A}\nother:\n  <<: *b\n",
        (3, 3, "merge keys ('<<:') are not supported in dossiers; write the fields out"),
    ),
    (
        "name: [unclosed\n",
        (1, 7, "the list or mapping opened on line 1 is not closed with ']', or lacks a ',' between items "
               "— line 1: name: ▶[unclosed"),
    ),
    (
        "due: 2026-02-30\n",
        (1, 6, "cannot read value '2026-02-30': day is out of range for month"),
    ),
    (
        LAUGHS,
        (6, 4, "the document expands to more than 200,000 values (anchors and aliases '*name' repeated "
                 "too often); write the data out plainly"),
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_unsafe_or_broken_yaml_is_refused_with_a_position(tmp_path: Path, text: str, expected: tuple) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(YamlFileError) as caught:
        load_yaml(path, "accounts/acme.yaml")
    assert (caught.value.line, caught.value.column, caught.value.message) == expected


def test_windows_1251_file_is_named_as_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_bytes("name: ok\nindustry: Логистика\n".encode("cp1251"))
    with pytest.raises(YamlFileError) as caught:
        load_yaml(path, "accounts/acme.yaml")
    assert (caught.value.line, caught.value.column) == (2, 11)
    assert caught.value.message.startswith("the file is not UTF-8 (byte 0xcb cannot be decoded)")
    assert "Re-save it as UTF-8" in caught.value.message


def test_utf8_bom_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_bytes(b"\xef\xbb\xbfname: \xd0\x90\xd0\xba\xd0\xbc\xd0\xb5\n")
    assert load_yaml(path, "acme.yaml").data == {"name": "Акме"}


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_bytes(b"notes: '" + b"x" * DEFAULT_LIMIT_MB * MB + b"'\n")
    with pytest.raises(InputFileError, match="the limit is 5,242,880"):
        load_yaml(path, "acme.yaml")


def test_positions_are_kept_for_every_value(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text("name: Acme\nstakeholders:\n  - id: a\n    influence: 9\n", encoding="utf-8")
    source = load_yaml(path, "acme.yaml")
    assert source.position(("stakeholders", 0, "influence")) == (4, 16)
    assert source.key_position(("stakeholders", 0, "influence")) == (4, 5)
    # An unknown location falls back to its nearest known ancestor.
    assert source.position(("stakeholders", 0, "missing")) == (3, 5)
