"""``kamgen export pptx``: the QBR deck opened back with python-pptx and checked for content."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.presentation import Presentation as PresentationType
from pptx.util import Inches

from kamgen.cli import cli
from kamgen.interchange.deck import SLIDES
from tests.support import REPO, TODAY, copy_example


def export(*args: str, config: Path = REPO / "mkdocs.yml") -> Result:
    return CliRunner().invoke(cli, ["export", "pptx", "-f", str(config), *args, "--today", TODAY])


def texts(slide: object) -> str:
    found = []
    for shape in slide.shapes:  # type: ignore[attr-defined]
        if shape.has_text_frame:
            found.append(shape.text_frame.text)
        if shape.has_table:
            found.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return "\n".join(found)


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> PresentationType:
    target = tmp_path_factory.mktemp("deck") / "deck.pptx"
    result = export("northwind-logistics", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote {target} (7 slides)\n"
    return Presentation(str(target))


def test_slides_in_order(deck: PresentationType) -> None:
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles == [
        "Northwind Logistics", "Key figures", "Influence and attitude", "Coverage by level (the comb)",
        "Decision process", "Risks", "Open actions",
    ]  # fmt: skip
    assert len(SLIDES) == len(titles)
    assert "Quarterly business review\nNov 22, 2026\nKey account manager: Olena Koval" in texts(deck.slides[0])


def test_key_figures(deck: PresentationType) -> None:
    text = texts(deck.slides[1])
    assert "€1,450,000\nRevenue 2025" in text
    assert "A\nPareto class" in text


def test_maps_are_native_editable_shapes(deck: PresentationType) -> None:
    grid, comb = deck.slides[2], deck.slides[3]
    assert not any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for slide in deck.slides for s in slide.shapes)
    names = [s.text_frame.text for s in grid.shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE and s.text_frame.text]
    assert "Olga Ivanova" in names and "Ivan Shevchenko" in names
    connectors = [s for s in comb.shapes if s.shape_type == MSO_SHAPE_TYPE.LINE or s.shape_type is None]
    assert connectors  # who covers whom, as connectors glued to the chips
    assert "Olena Koval" in texts(comb) and "Olga Ivanova\nChief financial officer" in texts(comb)


def test_decision_process_and_risks(deck: PresentationType) -> None:
    steps = texts(deck.slides[3 + 1])
    for label in ("Prepares", "Approves", "Signs", "Budgets", "Ivan Shevchenko"):
        assert label in steps
    (risks,) = [s for s in deck.slides[5].shapes if s.has_table]
    assert [c.text for c in risks.table.rows[0].cells] == ["Risk", "Likelihood", "Impact", "Mitigation", "Owner"]
    (actions,) = [s for s in deck.slides[6].shapes if s.has_table]
    assert [c.text for c in actions.table.rows[0].cells] == ["Action", "Owner", "Due"]
    assert "(Overdue)" in texts(deck.slides[6])


def test_template_master_is_used_and_its_slides_dropped(tmp_path: Path) -> None:
    template = Presentation()
    template.slide_width, template.slide_height = Inches(10), Inches(7.5)
    template.slide_masters[0].slide_layouts[0].name = "Title Slide"
    template.slides.add_slide(template.slide_layouts[0]).shapes.title.text = "Example slide of the template"
    template.save(str(tmp_path / "corporate.pptx"))
    result = export(
        "northwind-logistics", "-o", str(tmp_path / "deck.pptx"), "--template", str(tmp_path / "corporate.pptx")
    )
    assert result.exit_code == 0, result.output
    deck = Presentation(str(tmp_path / "deck.pptx"))
    assert deck.slide_width == Inches(10)  # the template's page, not kamgen's 16:9
    assert deck.slides[0].shapes.title.text == "Northwind Logistics"
    assert all("Example slide of the template" not in texts(s) for s in deck.slides)
    assert len(deck.slides) == len(SLIDES)


def test_site_language_and_errors(tmp_path: Path) -> None:
    site = copy_example(tmp_path / "site")
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: en", "language: uk"), encoding="utf-8")
    result = export("northwind-logistics", "-o", str(tmp_path / "uk.pptx"), config=config)
    assert result.exit_code == 0, result.output
    titles = [s.shapes.title.text for s in Presentation(str(tmp_path / "uk.pptx")).slides]
    assert titles[4] == "Процес ухвалення рішення"
    missing = export("kestrel-bank", "-o", str(tmp_path / "k.pptx"))
    assert (missing.exit_code, missing.output) == (
        2, "Error: no account 'kestrel-bank' in this build (a restricted account needs --audience restricted)\n"
    )  # fmt: skip
    assert export("kestrel-bank", "-o", str(tmp_path / "k.pptx"), "--audience", "restricted").exit_code == 0
    (tmp_path / "bad.pptx").write_text("not a deck", encoding="utf-8")
    bad = export("northwind-logistics", "-o", str(tmp_path / "x.pptx"), "--template", str(tmp_path / "bad.pptx"))
    assert bad.exit_code == 2 and "not a PowerPoint .pptx file" in bad.output
