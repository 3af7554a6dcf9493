"""Syntax mistakes editors make, told in their terms: file text → position and exact advice."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamgen.data.yamlsource import YamlFileError, load_yaml

CASES = [
    pytest.param(
        "name: Acme\ntitle: CFO: finance\n",
        (2, 11, "this value contains ': ', which YAML reads as a new field; put the value in quotes: "
                'title: "CFO: finance" — line 2: title: CFO▶: finance'),
        id="colon-in-a-value",
    ),
    pytest.param(
        "name: Acme\n  owner: x\n",
        (2, 8, "a ':' YAML did not expect here: check that this line is indented exactly like the fields above it "
               "and that the line before it has its 'field: value' — line 2:   owner▶: x"),
        id="indented-too-far",
    ),
    pytest.param(
        "stakeholders:\n  - id: a\n    name: A\n   title: b\n",
        (4, 4, "this line is indented differently from the list that starts on line 2: every item starts with "
               "'- ' at the same indentation, and an item's fields line up under its first field "
               "— line 4:    ▶title: b"),
        id="item-field-misaligned",
    ),
    pytest.param(
        "name: Acme\n\towner: x\n",
        (2, 1, "a tab character: YAML indents with spaces only; replace the tab with spaces — line 2: ▶→owner: x"),
        id="tab",
    ),
    pytest.param(
        'name: "Acme\nowner: x\n',
        (1, 7, 'a quote opened on line 1 is never closed; close it or remove it — line 1: name: ▶"Acme'),
        id="unclosed-quote",
    ),
    pytest.param(
        'name: "Acme" Corp\n',
        (1, 14, "a 'field: value' line was expected here: check this line's indentation (a list item '- ' belongs "
                "under its field, indented) and that a quoted value has nothing after its closing quote "
                '— line 1: name: "Acme" ▶Corp'),
        id="text-after-a-quote",
    ),
    pytest.param(
        'path: "C:\\data"\n',
        (1, 10, "a backslash '\\' inside double quotes starts an escape; use single quotes instead "
                "(path: 'C:\\data') or write the backslash twice — line 1: path: \"C:▶\\data\""),
        id="backslash-in-double-quotes",
    ),
    pytest.param(
        "email: @olga\n",
        (1, 8, "a value cannot start with '@'; put the whole value in quotes — line 1: email: ▶@olga"),
        id="at-sign",
    ),
    pytest.param(
        "name: *foo\n",
        (1, 7, "a value starting with '*' refers to an anchor (&name) that is not defined; put the value in quotes "
               "— line 1: name: ▶*foo"),
        id="star",
    ),
    pytest.param(
        "name: Acme\nkey:value\nx: y\n",
        (2, 1, "line 2 has no ': ' after its field name; write 'field: value', with a space after the colon "
               "— line 2: ▶key:value"),
        id="no-space-after-colon",
    ),
    pytest.param(
        "who: [a, b\nname: x\n",
        (2, 5, "the list or mapping opened on line 1 is not closed with ']', or lacks a ',' between items "
               "— line 2: name▶: x"),
        id="unclosed-bracket",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_syntax_errors_get_plain_advice_with_the_column_marked(tmp_path: Path, text: str, expected: tuple) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(YamlFileError) as caught:
        load_yaml(path, "accounts/acme.yaml")
    assert (caught.value.line, caught.value.column, caught.value.message) == expected
    assert "mapping values" not in caught.value.message and "scalar" not in caught.value.message


def test_a_long_line_is_shortened_around_the_mark(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text("notes: " + "word " * 30 + "end: here\n", encoding="utf-8")
    with pytest.raises(YamlFileError) as caught:
        load_yaml(path, "accounts/acme.yaml")
    excerpt = caught.value.message.split(" — line 1: ")[1]
    assert excerpt.startswith("…") and "end▶: here" in excerpt and len(excerpt) <= 62
