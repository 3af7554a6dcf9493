"""How big kamgen's search index is and how fast the search box answers, in Chromium.

    python -m benchmarks.search                      # the example site
    python -m benchmarks.search --accounts 1000      # a synthetic portfolio (benchmarks/synthetic.py)
    python -m benchmarks.search --site BUILT_SITE    # a site built before (skips the build)

Prints the index size (bytes, and gzipped as a web server would send it), then,
in Debian's Chromium against the site served on 127.0.0.1:

- ready: from the page's start to the worker's READY (it has the manifest; the
  shards and records are fetched per query);
- first result: a query typed as soon as the page has loaded, until its results
  are in the list (what a person who types at once waits);
- per query: the worker's answer time for each query once it is ready.

Numbers only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner
from playwright.sync_api import Page, sync_playwright

from benchmarks.synthetic import write_site
from kamgen.cli import cli
from kamgen.search import read_docs
from tests.support import CHROMIUM, REPO, TODAY, serve

QUERIES = ["Northwind", "Кузнецова", "договорами", "логістика", "VIP", "risk", "Client 17", "Olena Koval", "Nort"]

# Times the worker's messages inside the page (performance.now(), ms from the page's start).
TIMER = """
(() => {
  const Native = window.Worker
  const t = window.__kgTimes = { ready: null, sent: {}, answered: {}, last: null }
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args)
      this.addEventListener("message", ev => {
        if (ev.data.type === 1) t.ready = performance.now()
        if (ev.data.type === 3 && t.last !== null && !(t.last in t.answered)) t.answered[t.last] = performance.now()
      })
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) { t.last = message.data; t.sent[message.data] = performance.now() }
      return super.postMessage(message, ...rest)
    }
  }
})()
"""


def build(source: Path, site: Path) -> float:
    start = time.perf_counter()
    result = CliRunner().invoke(cli, ["build", "-f", str(source / "mkdocs.yml"), "-d", str(site), "--today", TODAY])
    if result.exit_code != 0:
        raise SystemExit(result.output)
    return time.perf_counter() - start


def ask(page: Page, query: str) -> float:
    """Type ``query``; the ms from sending it to the worker to its answer."""
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.dispatch_event("keyup")
    page.wait_for_function("q => q in window.__kgTimes.answered", arg=query, timeout=120_000)
    answered: float = page.evaluate("q => window.__kgTimes.answered[q] - window.__kgTimes.sent[q]", query)
    return answered


def type_at_once(page: Page, url: str, query: str = "Кузнецова") -> tuple[float, float]:
    """Load ``url`` and type ``query`` at once: (ms to the worker's READY, ms to the results shown)."""
    page.add_init_script(TIMER)
    page.goto(url, wait_until="domcontentloaded")
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.dispatch_event("keyup")
    page.wait_for_function("q => q in window.__kgTimes.answered", arg=query, timeout=300_000)
    page.locator(".md-search-result__item").first.wait_for()
    first: float = page.evaluate("q => window.__kgTimes.answered[q]", query)
    ready: float = page.evaluate("() => window.__kgTimes.ready")
    return ready, first


def first_result(site: Path) -> tuple[float, float]:
    """One page load of ``site`` in Chromium: (ms to the index built, ms to the first results)."""
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            return type_at_once(browser.new_context(viewport={"width": 1280, "height": 900}).new_page(), url)
        finally:
            browser.close()


def measure(site: Path, runs: int) -> None:
    index = site / "search"
    files = [path for path in index.rglob("*.json")]
    raw = sum(path.stat().st_size for path in files)
    packed = sum(len(gzip.compress(path.read_bytes())) for path in files)
    manifest = (index / "search_index.json").stat().st_size
    docs = len(read_docs(site))
    print(f"index: {raw:,} bytes in {len(files):,} files, {packed:,} gzipped, {docs:,} entries  ({index})")
    print(f"  fetched on every page view: search_index.json, {manifest:,} bytes (the manifest)")
    ready: list[float] = []
    first: list[float] = []
    answers: dict[str, list[float]] = {q: [] for q in QUERIES}
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            # A person who types at once: the query waits for the worker to be ready.
            started, shown = type_at_once(page, url)
            ready.append(started)
            first.append(shown)
            for query in QUERIES[1:]:
                answers[query].append(ask(page, query))
            answers[QUERIES[0]].append(ask(page, QUERIES[0]))
            context.close()
        browser.close()
    print(f"ready (page start → worker built the index): median {statistics.median(ready):,.0f} ms")
    print(f"first result (typed at page load → results shown): median {statistics.median(first):,.0f} ms")
    for query, times in answers.items():
        print(f"  {query!r}: median {statistics.median(times):.1f} ms per query")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a site built before")
    parser.add_argument("--accounts", type=int, help="build a synthetic portfolio of this many accounts")
    parser.add_argument("--runs", type=int, default=3, help="page loads to take the median of")
    args = parser.parse_args()
    if args.site:
        measure(args.site, args.runs)
        return
    work = Path(tempfile.mkdtemp(prefix="kamgen-search-bench-"))
    try:
        source = write_site(work / "src", accounts=args.accounts) if args.accounts else REPO
        seconds = build(source, work / "site")
        print(f"built {source} in {seconds:.1f} s")
        measure(work / "site", args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
