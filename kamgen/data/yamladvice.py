"""PyYAML's syntax errors, told as what to change in the file.

PyYAML says what its parser expected ("mapping values are not allowed in this
context"); an editor needs to hear which character is wrong and what to type
instead. Each message ends with the line itself, the column marked with ▶.
"""

from __future__ import annotations

from dataclasses import dataclass

_MARK = "▶"
_EXCERPT = 60  # characters of the line shown around the column


@dataclass(frozen=True)
class Advice:
    message: str
    line: int
    column: int


def _line(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


def marked(text: str, line: int, column: int) -> str:
    """The line with ``▶`` before the column, shortened around it when long."""
    source = "".join(c if c.isprintable() else "→" if c == "\t" else "?" for c in _line(text, line))
    at = min(max(column - 1, 0), len(source))
    start = max(0, min(at - _EXCERPT // 2, len(source) - _EXCERPT))
    shown = source[start:at] + _MARK + source[at : start + _EXCERPT]
    return ("…" if start else "") + shown.rstrip() + ("…" if start + _EXCERPT < len(source) else "")


def _colon(text: str, line: int, column: int) -> str:
    before = _line(text, line)[: column - 1]
    if ": " in before.lstrip(" -"):
        key, _, value = before.lstrip(" -").partition(": ")
        value = f"{value.strip()}{_line(text, line)[column - 1 :].rstrip()}"
        example = f'{key}: "{value if len(value) <= 40 else "…"}"'
        return f"this value contains ': ', which YAML reads as a new field; put the value in quotes: {example}"
    return (
        "a ':' YAML did not expect here: check that this line is indented exactly like the fields above it "
        "and that the line before it has its 'field: value'"
    )


def _by_problem(problem: str, context: str, text: str, line: int, column: int, start: int) -> str:
    """The advice for one of PyYAML's problems; ``start``: the line the construct began on."""
    char = _line(text, line)[column - 1 : column]
    if problem.startswith("mapping values are not allowed"):
        return _colon(text, line, column)
    if "tab character" in problem or (problem.startswith("found character") and char == "\t"):
        return "a tab character: YAML indents with spaces only; replace the tab with spaces"
    if "end of stream" in problem and "quoted" in context:
        return f"a quote opened on line {start} is never closed; close it or remove it"
    if problem.startswith("found unknown escape character"):
        return (
            "a backslash '\\' inside double quotes starts an escape; use single quotes instead "
            "(path: 'C:\\data') or write the backslash twice"
        )
    if problem.startswith("found character that cannot start any token"):
        return f"a value cannot start with '{char}'; put the whole value in quotes"
    if problem.startswith("found undefined alias") or "alphabetic or numeric" in problem:
        return "a value starting with '*' refers to an anchor (&name) that is not defined; put the value in quotes"
    if problem.startswith("did not find expected '-' indicator"):
        return (
            f"this line is indented differently from the list that starts on line {start}: every item "
            "starts with '- ' at the same indentation, and an item's fields line up under its first field"
        )
    if problem.startswith("did not find expected key"):
        return (
            "a 'field: value' line was expected here: check this line's indentation (a list item '- ' "
            "belongs under its field, indented) and that a quoted value has nothing after its closing quote"
        )
    if problem.startswith("could not find expected ':'"):
        return f"line {start} has no ': ' after its field name; write 'field: value', with a space after the colon"
    if problem.startswith("did not find expected ',' or"):
        closing = problem[-2]
        return (
            f"the list or mapping opened on line {start} is not closed with '{closing}', or lacks a ',' between items"
        )
    return f"this is not valid YAML ({problem}); check the indentation and quote text that contains ': ' or '#'"


def advise(
    problem: str | None, context: str | None, text: str, at: tuple[int, int], began: tuple[int, int] | None
) -> Advice:
    """Plain advice for PyYAML's ``problem`` (while ``context``) at ``at`` (line, column; 1-based) of ``text``.

    ``began``: where the construct PyYAML was reading started (its context mark).
    """
    line, column = at
    start = began[0] if began else line
    problem, context = problem or "", context or ""
    message = _by_problem(problem, context, text, line, column, start)
    # PyYAML notices these at the end of the construct; the mistake is where it began.
    if began and (
        problem.startswith("could not find expected ':'") or "end of stream" in problem or not _line(text, line).strip()
    ):
        line, column = began
    return Advice(f"{message} — line {line}: {marked(text, line, column)}", line, column)
