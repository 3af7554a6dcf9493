"""How long after saving a dossier does ``kamgen serve`` show the change?

Starts ``kamgen serve`` on a copy of the example site (or of a synthetic
portfolio), edits one dossier several times and measures, from the moment the
file is written:

- ``http``: until the served page contains the change;
- ``browser``: until the change is on screen in Chromium, which reloads by
  itself through MkDocs' live-reload script (needs Playwright and Debian's
  chromium; skipped otherwise);
- ``refresh``: until every page of the site shows it (the server logs
  "every page is up to date" once the portfolio, people and peers caught up).

    python -m benchmarks.serve_latency [--runs 5] [--accounts N]

``Served`` is also what tests/plugin/test_serve.py drives the server with.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]  # fmt: skip


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# Seconds to wait for the first build and for each change; --wait raises it for large portfolios.
WAIT = 60.0


def set_wait(seconds: float) -> None:
    global WAIT
    WAIT = seconds


def wait_until(condition: Callable[[], bool], *, timeout: float, interval: float = 0.02) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` seconds pass (bounded retries)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


class Served:
    """``kamgen serve`` of ``root`` in a subprocess, with its terminal output collected."""

    def __init__(self, root: Path, *, today: str = "2026-11-22") -> None:
        self.root = root
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.lines: list[str] = []
        command = [sys.executable, "-m", "kamgen.cli", "serve", "-f", str(root / "mkdocs.yml"),
                   "-a", f"127.0.0.1:{self.port}", "--today", today]  # fmt: skip
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def output(self) -> str:
        return "\n".join(self.lines)

    def get(self, path: str, timeout: float = 10.0) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as response:
                return int(response.status), response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, ""
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return 0, ""

    def wait_ready(self, path: str, timeout: float | None = None) -> None:
        if not wait_until(lambda: self.get(path, timeout=2)[0] == 200, timeout=timeout or WAIT, interval=0.1):
            raise RuntimeError(f"kamgen serve did not start:\n{self.output()}")

    def wait_for_output(self, text: str, *, start: int = 0, timeout: float = 30.0) -> bool:
        return wait_until(lambda: any(text in line for line in self.lines[start:]), timeout=timeout)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._reader.join(timeout=5)
        if self.process.stdout is not None:
            self.process.stdout.close()

    def __enter__(self) -> Served:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()


def copy_site(target: Path) -> Path:
    """A writable copy of the example site's sources (also the tests' copy_example)."""
    for name in ("accounts", "playbooks", "theme"):
        shutil.copytree(REPO / name, target / name)
    for name in ("team.yaml", "mkdocs.yml"):
        shutil.copy(REPO / name, target / name)
    return target


def set_field(path: Path, key: str, value: str) -> None:
    """Rewrite the top-level ``key:`` line of a dossier."""
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [f"{key}: {value}" if line.startswith(f"{key}:") else line for line in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) the process has used: a rebuild's cost without the machine's load."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure_http(served: Served, dossier: Path, page: str, marker: str) -> tuple[float, float]:
    """Seconds until the served page shows the edit, and CPU seconds the server spent on it."""
    cpu = cpu_seconds(served.process.pid)
    start = time.monotonic()
    set_field(dossier, "industry", marker)
    # Every 50 ms: a large plan page fetched much more often keeps the server itself busy.
    if not wait_until(lambda: marker in served.get(page)[1], timeout=WAIT, interval=0.05):
        raise RuntimeError(f"the change never showed:\n{served.output()}")
    return time.monotonic() - start, cpu_seconds(served.process.pid) - cpu


QUICK_DONE = "the rest of the site follows"
ALL_DONE = "every page is up to date"


def settle(served: Served, start: int = 0) -> None:
    """Wait until the refresh that followed the last quick update since line ``start`` is done."""
    if not served.wait_for_output(QUICK_DONE, start=start, timeout=WAIT):
        raise RuntimeError(f"no quick update:\n{served.output()}")
    last = max(i for i, line in enumerate(served.lines) if QUICK_DONE in line)
    if not served.wait_for_output(ALL_DONE, start=last, timeout=WAIT):
        raise RuntimeError(f"the site was never brought up to date:\n{served.output()}")


def measure_refresh(served: Served, dossier: Path, marker: str) -> float:
    """Seconds from a save until the server has brought every page up to date."""
    start_line = len(served.lines)
    start = time.monotonic()
    set_field(dossier, "industry", marker)
    settle(served, start_line)
    return time.monotonic() - start


@contextlib.contextmanager
def browser_page(url: str) -> Iterator[object | None]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        yield None
        return
    if not Path(CHROMIUM).exists():
        yield None
        return
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url)
        yield page
        browser.close()


def measure_browser(page: object, dossier: Path, marker: str) -> float:
    start = time.monotonic()
    set_field(dossier, "industry", marker)
    page.wait_for_function(  # type: ignore[attr-defined]
        "m => document.body && document.body.innerText.includes(m)", arg=marker, timeout=WAIT * 1000, polling=10
    )
    return time.monotonic() - start


def summary(name: str, times: list[float]) -> str:
    if not times:
        return f"{name:8} skipped (Playwright or chromium missing)"
    return (
        f"{name:8} median {statistics.median(times):.2f} s   min {min(times):.2f} s   max {max(times):.2f} s"
        f"   ({len(times)} edits)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="edits per measurement")
    parser.add_argument("--accounts", type=int, default=0, help="serve a synthetic portfolio of N accounts instead")
    parser.add_argument("--wait", type=float, default=WAIT, help="seconds to wait for the first build and each change")
    args = parser.parse_args()
    set_wait(args.wait)
    with tempfile.TemporaryDirectory(prefix="kamgen-serve-") as tmp:
        root = Path(tmp) / "site"
        if args.accounts:
            from benchmarks.synthetic import write_site

            write_site(root, accounts=args.accounts)
        else:
            copy_site(root)
        dossier = sorted((root / "accounts").glob("*.yaml"))[0]
        page = f"accounts/{dossier.stem}/"
        with Served(root) as served:
            served.wait_ready(page)
            portfolio = len(list((root / "accounts").glob("*.yaml")))
            measured = [measure_http(served, dossier, page, f"Edit-{i}-http") for i in range(args.runs)]
            http, cpu = [m[0] for m in measured], [m[1] for m in measured]
            settle(served)
            refresh = [measure_refresh(served, dossier, f"Edit-{i}-refresh") for i in range(args.runs)]
            with browser_page(served.url + page) as browser:
                time.sleep(1)  # let the live-reload script connect
                seen = (
                    [measure_browser(browser, dossier, f"Edit-{i}-browser") for i in range(args.runs)]
                    if browser
                    else []
                )
    report = [
        f"kamgen serve, {portfolio} accounts, editing {dossier.name}: save → change visible",
        summary("http", http),
        summary("browser", seen),
        summary("cpu", cpu) + " of the server's CPU time until the edit shows",
        summary("refresh", refresh) + " until every page shows it",
        f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs",
    ]
    sys.stdout.write("\n".join(report) + "\n")


if __name__ == "__main__":
    main()
