"""Reading the dossiers' git history (issue 18): target ≤ 5 s for 1,000 dossiers.

    python -m benchmarks.history                       # 1,000 dossiers × 4 commits
    python -m benchmarks.history --accounts 1000 --commits 4

Makes a temporary repository with a synthetic portfolio (benchmarks/synthetic.py,
12 stakeholders per dossier), commits it, then commits changes to every dossier
``commits - 1`` more times at fixed dates. Prints the time of one
:func:`kamgen.data.history.read_log` (one ``git log --raw`` and one
``git cat-file --batch``), and of the trends computed from it (every version
validated and scored), the median of three runs each.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.synthetic import write_site
from kamgen.build import pipeline
from kamgen.data.history import read_log
from kamgen.insights.planning import Planning
from kamgen.mkdocs_yml import load_project

TODAY = date(2026, 11, 22)


def git(root: Path, *args: str, when: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "b@example.com",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "b@example.com",
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=root, env=env, check=True, capture_output=True)


def make_repo(folder: Path, accounts: int, commits: int) -> Path:
    site = write_site(folder / "site", accounts=accounts, stakeholders=12)
    git(site, "init", "-q", when="2026-01-01T09:00:00+00:00")
    git(site, "add", "-A", when="2026-01-01T09:00:00+00:00")
    git(site, "commit", "-q", "-m", "Portfolio", when="2026-01-01T09:00:00+00:00")
    for n in range(1, commits):
        for path in (site / "accounts").glob("*.yaml"):
            text = path.read_text(encoding="utf-8")
            # Every relationship moves one step: a real change to score in each version.
            text = re.sub(r"relationship: (\d)", lambda m: f"relationship: {int(m[1]) % 5 + 1}", text)
            path.write_text(text, encoding="utf-8")
        when = f"2026-{1 + 2 * n:02d}-01T09:00:00+00:00"
        git(site, "commit", "-q", "-am", f"Review {n}", when=when)
    return site


def main() -> None:
    parser = argparse.ArgumentParser(description="kamgen: reading history from git")
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kamgen-history-") as tmp:
        site = make_repo(Path(tmp), args.accounts, args.commits)
        reads = []
        for _ in range(3):
            start = time.perf_counter()
            log = read_log(site / "accounts")
            reads.append(time.perf_counter() - start)
        versions = sum(len(v) for v in log.versions.values())
        project = load_project(site / "mkdocs.yml")
        portfolio = pipeline.load(project)
        from kamgen.insights.analysis import compute

        figures = compute(portfolio)
        scoring = []
        for _ in range(3):
            start = time.perf_counter()
            Planning.compute(portfolio, figures, project.options, TODAY, log, {})
            scoring.append(time.perf_counter() - start)
    print(f"{args.accounts:,} dossiers × {args.commits} commits: {versions:,} versions")
    print(f"read_log (git log --raw + git cat-file --batch): {statistics.median(reads):.2f} s (target ≤ 5 s)")
    print(f"trends + health of every version: {statistics.median(scoring):.2f} s")


if __name__ == "__main__":
    main()
