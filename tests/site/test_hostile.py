"""Hostile input: the corpus in tests/hostile/ must be refused clearly or shown literally.

- ``hostile/unsafe/*.yaml``: files that must be refused; the first line says the exact error.
- ``hostile/escaping/*.yaml``: valid dossiers whose every value carries markup; the built site
  must show it as text and run none of it.
"""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kamgen.data.load import load_portfolio
from kamgen.errors import DataError
from tests.support import ProjectFactory, build_site

HOSTILE = Path(__file__).resolve().parent.parent / "hostile"
UNSAFE = sorted((HOSTILE / "unsafe").glob("*.yaml"))


def expected_error(path: Path) -> str:
    first_line = path.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    assert first_line.startswith("# expect: "), f"{path.name} must start with '# expect: <message>'"
    return first_line.removeprefix("# expect: ")


@pytest.mark.parametrize("path", UNSAFE, ids=[p.stem for p in UNSAFE])
def test_unsafe_file_is_refused_with_its_exact_error(make_project: ProjectFactory, path: Path) -> None:
    root = make_project()
    shutil.copy(path, root / "accounts" / path.name)
    with pytest.raises(DataError) as caught:
        load_portfolio(root / "team.yaml", root / "accounts", root)
    assert [str(d) for d in caught.value.diagnostics] == [expected_error(path)]
    assert not Path("/tmp/kamgen-pwned").exists(), "a YAML tag executed code"


class _Text(HTMLParser):
    """Visible text and every tag/attribute of a built page."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    (root / "accounts").mkdir()
    (root / "playbooks").mkdir()
    shutil.copy(HOSTILE / "escaping" / "everything.yaml", root / "accounts" / "everything.yaml")
    (root / "team.yaml").write_text("people:\n  - {id: olena-koval, name: Olena Koval, level: executive}\n")
    (root / "mkdocs.yml").write_text(
        "site_name: Hostile\ndocs_dir: playbooks\ntheme: {name: material, font: false}\n"
        "plugins: [search, kamgen]\nmarkdown_extensions: [tables, attr_list, md_in_html, admonition]\n"
    )
    site = root / "site"
    return build_site(root / "mkdocs.yml", site)


def test_no_markup_from_a_dossier_survives_in_any_output_file(hostile_site: Path) -> None:
    # Unescaped tags or live attributes; the same text escaped (&lt;img …) is harmless.
    dangerous = re.compile(
        r"<script>alert|<iframe|<style>body|<img src=x|<svg onload|<b onmouseover|"
        r"<[a-z]+[^<>]*\s(href|src)=[\"']?(javascript:|https://evil\.example)",
        re.IGNORECASE,
    )
    for path in hostile_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".js", ".svg"):
            text = path.read_text(encoding="utf-8", errors="replace")
            found = dangerous.search(text)
            assert found is None, f"{path.relative_to(hostile_site)} contains {found.group(0)!r}"


def test_no_dossier_value_became_an_element(hostile_site: Path) -> None:
    parser = _Text()
    parser.feed((hostile_site / "accounts" / "everything" / "index.html").read_text(encoding="utf-8"))
    for tag, attrs in parser.tags:
        assert tag not in ("iframe", "style") or not any("alert" in (v or "") for _, v in attrs)
        for name, value in attrs:
            assert not name.startswith("on"), f"<{tag} {name}=…> came from a dossier"
            assert not (value or "").strip().lower().startswith("javascript:"), f"<{tag} {name}={value}>"


@pytest.mark.parametrize(
    "literal",
    [
        "</title><script>alert('name')</script>",
        "\"><img src=x onerror=alert('industry')>",
        "<iframe src=javascript:alert('competitor')>",
        "{{ 7*7 }}",
        "{% for x in range(3) %}loop{% endfor %} [click](javascript:alert('need'))",
        "</svg><script>alert('stakeholder')</script>",
        "**bold** | pipe # hash",
        "<b onmouseover=alert('interest')>x</b>",
        "![img](https://evil.example/x.png)",
        "${7*7} #{7*7} <%= 7*7 %>",
        "</td></tr></table><script>alert('decision')</script>",
        "<svg onload=alert('action')>",
    ],
)
def test_each_value_is_shown_as_typed(hostile_site: Path, literal: str) -> None:
    parser = _Text()
    parser.feed((hostile_site / "accounts" / "everything" / "index.html").read_text(encoding="utf-8"))
    visible = " ".join("".join(parser.text).split())
    assert literal in visible


def test_page_title_is_escaped(hostile_site: Path) -> None:
    page = (hostile_site / "accounts" / "everything" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", page, re.DOTALL)
    assert title is not None
    assert html.unescape(title.group(1)).startswith("</title><script>alert('name')</script>")
    assert "<script>" not in title.group(1)


def test_notes_keep_markdown_but_lose_html_and_bad_links(hostile_site: Path) -> None:
    page = (hostile_site / "accounts" / "everything" / "index.html").read_text(encoding="utf-8")
    notes = page[page.index('class="kg-notes"') :]
    notes = notes[: notes.index("</div>")]
    assert "<strong>Kept</strong>" in notes
    assert 'href="https://example.com"' in notes
    assert 'href="javascript' not in notes and "<script" not in notes and "<img" not in notes


def test_control_characters_never_reach_the_page(hostile_site: Path) -> None:
    page = (hostile_site / "accounts" / "everything" / "index.html").read_text(encoding="utf-8")
    assert "control[31m" in page
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", page)
