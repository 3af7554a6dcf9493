"""The documentation people read: the README stays short, the guides build, and no link is broken.

Every relative link in README.md, SECURITY.md and docs/ must reach a file of
this repository, and a ``#fragment`` must be a heading (or an explicit
``{ #id }``) of the page it points at.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

from tests.support import REPO

DOCS = REPO / "docs"
PAGES = sorted([REPO / "README.md", REPO / "SECURITY.md", *DOCS.rglob("*.md")])
# Guides written on other branches at the same time (editing, search, CRM import, alerts,
# playbook safety, architecture); links to them are checked once they are here.
PENDING: set[str] = set()  # guides linked before they are written (none now)

_FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
_CODE = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.M)
_EXPLICIT_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")


def links_of(page: Path) -> list[str]:
    text = _CODE.sub("", _FENCE.sub("", page.read_text(encoding="utf-8")))
    return _LINK.findall(text)


def anchors_of(page: Path) -> set[str]:
    """The ids of the headings of ``page``: explicit ``{ #id }``, GitHub's and Python-Markdown's slugs."""
    text = _FENCE.sub("", page.read_text(encoding="utf-8"))
    found: set[str] = set()
    for heading in _HEADING.findall(text):
        explicit = _EXPLICIT_ID.search(heading)
        if explicit:
            found.add(explicit.group(1))
            continue
        plain = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", r"\1", heading)
        found.add(re.sub(r"[^\w\- ]", "", plain.lower()).replace(" ", "-"))  # GitHub
        ascii_text = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
        found.add(re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", ascii_text).strip().lower()))  # toc
    return found


def problems_of(page: Path) -> list[str]:
    problems = []
    for target in links_of(page):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):  # http:, mailto:…
            continue
        path, _, fragment = target.partition("#")
        where = (page.parent / path).resolve() if path else page
        name = where.relative_to(REPO).as_posix() if where.is_relative_to(REPO) else str(where)
        if not where.exists():
            if name not in PENDING:
                problems.append(f"{page.relative_to(REPO)}: {target}: no such file")
            continue
        if fragment and where.suffix == ".md" and fragment not in anchors_of(where):
            problems.append(f"{page.relative_to(REPO)}: {target}: no heading #{fragment} there")
    return problems


def test_the_readme_is_short() -> None:
    assert len((REPO / "README.md").read_text(encoding="utf-8").splitlines()) <= 250


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(REPO).as_posix() for p in PAGES])
def test_every_link_and_anchor_resolves(page: Path) -> None:
    assert problems_of(page) == []


def test_the_checker_finds_broken_links(tmp_path: Path) -> None:
    page = REPO / "docs" / "guides" / "index.md"
    fake = page.with_name("_link_check_fixture.md")
    fake.write_text(
        "# Title\n\n[a](missing.md) [b](index.md#nowhere) [c](#title) [d](index.md#editors-the-people-who-keep-the-plans-up-to-date)\n"
        "```\n[e](not-checked.md)\n```\n",
        encoding="utf-8",
    )
    try:
        assert problems_of(fake) == [
            "docs/guides/_link_check_fixture.md: missing.md: no such file",
            "docs/guides/_link_check_fixture.md: index.md#nowhere: no heading #nowhere there",
        ]
    finally:
        fake.unlink()


def test_the_guides_nav_names_real_pages() -> None:
    config = yaml.safe_load((REPO / "mkdocs-guides.yml").read_text(encoding="utf-8"))
    listed: list[str] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, str):
                listed.append(item)
            elif isinstance(item, dict):
                for value in item.values():
                    walk(value if isinstance(value, list) else [value])

    walk(config["nav"])
    missing = [p for p in listed if not (DOCS / p).is_file() and f"docs/{p}" not in PENDING]
    assert missing == []
    guides = {p.relative_to(DOCS).as_posix() for p in (DOCS / "guides").glob("*.md")}
    assert guides <= set(listed), "every guide is in the nav"


def test_the_guides_build_as_a_site(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs-guides.yml"), "-d", str(tmp_path / "s")],
        capture_output=True, text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert (tmp_path / "s" / "guides" / "site-admins" / "index.html").is_file()
    assert (tmp_path / "s" / "guides" / "engines" / "index.html").is_file()


def test_every_environment_variable_kamgen_reads_is_in_the_readme() -> None:
    source = (REPO / "kamgen/config.py").read_text(encoding="utf-8")
    read = set(re.findall(r'env(?:\.get\(|\[)f?"([A-Z_]+?)(?:\{|")', source)) - {"KAMGEN_"}
    read |= {f"KAMGEN_{key.upper()}" for key in ("audience", "today")}  # OVERRIDABLE, named by pattern
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Environment", 1)[1].split("\n## ", 1)[0]
    assert read >= {"KAMGEN_NO_CACHE", "KAMGEN_CACHE_DIR", "GITHUB_ACTIONS", "XDG_CACHE_HOME"}
    assert sorted(name for name in read if name not in section) == []
