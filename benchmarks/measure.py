"""Time and memory of one command and every process it starts.

    python -m benchmarks.measure -- kamgen build

prints one JSON object: ``seconds``; ``largest_mb``, the peak resident memory
of its largest process (``ru_maxrss``); and ``total_mb``, the peak of the sum
of the proportional set sizes (PSS) of the command and all its descendants,
sampled every ``INTERVAL`` seconds from ``/proc``. PSS counts a page shared by
forked workers once, split between them, so the sum is the memory the whole
build needs; RSS would count it once per worker. Without ``/proc`` (not
Linux), ``total_mb`` is null.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

INTERVAL = 0.2
PROC = Path("/proc")


def _descendants(pid: int) -> list[int]:
    found = [pid]
    for task in (PROC / str(pid) / "task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in children:
            found.extend(_descendants(int(child)))
    return found


def _pss_kb(pid: int) -> int:
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def measure(command: list[str]) -> dict[str, float | None]:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    sampled = PROC.joinpath("self", "smaps_rollup").exists()
    peak_kb = 0
    while process.poll() is None:
        if sampled:
            peak_kb = max(peak_kb, sum(_pss_kb(pid) for pid in _descendants(process.pid)))
        time.sleep(INTERVAL)
    stderr = process.stderr.read() if process.stderr else ""
    elapsed = time.perf_counter() - start
    if process.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{stderr[-3000:]}")
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": elapsed, "largest_mb": largest, "total_mb": peak_kb / 1024 if sampled else None}


def main() -> None:
    command = sys.argv[1:]
    if command[:1] == ["--"]:
        command = command[1:]
    if not command:
        sys.exit("usage: python -m benchmarks.measure -- COMMAND [ARGS...]")
    print(json.dumps(measure(command)))


if __name__ == "__main__":
    main()
