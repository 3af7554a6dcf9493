"""Property-based: any dossier is either a clean site with every value shown as typed,
or a clear validation error — never a traceback.
"""

from __future__ import annotations

import html
import re
import tempfile
from pathlib import Path
from typing import Any

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamgen.build import pipeline
from kamgen.config import KamgenOptions, Project
from kamgen.errors import DataError, Severity
from tests.support import MINIMAL_TEAM

# Any Unicode text: RTL, emoji, combining marks, control characters, long strings.
TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=300)
IDS = st.sampled_from(["olena-koval", "andriy-melnyk", "nobody", "p1", "p2", "p3"])


@st.composite
def dossiers(draw: st.DrawFn) -> dict[str, Any]:
    stakeholders = [
        {
            "id": f"p{i}",
            "name": draw(TEXT),
            **({"title": draw(TEXT)} if draw(st.booleans()) else {}),
            **({"reports_to": draw(IDS)} if draw(st.booleans()) else {}),
            **({"counterpart": draw(IDS)} if draw(st.booleans()) else {}),
            **({"influence": draw(st.integers(0, 6))} if draw(st.booleans()) else {}),
        }
        for i in range(1, draw(st.integers(0, 3)) + 1)
    ]
    data: dict[str, Any] = {"name": draw(TEXT), "owner": draw(IDS), "stakeholders": stakeholders}
    if draw(st.booleans()):
        data["industry"] = draw(TEXT)
    if draw(st.booleans()):
        data["needs"] = [{"unit": draw(TEXT), "need": draw(TEXT)}]
    if draw(st.booleans()):
        data["risks"] = [{"risk": draw(TEXT), "mitigation": draw(TEXT)}]
    if draw(st.booleans()):
        data["revenue"] = {2025: draw(st.integers(0, 10**9))}
    if draw(st.booleans()):
        data["decision_process"] = [{"step": "signs", "who": [draw(IDS)]}]
    return data


def visible_text(page_markdown: str) -> str:
    rendered = markdown.markdown(page_markdown, extensions=["tables", "attr_list", "md_in_html", "admonition"])
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


def shown_as(value: str) -> str:
    """What a reader should see of a value: controls dropped, white space folded.

    NEL (U+0085) is a line break to YAML, so a line folds at it into a space like at a newline.
    """
    value = value.replace("\x85", " ")
    value = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "", value)
    return " ".join(value.split())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dossiers())
def test_any_dossier_builds_cleanly_or_fails_clearly(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "accounts").mkdir()
        (root / "team.yaml").write_text(MINIMAL_TEAM, encoding="utf-8")
        (root / "accounts" / "acme.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        project = Project(root, KamgenOptions(today="2026-11-22"))  # type: ignore[arg-type]
        try:
            tree = pipeline.generate(project)
        except DataError as exc:
            errors = [d for d in exc.diagnostics if d.severity is Severity.ERROR]
            assert errors, "a DataError always carries at least one error"
            for diagnostic in errors:
                assert diagnostic.file == "accounts/acme.yaml"
                assert diagnostic.line >= 1 and diagnostic.message
            return
        page = visible_text(tree.pages["accounts/acme.md"])
        values = [data["name"], data.get("industry")]
        values += [s["name"] for s in data["stakeholders"]]
        values += [n["need"] for n in data.get("needs", [])]
        for value in filter(None, values):
            expected = shown_as(value)
            assert expected in page, f"{value!r} is not shown as typed"
