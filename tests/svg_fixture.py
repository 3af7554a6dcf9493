"""Shared by the SVG tests: the fixture portfolio of tests/fixtures/svg and SVG parsing helpers."""

from __future__ import annotations

import gettext
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from kamgen.build import pipeline
from kamgen.data.model import Account, Person
from kamgen.mkdocs_yml import load_project
from kamgen.render.site import SiteGenerator
from kamgen.render.svg import ChartText
from kamgen.render.svg.writer import El

SVG_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "svg"
NS = "{http://www.w3.org/2000/svg}"
TEAM = {
    "olena-koval": Person(id="olena-koval", name="Olena Koval", title="Sales director", level="executive"),
    "andriy-melnyk": Person(id="andriy-melnyk", name="Andriy Melnyk", level="manager"),
    "iryna-tkachenko": Person(id="iryna-tkachenko", name="Iryna Tkachenko", level="specialist"),
}


@lru_cache(maxsize=1)
def fixture_site() -> SiteGenerator:
    """The fixture portfolio as the site generator sees it (internal audience, figures computed)."""
    project = load_project(SVG_FIXTURE / "mkdocs.yml")
    return SiteGenerator(project, pipeline.load(project))


def fixture_context() -> ChartText:
    site = fixture_site()
    return ChartText(site.formatter.gettext, site.facts.portfolio.team, site.formatter.locale, site.formatter.currency)


def plain_context(team: dict[str, Person] | None = None) -> ChartText:
    return ChartText(gettext.NullTranslations().gettext, TEAM if team is None else team)


def account(stakeholders: list[dict[str, Any]], **fields: Any) -> Account:
    """An account built in memory (no cross-checks: lets tests draw what the loader would refuse)."""
    return Account.model_validate(
        {"id": "acme", "name": "Acme", "owner": "olena-koval", **fields, "stakeholders": stakeholders}
    )


def parse(svg: str) -> ET.Element:
    """The SVG as XML: fails the test if it is not well-formed."""
    return ET.fromstring(svg)


def drawn(chart: El | None) -> ET.Element:
    """A chart that must exist, rendered and parsed."""
    assert chart is not None, "no chart drawn"
    return parse(chart.render())


def find_all(root: ET.Element, tag: str) -> Iterator[ET.Element]:
    return root.iter(NS + tag)


def with_class(root: ET.Element, cls: str) -> list[ET.Element]:
    return [e for e in root.iter() if cls in (e.get("class") or "").split()]


def texts(element: ET.Element) -> list[str]:
    """Every visible line of text: ``<text>`` content without its tooltip."""
    return ["".join([t.text or "", *(child.tail or "" for child in t)]) for t in element.iter(NS + "text")]
