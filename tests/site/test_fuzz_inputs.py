"""Random input, as a careless or hostile editor might commit it, for a bounded time (CI-sized).

Random bytes and random YAML as a dossier go to `kamgen check`; random Markdown/HTML/Jinja
playbooks go to `kamgen build`. Whatever comes in: no crash, no traceback, an exit code
kamgen documents, and no script or event handler in any page written.
"""

from __future__ import annotations

import re
import shutil
import string
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamgen.cli import cli
from tests.site.test_hostile_output import script_problems
from tests.support import MINIMAL_MKDOCS, MINIMAL_TEAM, TODAY, write_project


def fuzz(examples: int) -> settings:
    # A fixed number of examples keeps each test to a few seconds; no example database in the tree.
    return settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)


EXIT_CODES = {0, 1, 2}
ACME = "name: Acme\nowner: olena-koval\nrevenue: {2025: 1000}\n"

# Pieces hostile Markdown, HTML and Jinja is made of; hypothesis strings them together.
FRAGMENTS = [
    "<script>alert(1)</script>", "<script", "</script>", "<img src=x onerror=alert(1)>", "onload=", " onclick='x()'",
    "<svg onload=alert(1)>", "<svg><script>alert(1)</script></svg>", "<math><mi xlink:href=javascript:alert(1)>",
    '<a href="javascript:alert(1)">', "<a href=' jav&#x09;ascript:alert(1)'>", "[x](javascript:alert(1))",
    "<iframe src=//evil>", "<object data=x>", "<embed src=x>", "<style>@import url(//evil)</style>",
    "<base href=//evil/>", "<form action=//evil><button>", "<!--", "-->", "<![CDATA[", "]]>", "<noscript><p title='</noscript><img src=x onerror=alert(1)>'>",
    '<figure class="kg-figure x">\n<svg onload=alert(1)></svg>\n</figure>', "\ue000kamgen-figure-0\ue000",
    "{{ '<script>alert(1)</script>' | safe }}", "{{ 7*7 }}", "{% raw %}", "{% endraw %}", "{{", "}}", "{%", "%}",
    "{: onclick=alert(1) }", '<div markdown="1" onmouseover="x">', "</div>", "| a | b |\n|---|---|\n| 1 | 2 |",
    "!!! note", "    indented", "```\n", "\n\n", "\n", "# ", "## ", "`", "*", "_", "\\", "&", "&lt;", "<", ">", '"', "'",
    "\x00", "\x1b[31m", "\u202e", "\ufeff",
]  # fmt: skip

yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(["olena-koval", "Acme", "2024-01-01", "high", "executive", "<script>", "{{ 7*7 }}"]),
)
yaml_keys = st.one_of(
    st.sampled_from(["name", "owner", "revenue", "stakeholders", "id", "potential", "actions", "meetings", "notes"]),
    st.text(max_size=12),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(yaml_keys, inner, max_size=5),
    max_leaves=20,
)


def assert_clean_exit(result: Result) -> None:
    assert result.exit_code in EXIT_CODES, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("fuzz") / "src", accounts={"acme": ACME})


def check_dossier(project: Path, content: bytes) -> Result:
    (project / "accounts" / "fuzz.yaml").write_bytes(content)
    return CliRunner().invoke(cli, ["check", "-f", str(project / "mkdocs.yml"), "--format", "json"])


@fuzz(60)
@given(st.binary(max_size=400))
def test_random_bytes_as_a_dossier(project: Path, content: bytes) -> None:
    assert_clean_exit(check_dossier(project, content))


@fuzz(40)
@given(yaml_values)
def test_random_yaml_as_a_dossier(project: Path, data: object) -> None:
    text = yaml.safe_dump(data, allow_unicode=True) if not isinstance(data, dict) else yaml.safe_dump(data)
    result = check_dossier(project, text.encode("utf-8"))
    assert_clean_exit(result)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", result.output)


@fuzz(10)
@given(yaml_values.filter(lambda v: isinstance(v, dict)))
def test_random_fields_in_a_valid_dossier(project: Path, extra: dict[str, object]) -> None:
    data = {**extra, **yaml.safe_load(ACME)}
    assert_clean_exit(check_dossier(project, yaml.safe_dump(data, allow_unicode=True).encode("utf-8")))


playbook_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet=string.ascii_letters + " \n<>/=\"'{}%#|", max_size=15)),
    min_size=1,
    max_size=25,
).map("".join)


def without_jinja(text: str) -> str:
    """The text with no Jinja tag left, so the page builds and its HTML reaches the sanitiser."""
    return re.sub(r"([{%#])(?=[{%#}])", r"\1 ", text)


@fuzz(4)
@given(st.lists(playbook_text, min_size=1, max_size=6), st.booleans())
def test_random_playbooks_build_clean_or_fail_cleanly(
    tmp_path_factory: pytest.TempPathFactory, bodies: list[str], jinja: bool
) -> None:
    bodies = bodies if jinja else [without_jinja(body) for body in bodies]
    root = tmp_path_factory.mktemp("fuzz-build")
    write_project(
        root / "src",
        accounts={"acme": ACME},
        team=MINIMAL_TEAM,
        playbooks={f"p{i}.md": f"# Playbook {i}\n\n{body}\n" for i, body in enumerate(bodies)},
        mkdocs=MINIMAL_MKDOCS.replace("[tables, attr_list, md_in_html]", "[tables, attr_list, md_in_html, admonition]"),
    )
    site = root / "site"
    result = CliRunner().invoke(
        cli, ["build", "-f", str(root / "src" / "mkdocs.yml"), "-d", str(site), "--today", TODAY]
    )
    assert_clean_exit(result)
    assert jinja or result.exit_code == 0, result.output
    if result.exit_code == 0:
        problems = {p.name: script_problems(p) for p in site.rglob("*.html")}
        assert {page: found for page, found in problems.items() if found} == {}
        for page in site.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            article = text[text.find("<article") : text.find("</article>")]
            assert "<script" not in article.lower() and not re.search(r"<[^>]*\son\w+\s*=", article, re.I)
    shutil.rmtree(root, ignore_errors=True)
