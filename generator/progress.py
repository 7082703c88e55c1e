"""A progress line for long runs: ``formatting 1200/3000`` on stderr.

Shown only when stderr is a terminal and the command was not given
``--quiet`` (:data:`enabled`, set by the CLI); redrawn at most ten times a
second and erased when the step ends, so logs and pipes never see it.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType

enabled = False  # the CLI turns it on for a terminal


class Counter:
    """``with Counter("formatting", total) as count: ... count.step()``."""

    def __init__(self, label: str, total: int) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self._shown = 0.0
        self._on = enabled and total > 0 and sys.stderr.isatty()

    def __enter__(self) -> Counter:
        self._draw(force=True)
        return self

    def step(self, n: int = 1) -> None:
        self.done += n
        self._draw(force=self.done >= self.total)

    def _draw(self, force: bool = False) -> None:
        if not self._on:
            return
        now = time.monotonic()
        if force or now - self._shown >= 0.1:
            self._shown = now
            sys.stderr.write(f"\r{self.label} {self.done}/{self.total}\x1b[K")
            sys.stderr.flush()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._on:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
