"""A check result as a person, a tool or GitHub Actions wants to read it.

- ``text``: one ``file:line:col: field: message`` line per problem on stderr
  (the form editors and terminals jump to), ``OK: …`` on stdout;
- ``json``: one JSON document on stdout, for scripts and editor plugins;
- ``github``: the text, plus one ``::error file=…,line=…,col=…::…`` workflow
  command per problem on stdout, which GitHub shows on the pull request's
  changed lines.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from kamgen.cli.check import CheckResult
from kamgen.config import Environment
from kamgen.errors import Diagnostic, Severity, printable, printable_lines

Format = Literal["text", "json", "github"]
FORMATS: tuple[str, ...] = ("auto", "text", "json", "github")
# What json.dumps leaves raw but a terminal or a reader would misread (it escapes C0 controls itself).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@dataclass
class Output:
    stdout: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)


def resolve_format(requested: str, environment: Environment) -> Format:
    """``auto`` is ``github`` inside GitHub Actions (which sets GITHUB_ACTIONS=true), else ``text``."""
    if requested == "auto":
        return "github" if environment.github_actions else "text"
    assert requested in ("text", "json", "github")
    return requested  # type: ignore[return-value]


def output_for(result: CheckResult, fmt: Format, *, root: Path, workspace: Path) -> Output:
    """``root``: the site folder diagnostics are relative to; ``workspace``: where GitHub resolves paths."""
    if fmt == "json":
        return Output(stdout=[as_json(result)])
    out = as_text(result)
    if fmt == "github":
        out.stdout[:0] = github_annotations(result, root, workspace)
    return out


def count(number: int, one: str, many: str) -> str:
    """``1 account``, ``2 accounts``: the CLI speaks English only (the site's labels are translated)."""
    return f"{number} {one if number == 1 else many}"


def summary(result: CheckResult) -> str:
    people = count(result.people, "person", "people")
    if result.exit_code == 0:
        if result.partial:
            return f"OK: {count(result.accounts, 'dossier', 'dossiers')} checked against {people}, no errors."
        return f"OK: {count(result.accounts, 'account', 'accounts')} and {people}, no errors."
    return f"{count(len(result.errors), 'error', 'errors')} in the portfolio data"


def as_text(result: CheckResult) -> Output:
    out = Output(stderr=[str(d) for d in result.diagnostics])
    if result.error is not None:
        out.stderr.append(f"Error: {printable_lines(result.error)}")
    elif result.exit_code == 0:
        out.stdout.append(summary(result))
    else:
        out.stderr.append(summary(result))
    return out


def _diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    return {
        "file": d.file,
        "line": d.line,
        "column": d.column,
        "field": d.field,
        "where": d.where,
        "message": d.message,
        "severity": str(d.severity),
    }


def as_json(result: CheckResult) -> str:
    located = result.located_error()
    diagnostics = [*result.diagnostics, *([located] if located else [])]
    document = {
        "ok": result.exit_code == 0,
        "exit_code": result.exit_code,
        "errors": sum(d.severity is Severity.ERROR for d in diagnostics),
        "warnings": sum(d.severity is Severity.WARNING for d in diagnostics),
        "diagnostics": [_diagnostic_json(d) for d in diagnostics],
        "error": result.error,
        "accounts": result.accounts,
        "people": result.people,
    }
    # JSON escapes C0 controls itself; C1 controls (0x9b is a terminal's CSI), bidi controls and
    # line separators are escaped too, so the document is safe to print and decodes the same.
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def _escape_data(text: str) -> str:
    # The escaping of GitHub's workflow commands (actions/toolkit, command.ts): no line break can
    # end the command and start another ("::add-mask::", "::stop-commands::" ...). Other
    # controls are shown visibly, as in the terminal.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(text)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic, path: str) -> str:
    properties = f"file={_escape_property(path)},line={d.line},col={d.column},title=kamgen check"
    message = f"{d.where}: {d.message}" if d.where else d.message
    return f"::{d.severity} {properties}::{_escape_data(message)}"


def github_annotations(result: CheckResult, root: Path, workspace: Path) -> list[str]:
    """Workflow commands; paths are made relative to the workspace, as GitHub expects."""

    def where(file: str) -> str:
        path = (root / file).resolve()
        try:
            return path.relative_to(workspace.resolve()).as_posix()
        except ValueError:
            return file

    lines = [annotation(d, where(d.file)) for d in result.diagnostics]
    located = result.located_error()
    if located is not None:
        lines.append(annotation(located, where(located.file)))
    elif result.error is not None:
        lines.append(f"::error title=kamgen check::{_escape_data(result.error)}")
    return lines
