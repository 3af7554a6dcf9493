"""How tall the account plans of a built site are, on a desktop and on a phone.

    python3 -m kamgen.cli build -d /tmp/site
    python3 -m benchmarks.plan_height /tmp/site [northwind-logistics severtrans ...]

prints one JSON object: for each plan, its document height in CSS pixels at
1400 px and at 390 px wide (Debian's Chromium, headless) and how many phone
screens of 844 px that is. Without account names it measures every plan.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.support import CHROMIUM, serve

WIDTHS = {"desktop": 1400, "phone": 390}
PHONE_HEIGHT = 844


def measure(site: Path, names: list[str]) -> dict[str, dict[str, float]]:
    found: dict[str, dict[str, float]] = {}
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for label, width in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": PHONE_HEIGHT})
            for name in names:
                page.goto(f"{url}accounts/{name}/")
                height = page.evaluate("document.documentElement.scrollHeight")
                found.setdefault(name, {})[label] = height
                if label == "phone":
                    found[name]["phone_screens"] = round(height / PHONE_HEIGHT, 1)
            page.close()
        browser.close()
    return found


def main(argv: list[str]) -> None:
    site = Path(argv[0])
    names = argv[1:] or sorted(p.parent.name for p in (site / "accounts").glob("*/index.html"))
    print(json.dumps(measure(site, names), indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
