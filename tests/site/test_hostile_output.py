"""Issue 15, what kamgen writes: pages that run no script (4), numbers that are finite (5),
terminal / CI / JSON output that is safe to print (8), playbooks that cannot eat the machine (11).

Each test builds or checks a small site the way an editor would, with hostile input.
"""

from __future__ import annotations

import json
import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kamgen.cli import cli
from tests.support import MINIMAL_MKDOCS, TODAY, ProjectFactory

ACME = """\
name: Acme
owner: olena-koval
revenue: {2024: 100000, 2025: 120000}
potential: 300000
stakeholders:
  - {id: ceo, name: Ceo Person, level: executive, influence: 5, attitude: supporter}
  - {id: cfo, name: Cfo Person, level: executive, reports_to: ceo, influence: 4, attitude: skeptic}
"""

EVIL_PLAYBOOK = """\
---
title: "<img src=x onerror=alert('title')>"
---
# Evil <script>alert('h1')</script>

<script>alert('script')</script>
<img src="x" onerror="alert('img')">
<a href="javascript:alert('a')">a</a> <a href=" JaVaScRiPt:alert('spaced')">b</a>
<a href="data:text/html,<script>alert('data')</script>">c</a>
<iframe src="https://evil.example/"></iframe>
<style>body { background: url(https://evil.example/x) }</style>
{{ "<svg onload=alert('safe')>" | safe }}
<object data="x.swf"></object><embed src="x.swf">
<form action="https://evil.example/"><input type="text" name="q"><button formaction="javascript:alert(1)">go</button></form>
<base href="https://evil.example/">
<meta http-equiv="refresh" content="0;url=https://evil.example/">
<p style="color: red; background-image: url(https://evil.example/y)">styled</p>
[link](javascript:alert('md'))

A paragraph with an attribute list.
{: onclick="alert('attr_list')" }

<figure class="kg-figure kg-figure--fake">
<svg xmlns="http://www.w3.org/2000/svg" onload="alert('figure')"><script>alert('in-svg')</script><foreignObject><iframe src="x"></iframe></foreignObject><a href="javascript:alert('svg-a')"><text>t</text></a></svg>
</figure>

| kept | table |
| :--- | ----: |
| a | b |

!!! note "Kept admonition"
    Body.
"""


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def parsed(path: Path) -> _Tags:
    parser = _Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def script_problems(page: Path) -> list[str]:
    """Everything in a built page that could run script or load from elsewhere."""
    found = []
    parser = parsed(page)
    for tag, attrs in parser.tags:
        if tag in ("iframe", "object", "embed", "base", "foreignobject", "style"):
            found.append(f"<{tag}>")
        if tag == "form" and any(name == "action" for name, _ in attrs):  # Material's search and palette have none
            found.append(f"<form {attrs}>")
        if tag == "meta" and any(name == "http-equiv" and value == "refresh" for name, value in attrs):
            found.append("<meta refresh>")
        for name, value in attrs:
            text = re.sub(r"\s", "", value or "").lower()
            if name.startswith("on"):
                found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction", "data") and text.startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                found.append(f"<{tag} {name}={value}>")
            if name == "style" and "url(" in text:
                found.append(f"<{tag} style={value}>")
    found += [f"<script>{s[:40]}" for s in parser.scripts if "alert" in s]
    return found


def build(root: Path, *, ok: bool = True) -> Result:
    site = root / "site"
    result = CliRunner().invoke(cli, ["build", "-f", str(root / "mkdocs.yml"), "-d", str(site), "--today", TODAY])
    if ok:
        assert result.exit_code == 0, result.output
    return result


# -- 4. playbooks cannot run script in a reader's browser -----------------------------------------


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.support import write_project

    root = write_project(
        tmp_path_factory.mktemp("evil") / "src",
        accounts={"acme": ACME},
        playbooks={"evil.md": EVIL_PLAYBOOK, "<b onmouseover=alert('file')>x.md": "# Named\n\ntext\n"},
        mkdocs=MINIMAL_MKDOCS.replace(
            "[tables, attr_list, md_in_html]", "[tables, attr_list, md_in_html, admonition, {toc: {permalink: true}}]"
        ),
    )
    build(root)
    return root / "site"


def test_no_page_of_a_site_with_a_hostile_playbook_can_run_script(evil_site: Path) -> None:
    pages = sorted(evil_site.rglob("*.html"))
    assert len(pages) > 5
    problems = {p.relative_to(evil_site).as_posix(): script_problems(p) for p in pages}
    assert {page: found for page, found in problems.items() if found} == {}


def test_the_sanitiser_keeps_what_markdown_and_the_charts_need(evil_site: Path) -> None:
    playbook = (evil_site / "playbooks" / "evil" / "index.html").read_text(encoding="utf-8")
    assert '<th style="text-align:right">' in playbook.replace(": ", ":").replace(";", "")
    assert 'class="admonition note"' in playbook and "Kept admonition" in playbook
    assert 'class="headerlink"' in playbook
    assert "link</a>" in playbook and "<a>a</a>" in playbook  # the text stays, the javascript: URL goes
    account = parsed(evil_site / "accounts" / "acme" / "index.html")
    svg = [attrs for tag, attrs in account.tags if tag == "svg" and ("role", "img") in attrs]
    assert svg, "kamgen's charts are kept"
    assert any(name == "viewbox" for name, _ in svg[0])  # HTMLParser lower-cases attribute names
    assert {"polyline", "text", "title", "desc", "rect"} <= {tag for tag, _ in account.tags}


def test_titles_and_file_names_of_playbooks_are_text_in_the_nav(evil_site: Path) -> None:
    index = (evil_site / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(&#x27;title&#x27;)&gt;" in index
    assert "&lt;b onmouseover=alert(&#x27;file&#x27;)&gt;x" in index


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p onclick=alert(1)>x</p>", "<p>x</p>"),
        ('<a href="javascript:alert(1)" title="t">x</a>', '<a title="t">x</a>'),
        ('<img src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;" alt="a">', '<img alt="a">'),
        ("<script>alert(1)</script><style>p{}</style>ok", "ok"),
        ('<p style="text-align: center; background: url(x)">x</p>', "<p>x</p>"),  # style only where Markdown writes it
        ('<input type="radio" name="__tabbed_1" id="__tabbed_1_1" checked>', None),
        ('<input type="password" name="p">', '<input name="p">'),
        ("<details open><summary>s</summary>b</details>", '<details open=""><summary>s</summary>b</details>'),
        ('<svg viewBox="0 0 1 1"><use href="#x"></use><animate attributeName="href"></animate></svg>', None),
    ],
)
def test_sanitiser_policy(dirty: str, clean: str | None) -> None:
    from kamgen.render import sanitize

    result = sanitize.clean(dirty)
    if clean is not None:
        assert result == clean
    else:
        assert "<use" not in result and "<animate" not in result and "password" not in result
        assert result.startswith(("<input", "<svg"))


def test_every_page_of_the_example_site_is_clean_and_keeps_its_charts(example_site: Path) -> None:
    plan = (example_site / "accounts" / "aurora-retail" / "index.html").read_text(encoding="utf-8")
    assert plan.count('class="kg-figure') >= 3 and 'aria-labelledby="kg-org-aurora-retail-title' in plan
    for page in example_site.rglob("*.html"):
        assert script_problems(page) == [], page


# -- 5. numbers are finite and sane -----------------------------------------------------------------


def check(root: Path, *args: str) -> Result:
    return CliRunner().invoke(
        cli, ["check", "-f", str(root / "mkdocs.yml"), *args], env={"GITHUB_ACTIONS": None, "GITHUB_WORKSPACE": None}
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (".inf", "expected a finite number (found inf)"),
        ("-.inf", "expected a finite number (found -inf)"),
        (".nan", "expected a finite number (found nan)"),
        ("1.0e+308", "1e+308 is out of range (expected at most 1000000000000000)"),
        ("-5", "-5 is out of range (expected at least 0)"),
    ],
)
@pytest.mark.parametrize(
    ("field", "line", "column", "template"),
    [
        ("potential", 3, 12, "potential: {}"),
        ("revenue 2025", 3, 17, "revenue: {{2025: {}}}"),
        ("cost_to_serve", 3, 16, "cost_to_serve: {}"),
        ("trust method 1, x: cost", 5, 25, "relationship_methods:\n  trust:\n    - {{method: x, cost: {}}}"),
    ],
)
def test_check_refuses_numbers_that_are_not_finite_or_sane(
    make_project: ProjectFactory, value: str, message: str, field: str, line: int, column: int, template: str
) -> None:
    dossier = "name: Acme\nowner: olena-koval\n" + template.format(value) + "\n"
    root = make_project(accounts={"acme": dossier})
    result = check(root)
    assert result.exit_code == 1
    assert f"accounts/acme.yaml:{line}:{column}: {field}: {message}" in result.output.splitlines()
    # And the build stops at the same message, before any template sees the number.
    built = build(root, ok=False)
    assert built.exit_code != 0 and f"accounts/acme.yaml:{line}:{column}: {field}: {message}" in built.output
    assert "Traceback" not in built.output


# -- 8. what kamgen prints is safe to print ---------------------------------------------------------

HOSTILE_KEYS = """\
name: "Acme\\u202egnp.exe"
owner: olena-koval
"evil\\e]0;title\\a\\e[2J\\nkey": 1
"ok\\n::add-mask::secret\\r\\n::stop-commands::x": 2
"bidi\\u2066key\\u2069": 3
"c1\\x9b31m": 4
"""


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_check_output_carries_no_control_sequences(make_project: ProjectFactory, fmt: str) -> None:
    root = make_project(accounts={"acme": HOSTILE_KEYS})
    result = check(root, "--format", fmt)
    assert result.exit_code == 1
    unsafe = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
    assert unsafe.findall(result.output) == []
    lines = result.output.splitlines()
    # No line a runner would take for a workflow command, but kamgen's own annotations.
    assert [line for line in lines if line.startswith("::") and not line.startswith(("::error ", "::warning "))] == []
    if fmt == "json":
        fields = {d["field"] for d in json.loads(result.output)["diagnostics"]}
        assert "evil\x1b]0;title\x07\x1b[2J\nkey" in fields, "JSON keeps the exact text, escaped"
    else:
        assert "evil\\x1b]0;title\\x07\\x1b[2J" in result.output  # visible, not interpreted
    if fmt == "github":
        assert "ok%0A::add-mask::secret%0D%0A::stop-commands::x" in result.output


def test_bidi_controls_in_a_name_are_refused(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"acme": HOSTILE_KEYS})
    assert (
        "accounts/acme.yaml:1:7: name: contains the invisible Unicode control U+202E, which changes how the "
        "text is shown; delete it (retype the name) (found 'Acme\\u202egnp.exe')"
    ) in check(root).output.splitlines()


def test_a_template_error_quoting_control_characters_prints_them_visibly(make_project: ProjectFactory) -> None:
    root = make_project(
        accounts={"acme": ACME}, playbooks={"x.md": '# X\n\n{% include "\x1b]0;pwned\x07\x1b[2J.md" %}\n'}
    )
    result = build(root, ok=False)
    assert result.exit_code != 0
    assert "\x1b" not in result.output and "\\x1b" in result.output


# -- 11. the template sandbox bounds output -----------------------------------------------------------

LIMITED = MINIMAL_MKDOCS.replace(
    "      today: 2026-11-22\n", "      today: 2026-11-22\n      template_output_mb: 1\n      template_seconds: 0.5\n"
)
TOO_LARGE = (
    "the page would grow past 1 MB and was stopped; raise template_output_mb under plugins: kamgen in mkdocs.yml"
)
TOO_LONG = "the template ran longer than 0.5 s and was stopped (a loop too large?); raise template_seconds"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{{ "a " * 10**8 }}', TOO_LARGE),
        ('{{ (["aaaa"] * 10**7) | join }}', TOO_LARGE),
        ('{% set ns = namespace(s="ab") %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}', TOO_LARGE),
        (
            '{% set ns = namespace(s="ab") %}{% for i in range(64) %}{% set ns.s = [ns.s, ns.s]|join %}{% endfor %}',
            TOO_LARGE,
        ),
        ('{{ ("\\n" * 1000)|indent(10**6) }}', TOO_LARGE),
        ('{{ "x"|center(10**9) }}', TOO_LARGE),
        ('{{ "x".ljust(10**9) }}', TOO_LARGE),
        ('{{ "%999999999s" % "x" }}', TOO_LARGE),
        ('{{ "{:>999999999}".format("x") }}', TOO_LARGE),
        ('{{ ("a" * 1000)|replace("a", "b" * 100000) }}', TOO_LARGE),
        ("{% for i in range(10**5) %}{% for j in range(10**5) %}{{ 'x' * 1000 }}{% endfor %}{% endfor %}", TOO_LARGE),
        ("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}", TOO_LONG),
        ('{% set s = "a" * 10**5 %}{% for i in s %}{% for j in s if false %}{% endfor %}{% endfor %}', TOO_LONG),
        ("{{ 10 ** 100000 }}", TOO_LARGE),
    ],
)
def test_a_playbook_that_expands_too_far_is_stopped_with_its_file_and_line(
    make_project: ProjectFactory, body: str, message: str
) -> None:
    root = make_project(accounts={"acme": ACME}, playbooks={"bomb.md": f"# Bomb\n\n{body}\n"}, mkdocs=LIMITED)
    result = build(root, ok=False)
    assert result.exit_code != 0
    assert f"playbooks/bomb.md:3: not allowed in a playbook: {message}" in result.output
    assert "Traceback" not in result.output
    assert not (root / "site").exists(), "no partial site"


def test_the_limits_leave_ordinary_playbooks_alone(make_project: ProjectFactory) -> None:
    body = textwrap.dedent(
        """\
        # Fine

        {{ "%.0f" | format(123456789012.0) }} {{ "{:>8}".format(30000000) }} {{ "ab" * 3 }}
        {% for i in range(1000) %}{{ i }}{% endfor %}
        """
    )
    root = make_project(accounts={"acme": ACME}, playbooks={"fine.md": body}, mkdocs=LIMITED)
    build(root)
    page = (root / "site" / "playbooks" / "fine" / "index.html").read_text(encoding="utf-8")
    assert "123456789012 30000000 ababab" in page and "998999" in page


def test_limits_are_plugin_options_checked_like_the_others(make_project: ProjectFactory) -> None:
    root = make_project(mkdocs=LIMITED.replace("template_seconds: 0.5", "template_seconds: -1"))
    result = check(root)
    assert result.exit_code == 2
    assert "plugins.kamgen: template_seconds: Input should be greater than 0" in result.output
