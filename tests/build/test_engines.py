"""The example site built by MkDocs' successors: Zensical (from a generated tree) and ProperDocs (with the plugin).

Each engine test is skipped, saying why, when its engine is not installed;
``.ci/run`` installs both (``pip install -e '.[test,engines]'``).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kamgen.cli import cli, engines
from kamgen.util.toml import TomlError, dumps
from tests.support import REPO, TODAY, copy_example

ZENSICAL = engines.zensical_executable()
needs_zensical = pytest.mark.skipif(
    ZENSICAL is None, reason="Zensical is not installed (pip install -e '.[engines]'; .ci/run does)"
)
needs_properdocs = pytest.mark.skipif(
    importlib.util.find_spec("properdocs") is None,
    reason="ProperDocs is not installed (pip install -e '.[engines]'; .ci/run does)",
)

ACCOUNTS = sorted(p.stem for p in (REPO / "accounts").glob("*.yaml"))
# The footer line kamgen adds, in each language (from the .po files).
FOOTERS = {
    "en": "Internal use only · Plans as of 2026-11-22",
    "ru": "Только для внутреннего использования · Планы на 2026-11-22",
    "uk": "Лише для внутрішнього використання · Плани станом на 2026-11-22",
}


def example_in(language: str, folder: Path) -> Path:
    """A copy of the example site whose theme.language is ``language``; its mkdocs.yml."""
    root = copy_example(folder)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: en", f"language: {language}"))
    return config


def html_of(markdown: Path) -> str:
    """Where a directory-URL site puts the page of ``markdown`` (``a/b.md`` → ``a/b/index.html``)."""
    stem = markdown.with_suffix("")
    return (
        f"{stem.parent.as_posix()}/index.html".removeprefix("./")
        if stem.name == "index"
        else f"{stem.as_posix()}/index.html"
    )


def generate_zensical(config: Path, tree: Path) -> None:
    result = CliRunner().invoke(
        cli, ["generate", "--engine", "zensical", "-f", str(config), "-o", str(tree), "--today", TODAY]
    )
    assert result.exit_code == 0, result.output
    assert "build with: zensical build -f" in result.output


@needs_zensical
@pytest.mark.parametrize("language", ["en", "ru", "uk"])
def test_zensical_builds_every_page_of_the_generated_tree(tmp_path: Path, language: str) -> None:
    tree = tmp_path / "tree"
    generate_zensical(example_in(language, tmp_path / "src"), tree)
    assert not (tree / "mkdocs.yml").exists()

    done = subprocess.run(
        [str(ZENSICAL), "build", "-f", str(tree / "zensical.toml")], capture_output=True, text=True, check=False
    )

    assert done.returncode == 0, done.stderr
    site = tree / "site"
    built = {p.relative_to(site).as_posix() for p in site.rglob("index.html")}
    assert {html_of(md.relative_to(tree / "docs")) for md in (tree / "docs").rglob("*.md")} == built
    assert {"index.html", "alerts/index.html", "vip/index.html", "people/index.html", "playbooks/index.html"} <= built
    assert len([page for page in built if page.startswith("accounts/")]) >= 9
    plan = (site / "accounts" / ACCOUNTS[0] / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{language}"' in plan
    assert 'class="kg-svg kg-svg--org' in plan  # the stakeholder map is there, inline
    assert f'<div class="kg-footer">{FOOTERS[language]}</div>' in plan
    assert (site / "search.json").is_file()  # Zensical's own search


def test_zensical_config_is_toml_with_the_sites_settings(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    generate_zensical(REPO / "mkdocs.yml", tree)

    project = tomllib.loads((tree / "zensical.toml").read_text(encoding="utf-8"))["project"]

    assert project["site_name"] == yaml.safe_load((REPO / "mkdocs.yml").read_text().split("\ntheme:")[0])["site_name"]
    assert project["theme"]["custom_dir"] == "overrides"
    assert project["plugins"] == {}  # no kamgen (it already ran), no search options (Zensical's own)
    assert project["markdown_extensions"]["toc"]["slugify"] == {
        "object": "pymdownx.slugs.slugify",
        "kwds": {"case": "lower"},
    }
    assert project["extra"]["kamgen_footer"] == FOOTERS["en"]
    assert "config.plugins" not in (tree / "overrides" / "main.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("tag_line", "message"),
    [
        (
            "slugify: !!python/object/apply:pymdownx.slugs.slugify [lower]",
            "tag:yaml.org,2002:python/object/apply:pymdownx.slugs.slugify: Zensical's configuration cannot hold "
            "this Python tag; use a plain value or build with --engine mkdocs",
        ),
        (
            "slugify: !custom thing",
            "!custom: Zensical's configuration cannot hold this Python tag; use a plain value or build with --engine mkdocs",
        ),
    ],
)
def test_a_python_tag_zensical_cannot_take_is_one_line(tmp_path: Path, tag_line: str, message: str) -> None:
    config = copy_example(tmp_path / "src") / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("slugify: !!python")
    end = text.index("case: lower") + len("case: lower")
    config.write_text(text[:start] + tag_line + text[end:], encoding="utf-8")

    result = CliRunner().invoke(cli, ["generate", "--engine", "zensical", "-f", str(config), "-o", str(tmp_path / "t")])

    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == f"Error: {config}: {message}"
    assert not (tmp_path / "t").exists()


def test_zensical_missing_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engines, "zensical_executable", lambda: None)

    result = CliRunner().invoke(
        cli, ["build", "--engine", "zensical", "-f", str(REPO / "mkdocs.yml"), "-d", str(tmp_path / "s")]
    )

    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        "Error: --engine zensical: the 'zensical' command is not on PATH (pip install zensical)"
    )
    assert not (tmp_path / "s").exists()


@needs_zensical
def test_kamgen_build_engine_zensical_replaces_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    args = ["build", "--engine", "zensical", "-f", str(REPO / "mkdocs.yml"), "-d", str(site), "--today", TODAY]

    first = CliRunner().invoke(cli, [*args, "--audience", "restricted"])
    second = CliRunner().invoke(cli, args)

    assert (first.exit_code, second.exit_code) == (0, 0), first.output + second.output
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<meta name="generator" content="zensical-' in index
    assert FOOTERS["en"] in index
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging or tree left beside it


@needs_properdocs
def test_properdocs_builds_the_example_with_the_plugin(tmp_path: Path) -> None:
    """What a user moving off MkDocs types: `properdocs build` on the site's own mkdocs.yml."""
    done = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "-f", str(REPO / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    plan = (tmp_path / "site" / "accounts" / ACCOUNTS[0] / "index.html").read_text(encoding="utf-8")
    assert "mkdocs-ProperDocs" in plan
    assert 'class="kg-svg kg-svg--org' in plan
    assert '<div class="kg-footer">' in plan


@needs_properdocs
def test_kamgen_build_engine_properdocs_passes_the_options(tmp_path: Path) -> None:
    site = tmp_path / "site"
    args = ["build", "--engine", "properdocs", "-f", str(REPO / "mkdocs.yml"), "-d", str(site)]
    done = subprocess.run(
        [sys.executable, "-m", "kamgen.cli", *args, "--today", "2026-01-15", "--audience", "restricted"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "mkdocs-ProperDocs" in index
    assert "Restricted: includes contact details and private notes" in index
    assert "Plans as of 2026-01-15" in index


@pytest.mark.parametrize(
    ("document", "text"),
    [
        ({"a": 1, "b": {"c": True}}, "a = 1\n\n[b]\nc = true\n"),
        ({"k": 'say "hi"\n'}, 'k = "say \\"hi\\"\\n"\n'),
        ({"dotted.key": [1, "x", {"y": 2.5}]}, '"dotted.key" = [1, "x", { y = 2.5 }]\n'),
        ({"t": {}}, "[t]\n"),
    ],
)
def test_toml_writer_round_trips(document: dict[str, object], text: str) -> None:
    assert dumps(document) == text
    assert tomllib.loads(text) == document


@pytest.mark.parametrize(
    ("document", "message"),
    [({"a": {"b": None}}, "a.b: TOML cannot hold NoneType None"), ({"a": [{1, 2}]}, "a: TOML cannot hold set {1, 2}")],
)
def test_toml_writer_refuses_what_toml_cannot_hold(document: dict[str, object], message: str) -> None:
    with pytest.raises(TomlError) as caught:
        dumps(document)
    assert str(caught.value) == message
