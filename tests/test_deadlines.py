"""The blocking client's deadlines: one shared thread, not one per call."""

from __future__ import annotations

import threading
import time

from ksyun_sdk._runtime import client as runtime  # the committed SDK (conftest puts it on the path)


def test_callbacks_fire_in_deadline_order_and_cancelled_ones_never() -> None:
    deadlines = runtime._Deadlines()
    fired: list[str] = []
    done = threading.Event()
    now = time.monotonic()
    deadlines.add(now + 0.20, lambda: (fired.append("late"), done.set()))
    deadlines.add(now + 0.05, lambda: fired.append("early"))
    token = deadlines.add(now + 0.10, lambda: fired.append("cancelled"))
    deadlines.cancel(token)
    assert done.wait(5)
    assert fired == ["early", "late"]


def test_many_calls_share_one_thread() -> None:
    deadlines = runtime._Deadlines()
    before = threading.active_count()
    tokens = [deadlines.add(time.monotonic() + 60, lambda: None) for _ in range(2000)]
    assert threading.active_count() == before + 1
    for token in tokens:
        deadlines.cancel(token)
    assert len(deadlines._heap) < 2000  # cancelled entries are compacted away


def test_a_watchdog_never_fires_after_its_call_ended() -> None:
    class Stream:
        shut = False

        def get_extra_info(self, name: str) -> object:
            stream = self

            class Sock:
                def shutdown(self, how: int) -> None:
                    stream.shut = True

            return Sock()

    dog = runtime._Watchdog(time.monotonic() + 60)
    stream = Stream()
    with dog:
        dog._stream = stream
    dog._fire()  # a deadline that comes due just after the call ended
    assert not dog.fired and not stream.shut
    live = runtime._Watchdog(time.monotonic() + 60)
    with live:
        live._stream = stream
        live._fire()
    assert live.fired and stream.shut
