"""kamgen's performance harness: one command, one table.

    python -m benchmarks.run                  # N = 100, 1,000 and 10,000 accounts (long)
    python -m benchmarks.run --sizes 100      # the CI smoke run

Above ``--references-up-to`` accounts (1,000), only kamgen's own costs are
measured (load, build, memory, sizes, search): the references would take hours.

For each portfolio size it generates a synthetic site (benchmarks/synthetic.py,
12 stakeholders per account) and measures, on this machine:

- parse: yaml.CSafeLoader alone over every dossier (the reference);
- load cold / warm: kamgen's load + validate + cross-check, without and with
  the dossier cache;
- generate: rendering the docs tree in memory;
- build: `kamgen build` (clean: empty cache; rebuild: one dossier changed);
- mkdocs: plain `mkdocs build` of the tree `kamgen generate` wrote;
- nav-all: the same pages with every account listed in the nav (what a team
  gets with plain MkDocs), at N ≤ 1,000 (it is quadratic);
- peak memory of `kamgen build`: its largest process (RSS), and all its
  processes together (PSS: pages forked workers share are counted once;
  benchmarks/measure.py), output size and search index size;
- search in Chromium: from opening the portfolio page to the search index
  built (ready), and to the first results of a name typed at once;

then the ratios against the targets of issue 8.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from benchmarks.search import first_result
from benchmarks.synthetic import write_site
from kamgen.mkdocs_yml import dump_mkdocs_yml, read_mkdocs_yml

NAV_ALL_LIMIT = 1000
REPO = Path(__file__).resolve().parent.parent


def timed(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def run_measured(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, float | None]:
    """(seconds, peak MB of the largest process, peak MB of all its processes by PSS) of a command."""
    out = subprocess.run([sys.executable, "-m", "benchmarks.measure", "--", *args], cwd=cwd, env=env,
                         capture_output=True, text=True)  # fmt: skip
    if out.returncode:
        raise SystemExit(f"{' '.join(args)} failed:\n{out.stderr}")
    measured = json.loads(out.stdout)
    return measured["seconds"], measured["largest_mb"], measured["total_mb"]


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def measure(n: int, work: Path, *, references: bool = True) -> dict[str, float]:
    """One row of the table; without ``references``, only what a portfolio of this size costs kamgen."""
    from kamgen.build import pipeline
    from kamgen.data.cache import DossierCache
    from kamgen.data.load import load_portfolio
    from kamgen.mkdocs_yml import load_project

    site = write_site(work / f"site-{n}", accounts=n, stakeholders=12)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KAMGEN_CACHE_DIR": str(work / f"cache-{n}")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))  # benchmarks.measure
    files = sorted((site / "accounts").glob("*.yaml"))
    row: dict[str, float] = {"accounts": n, "yaml_mb": sum(p.stat().st_size for p in files) / 1e6}

    row["parse"] = timed(lambda: [yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader) for p in files])
    args = (site / "team.yaml", site / "accounts", site)
    row["load_cold"] = timed(lambda: load_portfolio(*args))
    load_portfolio(*args, cache=DossierCache(site, work / f"warm-{n}"))
    row["load_warm"] = timed(lambda: load_portfolio(*args, cache=DossierCache(site, work / f"warm-{n}")))
    if references:
        project = load_project(site / "mkdocs.yml")
        portfolio = load_portfolio(*args)
        row["generate"] = timed(lambda: pipeline.generate(project, portfolio))
        del portfolio

    build = [sys.executable, "-m", "kamgen.cli", "build"]
    row["build"], row["build_mb"], total_mb = run_measured(build, site, env)
    if total_mb is not None:
        row["build_total_mb"] = total_mb
    row["site_mb"] = folder_size(site / "site") / 1e6
    row["index_mb"] = folder_size(site / "site" / "search") / 1e6  # the manifest, the shards and the page records
    row["ready_s"], row["first_result_s"] = (ms / 1000 for ms in first_result(site / "site"))
    if not references:
        shutil.rmtree(site / "site", ignore_errors=True)
        return row
    changed = files[n // 2]
    changed.write_text(changed.read_text(encoding="utf-8").replace("Prefers", "Now prefers"), encoding="utf-8")
    row["rebuild"], *_ = run_measured([sys.executable, "-m", "kamgen.cli", "build"], site, env)

    out = work / f"generated-{n}"
    subprocess.run([sys.executable, "-m", "kamgen.cli", "generate", "-o", str(out)], cwd=site, env=env, check=True,
                   capture_output=True)  # fmt: skip
    row["mkdocs"], *_ = run_measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(out / "mkdocs.yml")],
                                    out, env)  # fmt: skip
    if n <= NAV_ALL_LIMIT:
        config = read_mkdocs_yml(out / "mkdocs.yml")
        config["nav"].append(
            {"Accounts": sorted(f"accounts/{p.name}" for p in (out / "docs" / "accounts").glob("*.md"))}
        )
        config["site_dir"] = "site-nav-all"
        (out / "nav-all.yml").write_text(dump_mkdocs_yml(config), encoding="utf-8")
        nav_all = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "nav-all.yml"]
        row["nav_all"], *_ = run_measured(nav_all, out, env)
        row["nav_all_mb"] = folder_size(out / "site-nav-all") / 1e6
    shutil.rmtree(site / "site", ignore_errors=True)
    return row


def _cell(row: dict[str, float], key: str, digits: int) -> str:
    return f"{row[key]:,.{digits}f}" if key in row else "—"


def report(rows: list[dict[str, float]]) -> str:
    lines = [
        "| accounts | YAML MB | parse s | load cold s | load warm s | generate s | build s | rebuild s | "
        "mkdocs s | nav-all s | peak MB largest | peak MB all | site MB | nav-all MB | index MB | "
        "search ready s | first result s |",
        "|" + "---:|" * 17,
    ]
    for r in rows:
        cell = partial(_cell, r)
        lines.append(
            f"| {r['accounts']:,.0f} | {r['yaml_mb']:.1f} | {r['parse']:.2f} | {r['load_cold']:.2f} | "
            f"{r['load_warm']:.2f} | {cell('generate', 2)} | {r['build']:.1f} | {cell('rebuild', 1)} | "
            f"{cell('mkdocs', 1)} | {cell('nav_all', 1)} | {r['build_mb']:.0f} | {cell('build_total_mb', 0)} | "
            f"{r['site_mb']:.1f} | "
            f"{cell('nav_all_mb', 0)} | {r['index_mb']:.2f} | {r['ready_s']:.1f} | {r['first_result_s']:.1f} |"
        )
    lines += ["", "Targets (issue 8):", "", "| accounts | target | measured | met |", "|---:|---|---:|---|"]
    for r in rows:
        checks = [
            ("load+validate ≤ 1.5× parse (cold)", r["load_cold"] / r["parse"], 1.5, "≤"),
            ("load+validate ≤ 1.5× parse (warm cache)", r["load_warm"] / r["parse"], 1.5, "≤"),
        ]
        if "mkdocs" in r:
            checks += [
                ("kamgen build ≤ 1.15× mkdocs build", r["build"] / r["mkdocs"], 1.15, "≤"),
                ("rebuild, one dossier changed ≤ 0.5× clean build", r["rebuild"] / r["build"], 0.5, "≤"),
            ]
        if "nav_all" in r:
            checks += [
                ("≥ 3× faster than nav listing every account", r["nav_all"] / r["build"], 3, "≥"),
                ("≥ 5× smaller output than nav listing every account", r["nav_all_mb"] / r["site_mb"], 5, "≥"),
            ]
        if r["accounts"] >= 10_000:
            checks.append(("peak memory (largest process) ≤ 1.5 GB", r["build_mb"] / 1024, 1.5, "≤"))
            if "build_total_mb" in r:
                checks.append(("peak memory (all processes, PSS) ≤ 1.5 GB", r["build_total_mb"] / 1024, 1.5, "≤"))
        for name, value, bound, sense in checks:
            met = value <= bound if sense == "≤" else value >= bound
            unit = " GB" if "memory" in name else "×"
            lines.append(f"| {r['accounts']:,.0f} | {name} | {value:.2f}{unit} | {'yes' if met else 'NO'} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="kamgen benchmarks")
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated portfolio sizes")
    parser.add_argument(
        "--references-up-to",
        type=int,
        default=1000,
        help="above this size, skip generate in-process, the rebuild, plain mkdocs and nav-all (they take hours)",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}", flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="kamgen-bench-") as tmp:
        for n in sizes:
            rows.append(measure(n, Path(tmp), references=n <= args.references_up_to))
            # The row at once: a 10,000-account run takes long enough to want the smaller rows first.
            print(f"measured {n} accounts:\n{report(rows[-1:])}\n", file=sys.stderr, flush=True)
    print(report(rows))


if __name__ == "__main__":
    main()
