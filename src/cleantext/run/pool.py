"""A process pool that ships its worker (and so its Cleaner) once per process, not once per item: ``map`` in
order, in-process for one job. Shared by the folder batch (:mod:`cleantext.run.batch`) and the JSONL stream."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

_WORKER: Callable[[Any], Any] | None = None
_BUSY = False  # a worker is inside an item (writing a file): a stop request waits for the item to end
_STOP = False


def default_workers() -> int:
    """The cores this process may run on (``-j``'s default)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _install(worker: Callable[[Any], Any], parent: int) -> None:
    """Pool initializer: the worker (and its Cleaner) arrives once per process. Ctrl-C is left to the parent;
    SIGTERM, or the death of the parent (even by SIGKILL), ends the worker once its current item is done."""
    global _WORKER
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


def _call(item: Any) -> Any:
    global _BUSY
    assert _WORKER is not None
    _BUSY = True
    try:
        return _WORKER(item)
    finally:
        _BUSY = False
        if _STOP:
            os._exit(1)


class WorkerPool:
    """``map`` in order, in-process for ``jobs <= 1``, else over processes that each received ``worker`` once.
    Items go in chunks so that thousands of small files are not thousands of round trips."""

    def __init__(self, worker: Callable[[Any], Any], jobs: int) -> None:
        self.worker, self.jobs = worker, jobs
        self._ex: ProcessPoolExecutor | None = None

    def __enter__(self) -> WorkerPool:
        if self.jobs > 1:
            self._ex = ProcessPoolExecutor(self.jobs, initializer=_install, initargs=(self.worker, os.getpid()))
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
