"""The same portfolio built by each engine, side by side: build time and page count.

    python -m benchmarks.engines                       # 1,000 accounts, every installed engine
    python -m benchmarks.engines --accounts 100 --engines mkdocs,zensical

One synthetic site (benchmarks/synthetic.py) is built by ``kamgen build
--engine E`` for each engine E, cold (an empty dossier cache each time): that
is what a CI job pays. The time includes kamgen's own part (load, check,
generate); ``zensical`` adds writing the generated tree before Zensical runs.
An engine that is not installed is listed as such, not measured.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import REPO, write_site

ENGINES = ("mkdocs", "properdocs", "zensical")


def installed(engine: str) -> bool:
    if engine == "zensical":
        return shutil.which("zensical") is not None
    return importlib.util.find_spec(engine) is not None


def pages_in(site: Path) -> int:
    """HTML pages a reader can open (not the 404 page, not theme assets)."""
    return sum(1 for page in site.rglob("*.html") if page.name != "404.html" and "assets" not in page.parts)


def build(engine: str, site: Path, work: Path) -> tuple[float, int]:
    out = work / f"site-{engine}"
    env = {**os.environ, "PYTHONPATH": str(REPO), "KAMGEN_CACHE_DIR": str(work / f"cache-{engine}")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    command = [sys.executable, "-m", "kamgen.cli", "build", "--engine", engine, "-d", str(out), "--today", "2026-11-22"]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=site, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{engine}: kamgen build failed:\n{done.stderr[-2000:]}")
    return seconds, pages_in(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated, from: " + ", ".join(ENGINES))
    args = parser.parse_args()
    chosen = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = sorted(set(chosen) - set(ENGINES))
    if unknown:
        parser.error(f"unknown engine(s): {', '.join(unknown)}")
    print(f"machine: {platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs")
    print(f"portfolio: {args.accounts} accounts, 12 stakeholders each (benchmarks/synthetic.py, seed 1)")
    print("| engine | kamgen build --engine, s | pages |")
    print("|---|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="kamgen-engines-") as tmp:
        work = Path(tmp)
        site = write_site(work / "src", accounts=args.accounts)
        for engine in chosen:
            if not installed(engine):
                print(f"| {engine} | not installed | — |")
                continue
            seconds, pages = build(engine, site, work)
            print(f"| {engine} | {seconds:.1f} | {pages} |", flush=True)


if __name__ == "__main__":
    main()
