"""A process pool that ships its worker (and so its Cleaner) once per process, not once per item: ``map`` in
order, in-process for one job. Shared by the folder batch (:mod:`cleantext.run.batch`) and the JSONL stream."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

_WORKER: Callable[[Any], Any] | None = None
# (condition, shared counter of units in use, budget, weight of an item): the memory budget the workers share.
_BUDGET: tuple[Any, Any, int, Callable[[Any], int]] | None = None
_BUSY = False  # a worker is inside an item (writing a file): a stop request waits for the item to end
_STOP = False


def default_workers() -> int:
    """The cores this process may run on (``-j``'s default)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _install(worker: Callable[[Any], Any], parent: int, budget: tuple[Any, Any, int, Any] | None = None) -> None:
    """Pool initializer: the worker (and its Cleaner) arrives once per process. Ctrl-C is left to the parent;
    SIGTERM, or the death of the parent (even by SIGKILL), ends the worker once its current item is done."""
    global _WORKER, _BUDGET
    _BUDGET = budget
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_stop)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    _WORKER = worker


def _on_stop(*_: Any) -> None:
    global _STOP
    _STOP = True
    if not _BUSY:
        os._exit(1)


def _watch_parent(parent: int) -> None:
    """An orphaned worker would wait on its queue for ever (it holds both ends of the pipe): stop it instead."""
    while os.getppid() == parent:
        time.sleep(0.2)
    os.kill(os.getpid(), signal.SIGTERM)


def _take(weight: int) -> None:
    """Wait until ``weight`` units of the shared budget are free (or nothing is in use: an item larger than the
    whole budget then runs alone), and take them."""
    assert _BUDGET is not None
    cond, used, total, _ = _BUDGET
    with cond:
        while used.value > 0 and used.value + weight > total:
            cond.wait(0.5)  # a timeout, so that a stop request (SIGTERM) is seen while waiting
        used.value += weight


def _give_back(weight: int) -> None:
    assert _BUDGET is not None
    cond, used, _, _ = _BUDGET
    with cond:
        used.value -= weight
        cond.notify_all()


def _call(item: Any) -> Any:
    global _BUSY
    assert _WORKER is not None
    weight = _BUDGET[3](item) if _BUDGET is not None else 0
    if weight:
        _take(weight)
    _BUSY = True
    try:
        return _WORKER(item)
    finally:
        _BUSY = False
        if weight:
            _give_back(weight)
        if _STOP:
            os._exit(1)


class WorkerPool:
    """``map`` in order, in-process for ``jobs <= 1``, else over processes that each received ``worker`` once.
    Items go in chunks so that thousands of small files are not thousands of round trips. With ``weight`` (a
    picklable function of an item, e.g. its input's size) the processes share ``budget`` units: an item starts
    only when the items running elsewhere leave room for it, so -j N never holds N large documents at once."""

    def __init__(self, worker: Callable[[Any], Any], jobs: int, *, weight: Callable[[Any], int] | None = None,
                 budget: int = 0) -> None:
        self.worker, self.jobs, self.weight, self.budget = worker, jobs, weight, budget
        self._ex: ProcessPoolExecutor | None = None

    def __enter__(self) -> WorkerPool:
        if self.jobs > 1:
            ctx = multiprocessing.get_context()
            shared = None
            if self.weight is not None and self.budget > 0:
                shared = (ctx.Condition(), ctx.Value("q", 0, lock=False), self.budget, self.weight)
            self._ex = ProcessPoolExecutor(self.jobs, mp_context=ctx, initializer=_install,
                                           initargs=(self.worker, os.getpid(), shared))
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        if self._ex is None:
            return
        if exc_type is not None:
            # Interrupted (Ctrl-C) or failed: drop the queued items and stop each worker after its current item,
            # instead of letting it work through the chunks already sent to it.
            for proc in list(getattr(self._ex, "_processes", {}).values()):
                if proc.is_alive():
                    proc.terminate()
        self._ex.shutdown(wait=True, cancel_futures=exc_type is not None)

    def map(self, items: Sequence[Any]) -> Iterator[Any]:
        if self._ex is None:
            return map(self.worker, items)
        chunksize = max(1, min(64, len(items) // (self.jobs * 4)))
        return self._ex.map(_call, items, chunksize=chunksize)
