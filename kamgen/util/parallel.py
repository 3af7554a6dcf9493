"""Work spread over every core when there is enough of it, and when it is safe.

Workers are forked: they start at once, share the parent's loaded portfolio,
templates and MkDocs objects without pickling them, and need no importable
``__main__``. Only the results travel back. Forking a process that runs other
threads can deadlock (``mkdocs serve`` has a few), so then, as on a single
core or a platform without fork, the work runs in this process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MAX_WORKERS = 8

# The task of the running map; forked workers inherit it, so it may be a closure.
_task: Callable[[Any], Any] | None = None


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return cores() > 1 and threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


@dataclass(frozen=True)
class _Raised:
    """An exception of a worker, brought back to be raised in this process."""

    error: Exception


def _call(item: Any) -> Any:
    assert _task is not None
    try:
        return _task(item)
    except Exception as exc:  # noqa: BLE001 - re-raised in the parent, whatever it is
        try:  # a result that cannot be unpickled would hang the pool
            pickle.loads(pickle.dumps(exc))
        except Exception:  # noqa: BLE001 - any failure to round-trip
            return _Raised(RuntimeError(f"{type(exc).__name__}: {exc}"))
        return _Raised(exc)


def _default_sigterm() -> None:
    """In a worker: SIGTERM ends it at once, as it would any process.

    The pool stops its workers with SIGTERM when the map is done. A handler the
    parent set (``kamgen build`` turns SIGTERM into an orderly stop) would run
    only between bytecodes, and an idle worker waits inside a semaphore for its
    next task, where it never runs: the worker would live on and the parent
    wait for it forever.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def fork_map(task: Callable[[T], R], items: Sequence[T], *, parallel_from: int) -> list[R]:
    """``[task(item) for item in items]``, on all cores once there are ``parallel_from`` items.

    Items and results are pickled; pass small keys (indexes, paths) and let
    ``task`` find the large objects it shares with this process.
    """
    if len(items) < parallel_from or not can_fork():
        return [task(item) for item in items]
    global _task
    _task = task
    workers = min(cores(), MAX_WORKERS)
    # Objects that exist now are left out of the workers' garbage collections:
    # a collection writes to every object it visits, which would copy the
    # whole shared portfolio into each worker's own memory.
    gc.freeze()
    try:
        # Pool forks every worker in its constructor, before it starts threads of its own.
        with multiprocessing.get_context("fork").Pool(workers, initializer=_default_sigterm) as pool:
            results = pool.map(_call, items, chunksize=max(1, len(items) // (workers * 8)))
    finally:
        _task = None
        gc.unfreeze()
    for result in results:
        if isinstance(result, _Raised):
            raise result.error  # the first failure in order, as the loop would have raised it
    return results
