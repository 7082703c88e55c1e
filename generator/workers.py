"""Process pools whose workers die with the generator.

A ``kill -9`` of ``ksyun-codegen`` gives its pool no chance to shut down;
without help the workers would live on (each holding black or the validator
in memory).  Every pool here starts its workers with
``prctl(PR_SET_PDEATHSIG, SIGKILL)`` on Linux, and elsewhere with a thread
that exits the worker once its parent is gone.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1


JOBS_ENV = "KSYUN_CODEGEN_JOBS"


def jobs() -> int:
    """How many processes a stage may use: ``KSYUN_CODEGEN_JOBS`` when it is a
    whole number of at least 1 (1: everything in this process), else one per core."""
    raw = os.environ.get(JOBS_ENV, "").strip()
    if raw.isdigit() and int(raw) >= 1:
        return int(raw)
    return os.cpu_count() or 1


def pool(max_workers: int | None = None) -> ProcessPoolExecutor:
    """A ProcessPoolExecutor whose workers do not outlive this process.

    Workers are spawned, not forked: a forked worker maps every page of the
    generator (the loaded spec, the IR, the files rendered so far), so a
    large service counted three times over in two workers; a spawned one
    holds only what its task imports (black, the validator or dcg).
    """
    return ProcessPoolExecutor(max_workers=max_workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_die_with_parent, initargs=(os.getpid(),))


def _die_with_parent(parent: int) -> None:
    armed = False
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    if not armed:
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
