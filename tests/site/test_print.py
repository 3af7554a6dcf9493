"""A plan printed from Chromium (print to PDF): A4, no site chrome, a section per sheet, maps as vectors."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser
PLAN = "accounts/northwind-logistics/"


def test_print_layout_hides_the_chrome(page: Page, base_url: str) -> None:
    page.goto(base_url + PLAN)
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.kg-calendar']
            .map(s => document.querySelector(s)).filter(Boolean)
            .map(e => getComputedStyle(e).display)"""
    )
    assert hidden and set(hidden) == {"none"}
    breaks = page.evaluate(
        "() => [...document.querySelectorAll('.md-typeset h2')].map(h => getComputedStyle(h).breakBefore)"
    )
    assert breaks[0] != "page" and set(breaks[1:]) == {"page"}  # the first section stays under the title


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext, pdfimages)")
def test_plan_prints_on_a4_with_vector_maps(page: Page, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + PLAN)
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    pdf = tmp_path / "plan.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages > 5
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) == 2, images  # the header lines only: no raster image anywhere
    texts = [
        subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
                       capture_output=True, text=True, check=True).stdout
        for n in range(1, pages + 1)
    ]  # fmt: skip
    assert texts[0].lstrip().startswith("Northwind Logistics")
    assert not any("Search" in text for text in texts)  # no header, search box or navigation
    maps = next(text for text in texts if text.lstrip().startswith("Stakeholder map"))
    assert "Organisation chart" in maps and "Olga Ivanova" in maps  # the chart's names are text, not pixels
