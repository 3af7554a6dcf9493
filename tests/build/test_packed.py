"""Pages kept packed in memory: the same text for every reader, a fraction of the memory.

The docs tree, MkDocs' copy of each page's Markdown and the converted HTML
between MkDocs' two passes are all kept compressed (kamgen.util.packed,
kamgen.plugin.parked). What reads them must not notice, other plugins included.
"""

from __future__ import annotations

import json
import subprocess
import sys

from mkdocs.config import load_config
from mkdocs.structure.files import InclusionLevel

from kamgen.build import pipeline
from kamgen.build.compact import without_indentation
from kamgen.mkdocs_yml import load_project
from kamgen.plugin.parked import PARKED, PackedFile
from kamgen.render.site import DocsTree
from kamgen.util.packed import PackedPages
from tests.support import REPO, ProjectFactory

PAGE = "---\ntitle: Карпати\n---\n\n# Карпати 🚚\n\n| Стейкхолдер | Роль |\n|---|---|\n| Ольга | Закупки |\n" * 20


def test_packed_pages_read_back_exactly_what_was_stored() -> None:
    pages = PackedPages({"a.md": PAGE, "b.md": "plain\n"})
    pages["c.md"] = "lone surrogate \udcff kept\n"
    assert dict(pages) == {"a.md": PAGE, "b.md": "plain\n", "c.md": "lone surrogate \udcff kept\n"}
    assert list(pages) == ["a.md", "b.md", "c.md"], "pages keep the order they were added in"
    del pages["b.md"]
    assert "b.md" not in pages and len(pages) == 2
    assert pages == {"a.md": PAGE, "c.md": "lone surrogate \udcff kept\n"}


def test_a_generated_plan_takes_a_fraction_of_its_text() -> None:
    tree = pipeline.generate(load_project(REPO / "mkdocs.yml"))
    plan = "accounts/northwind-logistics.md"
    text = tree.pages[plan]
    assert text.startswith("---\n") and "Northwind" in text
    assert len(tree.pages.packed(plan)) * 3 < len(text.encode()), "a plan page packs to under a third"


def test_a_docs_tree_given_plain_pages_packs_them() -> None:
    tree = DocsTree(pages={"index.md": "# A\n"})
    assert isinstance(tree.pages, PackedPages)
    assert tree.pages["index.md"] == "# A\n"


def test_mkdocs_reads_a_packed_file_as_its_text() -> None:
    config = load_config(str(REPO / "mkdocs.yml"))
    pages = PackedPages({"accounts/x.md": PAGE})
    file = PackedFile.of(config, "accounts/x.md", pages.packed("accounts/x.md"), InclusionLevel.NOT_IN_NAV)
    assert file.content_string == PAGE
    assert file.content_bytes == PAGE.encode()
    assert file.is_documentation_page() and file.inclusion is InclusionLevel.NOT_IN_NAV
    file.content_string = "# Changed by a plugin\n"
    assert file.content_string == "# Changed by a plugin\n"
    file.content_bytes = b"# Bytes \xd0\x96\n"
    assert file.content_bytes == b"# Bytes \xd0\x96\n" and file.content_string == "# Bytes Ж\n"


# A hook (another plugin, as MkDocs sees it) that records what it finds in
# kamgen's pages at each stage of the build.
HOOK = """
import json
from pathlib import Path

seen = {}
PLAN = "accounts/acme.md"

def on_env(env, config, files):
    page = files.get_file_from_path(PLAN).page
    seen["between passes"] = page.content
    return env

def on_page_context(context, page, config, nav):
    if page.file.src_uri == PLAN:
        seen["context content"] = page.content
        seen["context markdown"] = page.markdown
    return context

def on_post_page(output, page, config):
    if page.file.src_uri == PLAN:
        seen["post page content"] = page.content
    return output

def on_post_build(config):
    Path(config.config_file_path).with_name("seen.json").write_text(json.dumps(seen), encoding="utf-8")
"""


def test_other_plugins_see_a_page_whole_while_it_is_written(make_project: ProjectFactory) -> None:
    account = (
        "name: Acme Lagerhaus\nowner: olena-koval\nrevenue: {2025: 100}\nneeds: [{unit: Ops, need: Faster docks}]\n"
    )
    root = make_project(accounts={"acme": account})
    (root / "hooks.py").write_text(HOOK, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - hooks.py\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "kamgen.cli", "build", "-f", str(config)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads((root / "seen.json").read_text(encoding="utf-8"))
    html = (root / "site" / "accounts" / "acme" / "index.html").read_text(encoding="utf-8")

    assert "Faster docks" in seen["context content"] and seen["context content"] != PARKED
    assert without_indentation(seen["context content"]) in html, "the page is written with the HTML the plugins saw"
    assert "Faster docks" in seen["context markdown"]
    assert "Faster docks" in seen["post page content"]
    # Documented limit: between MkDocs' two passes a kamgen page's HTML is packed away.
    assert seen["between passes"] == PARKED
    assert PARKED not in html
