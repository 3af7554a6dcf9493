"""kamgen's search against Pagefind on the same sites, in Chromium from 127.0.0.1, cold cache.

    python -m benchmarks.search_compare --build 1000 --build 2000 --replicate 10000
    python -m benchmarks.search_compare --site 1000=SITE:SECONDS --site 2000=SITE --replicate 10000 --old 1000=SITE

Sites: ``--build N`` builds a synthetic portfolio of N accounts (benchmarks/synthetic.py)
with ``kamgen build``; ``--site N=DIR[:SECONDS]`` takes one built before (in
SECONDS, if known, for the index's share of the build). ``--replicate N``
makes an N-account site from the largest of them without a kamgen build (a
build of 10,000 accounts takes about 17 minutes): its account pages are copied
with new names and numbers, and kamgen's index is written from the pages' HTML
(the same extraction the plugin runs), so both engines index the same pages.
Every site's kamgen index is written that way (without the account filters),
with this version's search files.
``--old N=DIR``: a site built by kamgen before the sharded index (the worker
then fetched the whole index), measured the same way for comparison.

Pagefind 1.x comes from PyPI (``pagefind[bin]``) into a throw-away venv in the
work folder and indexes each site as it is (``--site DIR``). Its search runs on
the same Material page through its JavaScript API (``pagefind.js``): search,
then the data of the first five results.

For each site, engine and query, a fresh browser context (cold cache) opens a
playbook page (START) and types the query at once; printed per site and engine:

- first result: ms from navigation start to the first results (kamgen: shown in
  Material's list; Pagefind: the first five results' data loaded), median and max;
- bytes: uncompressed bytes of every search file fetched, page view included
  (kamgen: search/, assets/kamgen/search/; Pagefind: pagefind/), median and max;
- heap: JavaScript heap of the page and its workers after the query (MB, max);
- index: seconds to write the index (kamgen: word forms, shards and records
  from the pages' documents, and its share of the site's build time when known;
  plus the seconds to extract the documents from the HTML, which a build did
  before this index too; Pagefind: its indexer on the built HTML);
- relevance: the queries of RELEVANCE whose expected page is in the top 5.

Numbers only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from playwright.sync_api import Browser, Page, sync_playwright

from benchmarks.synthetic import write_site
from kamgen.cli import cli
from kamgen.search import PLAYBOOK_BOOST, PageIndex, assets, extract_docs
from tests.support import CHROMIUM, TODAY, serve

QUERIES = ["Кузнецова", "{client17}", "договорами", "Petrenco", "Olena Koval", "risk"]
# (query, expected page in the top 5): names in both scripts, inflected words, ё/е, typos, exact names.
RELEVANCE = [
    ("{client17}", "accounts/client-00017/"),
    ("{client170}", "accounts/client-00170/"),
    ("Дмитрий Соколов", "people/dmitry-sokolov/"),
    ("Dmitriy Sokolov", "people/dmitry-sokolov/"),
    ("Соколову", "people/dmitry-sokolov/"),
    ("Олена Коваль", "people/olena-koval/"),
    ("Мельника", "people/andriy-melnyk/"),
    ("Petrenco", "people/maria-petrenko/"),
    ("Ткаченко", "people/iryna-tkachenko/"),
    ("Sergey Volkov", "people/sergey-volkov/"),
    ("гребенка", "playbooks/comb-principle/"),
    ("гребёнку", "playbooks/comb-principle/"),
]
# The page a person searches from: a playbook, light next to the portfolio page (its table
# lists every account), so that the times are the search's, not the page's.
START = "playbooks/key-clients/"
SEARCH_FILES = {"kamgen": ("search/", "assets/kamgen/search/"), "pagefind": ("pagefind/",)}
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)
TITLE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)

# Times the worker's messages inside the page (performance.now(): ms from navigation start).
TIMER = """
(() => {
  const Native = window.Worker
  const t = window.__kgTimes = { answered: {}, last: null }
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args)
      this.addEventListener("message", ev => {
        if (ev.data.type === 3 && t.last !== null && !(t.last in t.answered)) t.answered[t.last] = performance.now()
      })
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) t.last = message.data
      return super.postMessage(message, ...rest)
    }
  }
})()
"""
PAGEFIND = """
async q => {
  const pagefind = await import(new URL("/pagefind/pagefind.js", location.origin).href)
  const found = await pagefind.search(q)
  const data = await Promise.all(found.results.slice(0, 5).map(r => r.data()))
  return { ms: performance.now(), urls: data.map(d => d.url) }
}
"""


@dataclass
class Site:
    accounts: int
    path: Path
    build_seconds: float | None = None
    extract_seconds: float = 0.0
    index_seconds: float = 0.0
    pagefind_seconds: float = 0.0
    names: dict[str, str] = field(default_factory=dict)


@dataclass
class Run:
    first: list[float] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    heap: list[float] = field(default_factory=list)
    found: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)


# -- sites ---------------------------------------------------------------------------


def build(work: Path, accounts: int) -> Site:
    source = write_site(work / f"src{accounts}", accounts=accounts)
    site = work / f"site{accounts}"
    start = time.perf_counter()
    result = CliRunner().invoke(cli, ["build", "-f", str(source / "mkdocs.yml"), "-d", str(site), "--today", TODAY])
    if result.exit_code != 0:
        raise SystemExit(result.output)
    return Site(accounts, site, build_seconds=time.perf_counter() - start)


def account_names(site: Path) -> dict[str, str]:
    """Account page folder name → the account's name (its <h1>)."""
    names = {}
    for page in sorted((site / "accounts").glob("client-*/index.html")):
        found = TITLE.search(page.read_text(encoding="utf-8"))
        if found:
            heading = re.sub(r'<a class="headerlink".*?</a>', "", found.group(1))
            names[page.parent.name] = html.unescape(re.sub(r"<[^>]+>", "", heading)).strip()
    return names


def replicate(source: Site, accounts: int, work: Path) -> Site:
    """A copy of ``source`` grown to ``accounts`` account pages: each copy named "<brand> <new number>"."""
    site = work / f"site{accounts}"
    if site.exists():
        shutil.rmtree(site)
    shutil.copytree(source.path, site, ignore=shutil.ignore_patterns("pagefind"))
    names = account_names(source.path)
    have = len(names)
    for n in range(have, accounts):
        original = f"client-{n % have:05d}"
        name = names[original]
        new_name = re.sub(r"\d+$", str(n), name)
        html = (source.path / "accounts" / original / "index.html").read_text(encoding="utf-8")
        html = re.sub(re.escape(name) + r"(?!\d)", new_name, html)
        target = site / "accounts" / f"client-{n:05d}" / "index.html"
        target.parent.mkdir(parents=True)
        target.write_text(html, encoding="utf-8")
    return Site(accounts, site)


def kamgen_index(site: Path) -> tuple[float, float]:
    """Index every page's HTML as the plugin does, into the site, with kamgen's search files of
    this version: (seconds to extract the pages' documents, seconds to write the index)."""
    for target, source in assets().items():
        shutil.copyfile(source, site / target)
    start = time.perf_counter()
    index = PageIndex()
    order = []
    for page in sorted(site.rglob("index.html")):
        relative = page.parent.relative_to(site).as_posix()
        if relative.startswith(("search", "assets", "pagefind")):
            continue
        found = ARTICLE.search(page.read_text(encoding="utf-8"))
        if found is None:
            continue
        location = "" if relative == "." else relative + "/"
        boost = PLAYBOOK_BOOST if location.startswith("playbooks/") else 1.0
        index.set(location, extract_docs(found.group(1), location, "", boost=boost))
        order.append(location)
    extracted = time.perf_counter()
    index.write(site / "search" / "search_index.json", order, None)
    return extracted - start, time.perf_counter() - extracted


def pagefind_index(python: Path, site: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(python), "-m", "pagefind", "--site", str(site), "--silent"], check=True)
    return time.perf_counter() - start


def pagefind_python(work: Path) -> Path:
    venv = work / "pagefind-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "pagefind[bin]"], check=True)
    return python


# -- the browser ---------------------------------------------------------------------


def heap_mb(browser: Browser, page: Page) -> float:
    """JavaScript heap in use by the page and its workers, in MB (Chromium's DevTools protocol)."""
    used = float(page.context.new_cdp_session(page).send("Runtime.getHeapUsage")["usedSize"])
    session = browser.new_browser_cdp_session()
    replies: dict[str, float] = {}

    def received(event: dict[str, Any]) -> None:
        found = re.search(r'"id":1,"result":\{[^}]*"usedSize":([\d.e+]+)', event["message"])
        if found:
            replies[event["sessionId"]] = float(found.group(1))

    session.on("Target.receivedMessageFromTarget", received)
    for target in session.send("Target.getTargets")["targetInfos"]:
        if target["type"] not in ("worker", "dedicated_worker"):
            continue
        attached = session.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": False})
        message = '{"id": 1, "method": "Runtime.getHeapUsage"}'
        session.send("Target.sendMessageToTarget", {"sessionId": attached["sessionId"], "message": message})
        deadline = time.monotonic() + 5
        while attached["sessionId"] not in replies and time.monotonic() < deadline:
            page.wait_for_timeout(20)
        used += replies.get(attached["sessionId"], 0.0)
    session.detach()
    return used / 1e6


def one_query(browser: Browser, url: str, engine: str, query: str) -> tuple[float, int, float, list[str]]:
    """A cold page load and ``query`` typed at once: (ms to first result, bytes fetched, heap MB, top pages)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sizes: dict[str, int] = {}

    def finished(request: Any) -> None:
        path = request.url.removeprefix(url).split("?")[0]
        response = request.response()
        if path.startswith(SEARCH_FILES[engine]) and response is not None:
            sizes[path] = len(response.body())

    page.on("requestfinished", finished)
    try:
        if engine == "kamgen":
            page.add_init_script(TIMER)
            page.goto(url + START, wait_until="domcontentloaded")
            box = page.locator("input.md-search__input")
            box.fill(query)
            box.dispatch_event("keyup")
            page.wait_for_function("q => q in window.__kgTimes.answered", arg=query, timeout=300_000)
            ms: float = page.evaluate("q => window.__kgTimes.answered[q]", query)
            links = page.locator(".md-search-result__item").evaluate_all(
                "items => items.slice(0, 5).map(li => li.querySelector('a').href)"
            )
        else:
            page.goto(url + START, wait_until="domcontentloaded")
            found = page.evaluate(PAGEFIND, query)
            ms, links = found["ms"], [url.rstrip("/") + link for link in found["urls"]]
        page.wait_for_load_state("networkidle")
        heap = heap_mb(browser, page)
        top = [link.removeprefix(url).split("?")[0].split("#")[0] for link in links]
        return ms, sum(sizes.values()), heap, top
    finally:
        context.close()


def measure(browser: Browser, site: Site, engine: str, runs: int) -> Run:
    run = Run()
    names = site.names
    values = {"client17": names.get("client-00017", "Client 17"), "client170": names.get("client-00170", "")}
    with serve(site.path) as url:
        for _ in range(runs):
            for query in QUERIES:
                ms, size, heap, _ = one_query(browser, url, engine, query.format(**values))
                run.first.append(ms)
                run.sizes.append(size)
                run.heap.append(heap)
        for query, expected in RELEVANCE:
            text = query.format(**values)
            if not text or not (site.path / expected).exists():
                continue
            _, _, _, top = one_query(browser, url, engine, text)
            (run.found if expected in top else run.missed).append(f"{text} → {expected}")
    return run


# -- the table -----------------------------------------------------------------------


def row(site: Site, engine: str, run: Run) -> str:
    first = f"{statistics.median(run.first):,.0f} ({max(run.first):,.0f})"
    sizes = f"{statistics.median(run.sizes) / 1000:,.0f} KB ({max(run.sizes) / 1000:,.0f})"
    if engine == "kamgen-old":
        index = "—"
    elif engine == "kamgen":
        share = f", {site.index_seconds / site.build_seconds:.0%} of build" if site.build_seconds else ""
        index = f"{site.index_seconds:.1f} s{share} (+ {site.extract_seconds:.0f} s extracting)"
    else:
        index = f"{site.pagefind_seconds:.1f} s"
    relevance = f"{len(run.found)}/{len(run.found) + len(run.missed)}"
    return f"| {site.accounts:,} | {engine} | {first} | {sizes} | {max(run.heap):.1f} | {index} | {relevance} |"


def given(item: str) -> Site:
    accounts, _, rest = item.partition("=")
    path, _, seconds = rest.partition(":")
    return Site(int(accounts), Path(path), build_seconds=float(seconds) if seconds else None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", action="append", default=[], help="N=DIR: a kamgen-built site of N accounts")
    parser.add_argument("--build", action="append", type=int, default=[], help="build a synthetic site of N accounts")
    parser.add_argument("--replicate", type=int, help="grow the largest site to N accounts (no kamgen build)")
    parser.add_argument("--old", action="append", default=[], help="N=DIR: a site built before the sharded index")
    parser.add_argument("--work", type=Path, help="folder for built sites and the Pagefind venv (kept)")
    parser.add_argument("--runs", type=int, default=1, help="rounds of the query set per site and engine")
    parser.add_argument("--reuse", action="store_true", help="keep the indexes (and times) of the last run in --work")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="kamgen-search-compare-"))
    work.mkdir(parents=True, exist_ok=True)
    sites = [given(item) for item in args.site]
    sites += [build(work, n) for n in args.build]
    if args.replicate:
        grown = work / f"site{args.replicate}"
        if args.reuse and grown.is_dir():
            sites.append(Site(args.replicate, grown))
        else:
            sites.append(replicate(max(sites, key=lambda s: s.accounts), args.replicate, work))
    python = pagefind_python(work)
    times_file = work / "index-times.json"
    times = json.loads(times_file.read_text(encoding="utf-8")) if args.reuse and times_file.is_file() else {}
    for site in sites:
        site.names = account_names(site.path)
        key = str(site.accounts)
        if not args.reuse:
            extract, index = kamgen_index(site.path)
            times[key] = {"extract": extract, "index": index, "pagefind": pagefind_index(python, site.path)}
            times_file.write_text(json.dumps(times), encoding="utf-8")
        site.extract_seconds = times.get(key, {}).get("extract", 0.0)
        site.index_seconds = times.get(key, {}).get("index", 0.0)
        site.pagefind_seconds = times.get(key, {}).get("pagefind", 0.0)
    print(
        "| accounts | engine | first result, ms median (max) | bytes per query median (max) | heap MB | index | top 5 |"
    )
    print("|---|---|---|---|---|---|---|")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        missed: list[str] = []
        for n, path in (item.split("=", 1) for item in args.old):
            old = Site(int(n), Path(path))
            old.names = account_names(old.path)
            print(row(old, "kamgen-old", measure(browser, old, "kamgen", args.runs)), flush=True)
        for site in sites:
            for engine in ("kamgen", "pagefind"):
                run = measure(browser, site, engine, args.runs)
                print(row(site, engine, run), flush=True)
                missed += [f"{site.accounts:,} {engine}: {item}" for item in run.missed]
        browser.close()
    print("\nnot in the top 5:" if missed else "\nevery expected page in the top 5")
    for item in missed:
        print(f"  {item}")


if __name__ == "__main__":
    main()
