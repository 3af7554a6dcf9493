"""Time the interchange work on a synthetic portfolio: calendars, workbook, deck, and an import.

    python -m benchmarks.interchange [--accounts 1000 10000]

Prints seconds per step (one run each, wall clock); the machine's load shows in them.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.synthetic import write_site
from kamgen.build import pipeline
from kamgen.interchange.deck import write_deck
from kamgen.interchange.importer import ImportOptions, run_import
from kamgen.interchange.plain import gather
from kamgen.interchange.xlsx import write_workbook
from kamgen.mkdocs_yml import load_project
from kamgen.render.site import SiteGenerator


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def export_csv(accounts: int, target: Path) -> int:
    """A Salesforce-like contacts report: ``accounts`` companies of 12 contacts each."""
    with target.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Account ID", "Account Name", "Account Owner", "Contact ID", "First Name", "Last Name",
                         "Title", "Email", "Last Activity", "Revenue 2025"])  # fmt: skip
        for a in range(accounts):
            for c in range(12):
                writer.writerow([f"A{a}", f"Company {a}", "Olena Koval", f"C{a}-{c}", f"First{c}", f"Last{a}x{c}",
                                 "Head of Procurement", f"p{c}@c{a}.example", "10/1/2026", "1,250,000.00"])  # fmt: skip
    return accounts * 12


def run(accounts: int) -> None:
    with tempfile.TemporaryDirectory(prefix="kamgen-bench-") as scratch:
        site = write_site(Path(scratch) / "site", accounts=accounts)
        project = load_project(site / "mkdocs.yml")
        portfolio = pipeline.load(project)
        generator = SiteGenerator(project, portfolio)
        seconds, files = timed(lambda: generator._calendars())
        print(f"{accounts:>6} accounts  calendars: {seconds:6.2f} s  ({len(files)} .ics files)")
        facts = gather(project, portfolio)
        seconds, _ = timed(lambda: write_workbook(facts, Path(scratch) / "p.xlsx"))
        print(f"{accounts:>6} accounts  export xlsx: {seconds:6.2f} s")
        first = portfolio.accounts[0].id
        seconds, _ = timed(lambda: write_deck(facts, first, Path(scratch) / "d.pptx"))
        print(f"{accounts:>6} accounts  export pptx (one account): {seconds:6.2f} s")
        rows = export_csv(accounts, Path(scratch) / "crm.csv")
        empty = write_site(Path(scratch) / "empty", accounts=1)
        for dossier in (empty / "accounts").iterdir():
            dossier.unlink()
        target = load_project(empty / "mkdocs.yml")
        options = ImportOptions(owner="olena-koval")
        seconds, _ = timed(lambda: run_import(target, Path(scratch) / "crm.csv", options, date(2026, 11, 22)))
        print(f"{accounts:>6} accounts  import ({rows} contact rows, new dossiers): {seconds:6.2f} s")
        seconds, _ = timed(lambda: run_import(target, Path(scratch) / "crm.csv", options, date(2026, 11, 22)))
        print(f"{accounts:>6} accounts  re-import (merge, nothing changed): {seconds:6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, nargs="+", default=[1000])
    for accounts in parser.parse_args().accounts:
        run(accounts)


if __name__ == "__main__":
    main()
