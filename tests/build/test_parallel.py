"""Work on all cores: same results, same order, same errors as the plain loop.

Forking waits for a process without other threads, which a test session
(browser, web server) is not: the parallel cases run in a fresh Python.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from kamgen.errors import TemplateError
from kamgen.util import parallel
from kamgen.util.parallel import fork_map
from tests.support import REPO

needs_cores = pytest.mark.skipif(parallel.cores() < 2, reason="forking pays only with two cores")


def in_fresh_python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def fail_on_seven(i: int) -> int:
    if i == 7:
        raise TemplateError("playbooks/x.md:3: 'owner' is undefined")
    return i


class UnpicklableError(Exception):
    def __init__(self, a: int, b: int) -> None:  # pickling passes one argument back: unpickling fails
        super().__init__(f"{a}+{b}")


def fail_unpicklably(i: int) -> int:
    if i == 3:
        raise UnpicklableError(1, 2)
    return i


@needs_cores
def test_results_come_back_in_order_from_other_processes() -> None:
    out = in_fresh_python("""
        import json, os
        from kamgen.util.parallel import fork_map
        base = 1000  # a closure: forked workers share it without pickling
        results = fork_map(lambda i: (base + i, os.getpid()), list(range(50)), parallel_from=2)
        print(json.dumps({"results": results, "me": os.getpid()}))
    """)
    data = json.loads(out)
    assert [value for value, _ in data["results"]] == [1000 + i for i in range(50)]
    assert data["me"] not in {pid for _, pid in data["results"]}


def test_small_work_stays_in_this_process() -> None:
    assert fork_map(lambda i: os.getpid(), [1, 2, 3], parallel_from=10) == [os.getpid()] * 3


@needs_cores
@pytest.mark.parametrize(
    ("task", "expected"),
    [
        ("fail_on_seven", "TemplateError: playbooks/x.md:3: 'owner' is undefined"),
        ("fail_unpicklably", "RuntimeError: UnpicklableError: 1+2"),
    ],
    ids=["kamgen's error, as raised", "an error that cannot travel, as text"],
)
def test_a_worker_error_is_raised_here_with_its_message(task: str, expected: str) -> None:
    out = in_fresh_python(f"""
        from kamgen.util.parallel import fork_map
        from tests.build.test_parallel import {task}
        try:
            fork_map({task}, list(range(20)), parallel_from=2)
        except Exception as exc:
            print(f"{{type(exc).__name__}}: {{exc}}")
    """)
    assert out.strip() == expected


def test_errors_are_raised_the_same_way_in_this_process() -> None:
    with pytest.raises(TemplateError):
        fork_map(fail_on_seven, list(range(20)), parallel_from=100)


SIGTERM_IN_WORKERS = """
import signal
from kamgen.util.parallel import can_fork, fork_map
signal.signal(signal.SIGTERM, lambda signum, frame: None)  # as `kamgen build` does
def default(_):
    return signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
print(can_fork(), fork_map(default, list(range(8)), parallel_from=2))
"""


def test_workers_end_on_sigterm_even_when_this_process_handles_it() -> None:
    """The pool stops idle workers with SIGTERM; a Python handler inherited from `kamgen build` would never run
    inside the semaphore they wait in, and the build would wait for them forever (seen: a hung test run)."""
    # A process of its own: threads other tests leave running here would keep fork_map from forking.
    result = subprocess.run(
        [sys.executable, "-c", SIGTERM_IN_WORKERS], cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )
    forked, _, answers = result.stdout.strip().partition(" ")
    if forked != "True":
        pytest.skip("fork_map works in this process on a machine with one core")
    assert answers == str([True] * 8), result.stderr
