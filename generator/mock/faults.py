"""Seeded, bounded fault injection for resilience tests.

Each request draws once from a ``random.Random(seed)``: with probability
``rate`` it gets one of ``kinds`` (uniformly), until ``limit`` faults have
been injected (``None``: no limit).  A ``Prefer: fault=<kind>`` header forces
one kind for one request, whatever the rate.

The kinds, as a misbehaving service or network shows them:

=================  ============================================================
``503``            HTTP 503 with a ServiceUnavailable envelope
``429``            HTTP 429 with a Throttling envelope (and ``Retry-After`` when
                   the server is given one)
``limit-exceeded`` KSYUN's own throttling: LimitExceeded with its documented
                   status (409)
``slow``           the answer comes after ``slow_seconds`` (longer than the
                   client's timeout)
``reset``          the connection is reset (TCP RST) after the request is read
``truncated``      HTTP 200 whose JSON body stops half-way
``html``           HTTP 502 with an HTML page, as a proxy sends it
``empty``          HTTP 200 with an empty body
=================  ============================================================
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field

KINDS = ("503", "429", "limit-exceeded", "slow", "reset", "truncated", "html", "empty")


def parse_kinds(text: str) -> tuple[str, ...]:
    """``"503,reset"`` → ``("503", "reset")``; ValueError naming an unknown kind."""
    kinds = tuple(k.strip() for k in text.split(",") if k.strip())
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ValueError(f"unknown fault {unknown[0]!r} (known: {', '.join(KINDS)})")
    return kinds


@dataclass
class FaultPlan:
    rate: float = 0.0
    kinds: tuple[str, ...] = KINDS
    seed: int = 0
    limit: int | None = None
    injected: int = 0
    _rng: random.Random = field(init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def __post_init__(self) -> None:
        if not 0.0 <= self.rate <= 1.0:
            raise ValueError(f"fault rate must be between 0 and 1, got {self.rate}")
        if self.rate > 0 and not self.kinds:
            raise ValueError("a fault rate needs at least one fault kind")
        self._rng = random.Random(f"faults:{self.seed}")

    def draw(self) -> str | None:
        """The fault for the next request, or None."""
        if self.rate <= 0:
            return None
        with self._lock:
            hit = self._rng.random() < self.rate
            kind = self._rng.choice(self.kinds)
            if not hit or (self.limit is not None and self.injected >= self.limit):
                return None
            self.injected += 1
            return kind
