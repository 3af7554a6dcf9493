"""Every dossier value drawn into an SVG is text: hostile names stay names, and the SVG stays well-formed XML."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import markdown
import pytest

from kamgen.build import pipeline
from kamgen.data.load import Portfolio
from kamgen.data.model import Account, Person
from kamgen.insights.analysis import compute
from kamgen.mkdocs_yml import load_project
from kamgen.render.markdown import Md
from kamgen.render.svg.comb import comb_map
from kamgen.render.svg.decision import decision_strip
from kamgen.render.svg.grid import influence_grid
from kamgen.render.svg.orgchart import org_chart
from kamgen.render.svg.pareto import pareto_chart
from kamgen.render.svg.profit import profit_chart
from kamgen.render.svg.writer import El, clean, el, esc, figure, num
from tests.support import ProjectFactory
from tests.svg_fixture import NS, account, parse, plain_context, texts

HOSTILE = [
    "</svg><script>alert(1)</script>",
    'Tom "Tommy" O\'Neil & <b>Sons</b>',
    "first line\nsecond line",
    "דוד כהן (RTL) مرحبا",
    "👩‍💼 Zoë Ωmega 山田",
    "bell\x07and\x1bescape",
    "]]><!-- --><![CDATA[x",
    "&amp; &#60; &lt;",
]


def _hostile_account() -> Account:
    people = [
        {
            "id": f"p{i}",
            "name": name,
            "title": name,
            "department": name,
            "level": ("executive", "manager", "specialist", None)[i % 4],
            "reports_to": None if i == 0 else ("p0" if i % 3 else "ghost"),
            "influence": 1 + i % 5,
            "attitude": ("champion", "opponent", None)[i % 3],
            "counterpart": ("evil", None)[i % 2],
        }
        for i, name in enumerate(HOSTILE)
    ]
    steps = [{"step": s, "who": ["p0", "p1", "unknown-id"]} for s in ("prepares", "signs")]
    return account(people, name=HOSTILE[0], decision_process=steps, revenue={2025: 10}, cost_to_serve=20)


def _team() -> dict[str, Person]:
    return {"evil": Person(id="evil", name=HOSTILE[1] + "\n<img src=x onerror=alert(1)>", level="manager")}


def _charts() -> dict[str, El]:
    acme = _hostile_account()
    ctx = plain_context(_team())
    figures = compute(Portfolio(team=_team(), accounts=(acme,)))
    charts = {
        "org": org_chart(ctx, acme),
        "comb": comb_map(ctx, acme),
        "grid": influence_grid(ctx, acme),
        "decision": decision_strip(ctx, acme),
        "pareto": pareto_chart(ctx, [acme], figures),
        "profit": profit_chart(ctx, [acme], figures),
    }
    return {kind: chart for kind, chart in charts.items() if chart is not None}


@pytest.mark.parametrize("kind", ["org", "comb", "grid", "decision", "pareto", "profit"])
def test_hostile_names_leave_well_formed_svg_without_markup(kind: str) -> None:
    chart = _charts()[kind]
    svg = chart.render()
    root = parse(svg)
    tags = {element.tag for element in root.iter()}
    assert tags <= {NS + t for t in ("svg", "title", "desc", "g", "rect", "path", "line", "polyline", "circle", "text")}
    assert "<script" not in svg and "<b>" not in svg and "<img" not in svg
    # The whole figure block is well-formed too, and has no blank line to end the Markdown HTML block.
    block = figure(chart, kind, HOSTILE[1])
    ET.fromstring(block)
    assert "\n\n" not in block
    # Python-Markdown passes the block through to the HTML page byte for byte.
    page = markdown.markdown(f"## Map\n\n{block}\n\nAfter *this*\n", extensions=["tables", "attr_list", "md_in_html"])
    assert block in page and "<em>this</em>" in page


@pytest.mark.parametrize("kind", ["org", "comb", "grid", "decision"])
def test_hostile_names_are_shown_as_typed(kind: str) -> None:
    root = parse(_charts()[kind].render())
    tooltips = " ".join("".join(t.itertext()) for t in root.iter(NS + "title"))
    for name in HOSTILE[:2] if kind == "decision" else HOSTILE:  # the strip shows only p0 and p1
        # Shown on one line, controls dropped; the full text is in the tooltips for search and screen readers.
        assert clean(name) in tooltips, name
    visible = " ".join(texts(root))
    assert "</svg><script>" in visible or "</svg><scr" in visible  # drawn, maybe shortened, but as text


def test_writer_escapes_text_and_attributes() -> None:
    node = el("text", '<a href="x">&</a>\n\x00', x=1.25, class_='a" onload="x', data_id="<id>")
    assert node.render() == (
        '<text x="1.2" class="a&quot; onload=&quot;x" data-id="&lt;id&gt;">&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;</text>'
    )
    assert esc("a\u2028b\ufffe") == "a b"
    assert (num(-0.01), num(3.0), num(float("nan")), num(2.55)) == ("0", "3", "0", "2.5")


def test_only_markup_made_by_el_is_trusted() -> None:
    # Markdown marked safe for a page (Md) is still just text inside a chart.
    assert el("text", Md("<b>x</b>")).render() == "<text>&lt;b&gt;x&lt;/b&gt;</text>"
    assert el("g", el("text", "a<b")).render() == "<g>\n<text>a&lt;b</text>\n</g>"


@pytest.mark.parametrize(("tag", "attrs"), [("svg onload", {}), ("g", {"on load": "x"}), ("<g>", {})])
def test_writer_refuses_names_that_are_not_names(tag: str, attrs: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="not a"):
        el(tag, **attrs)


def test_hostile_dossier_pages_carry_only_escaped_figures(make_project: ProjectFactory) -> None:
    root = make_project(
        accounts={
            "evil": """\
                name: "</svg><script>alert('x')</script>"
                owner: olena-koval
                revenue: {2025: 100}
                decision_process:
                  - {step: signs, who: [mallory]}
                stakeholders:
                  - id: mallory
                    name: "</figure></svg><script>alert(1)</script>\\n\\"quoted\\" & more"
                    title: "<img src=x onerror=alert(1)>"
                    influence: 5
                  - id: eve
                    name: Eve
                    title: "Eve\\u202eevil"
                    reports_to: mallory
                    counterpart: olena-koval
            """
        }
    )
    pages = pipeline.generate(load_project(root / "mkdocs.yml")).pages
    for path, expected in (("accounts/evil.md", 4), ("index.md", 2)):
        blocks = re.findall(r"<figure class=\"kg-figure.*?</figure>", pages[path], re.S)
        assert len(blocks) == expected, path
        for block in blocks:
            ET.fromstring(block)
            assert "<script" not in block and "<img" not in block
            assert "\n\n" not in block
