"""Soak run: many calls through the generated client against a faulty mock.

    python tests/soak.py --calls 2000 --workers 4 --fault-rate 0.2

Serves the KEC spec plus the write action of
tests/fixtures/mock/run_instances.yaml (``x-ksyun-idempotent: false``) with
``ksyun-codegen mock``'s server in this process, generates the SDK of that
spec into a temporary folder, and sends a mix of DescribeImages (safe to
repeat) and RunInstances (each with its own ClientToken) from ``--workers``
threads.  It prints successes, retries (requests the mock saw beyond one per
call), errors by class, unexpected exceptions, how often a write was seen
more than once, and p50/p99 latency, next to a fault-free baseline of the
same workload in the same run.  Exit 1 when a call ended in anything but a
parsed response or a KsyunError, or a write was sent twice.

tests/test_soak.py runs the same function at a size that takes seconds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from _mock_support import ACCESS_KEY, REGION, SECRET_KEY, mock_config  # noqa: E402

WRITE_EVERY = 4  # one call in four is RunInstances
CLIENT_TIMEOUT = 0.25
SLOW_SECONDS = 0.5


@dataclass
class Report:
    calls: int = 0
    successes: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    write_errors: int = 0
    unexpected: list[str] = field(default_factory=list)
    requests: int = 0
    faults: Counter[str] = field(default_factory=Counter)
    repeated_writes: int = 0
    writes: int = 0
    latencies: list[float] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def retries(self) -> int:
        return self.requests - self.calls

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    def lines(self, title: str) -> list[str]:
        by_class = ", ".join(f"{k} {v}" for k, v in sorted(self.errors.items())) or "none"
        faults = ", ".join(f"{k} {v}" for k, v in sorted(self.faults.items())) or "none"
        return [
            f"{title}: {self.calls} calls in {self.elapsed:.1f} s",
            f"  successes {self.successes}, typed errors {sum(self.errors.values())} ({by_class})",
            f"  failed reads {sum(self.errors.values()) - self.write_errors}, "
            f"failed writes {self.write_errors} (writes are not retried once sent)",
            f"  unexpected exceptions {len(self.unexpected)}",
            f"  requests at the mock {self.requests}, retries {self.retries}",
            f"  faults injected {sum(self.faults.values())} ({faults})",
            f"  writes {self.writes}, writes seen more than once {self.repeated_writes}",
            f"  latency p50 {self.percentile(0.50):.1f} ms, p99 {self.percentile(0.99):.1f} ms",
        ]


def soak(sdk: dict[str, ModuleType], api: Any, *, calls: int, workers: int, fault_rate: float,
         seed: int = 0) -> Report:
    """Run the workload once against a fresh mock; *sdk* maps module names to modules."""
    from generator.mock import MockServer

    top = sdk["ksyun_sdk"]
    kec = sdk["ksyun_sdk.kec.v2016_03_04"]
    report = Report(calls=calls)
    config = mock_config(seed=seed, fault_rate=fault_rate, slow_seconds=SLOW_SECONDS)
    policy = top.RetryPolicy(max_attempts=5, base_delay=0.01, max_delay=0.1, total_timeout=5.0)
    with MockServer(api, config) as server:
        client = kec.KecClient(access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION,
                               endpoint=server.url, timeout=CLIENT_TIMEOUT, retry=policy)

        def one(i: int) -> tuple[str, float, bool]:
            started = time.perf_counter()
            write = i % WRITE_EVERY == WRITE_EVERY - 1
            try:
                if write:
                    client.run_instances(image_id="img-1", instance_type="N3.2B", max_count=1,
                                         min_count=1, client_token=f"soak-{seed}-{i}")
                else:
                    client.describe_images()
                outcome = "ok"
            except top.KsyunError as exc:
                outcome = "error:" + type(exc).__name__
            except BaseException as exc:  # noqa: BLE001 - counting them is the point
                outcome = f"unexpected:{type(exc).__module__}.{type(exc).__name__}: {exc}"
            return outcome, time.perf_counter() - started, write

        started = time.perf_counter()
        with client, ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(one, range(calls)))
        report.elapsed = time.perf_counter() - started
        with server.stats.lock:
            report.requests = server.stats.requests
            report.faults = Counter(server.stats.faults)
            report.writes = sum(1 for (action, _) in server.stats.tokens if action == "RunInstances")
            report.repeated_writes = sum(1 for (action, _), n in server.stats.tokens.items()
                                         if action == "RunInstances" and n > 1)
    for outcome, latency, write in results:
        report.latencies.append(latency)
        if outcome == "ok":
            report.successes += 1
        elif outcome.startswith("error:"):
            report.errors[outcome[6:]] += 1
            report.write_errors += write
        else:
            report.unexpected.append(outcome[11:])
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--fault-rate", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    import importlib

    from _mock_support import generate_sdk, write_fixture_spec
    from generator.pipeline import load_api

    with tempfile.TemporaryDirectory() as tmp:
        spec = write_fixture_spec(Path(tmp) / "spec")
        root = generate_sdk(spec, Path(tmp) / "out")
        sys.path.insert(0, str(root))
        sdk = {n: importlib.import_module(n) for n in ("ksyun_sdk", "ksyun_sdk.kec.v2016_03_04")}
        api = load_api(spec)
        soak(sdk, api, calls=20, workers=args.workers, fault_rate=0.0, seed=args.seed)  # warm-up
        baseline = soak(sdk, api, calls=min(args.calls, 500), workers=args.workers, fault_rate=0.0,
                        seed=args.seed)
        report = soak(sdk, api, calls=args.calls, workers=args.workers, fault_rate=args.fault_rate,
                      seed=args.seed)
    print("\n".join(baseline.lines("baseline (no faults)")))
    print("\n".join(report.lines(f"soak (fault rate {args.fault_rate:g}, {args.workers} workers)")))
    for p in (0.50, 0.99):
        base = baseline.percentile(p) or 1e-9
        print(f"  p{int(p * 100)} / baseline p{int(p * 100)}: {report.percentile(p) / base:.1f}x")
    for text in report.unexpected[:10]:
        print(f"  unexpected: {text}")
    ok = not report.unexpected and not baseline.unexpected and report.repeated_writes == 0
    print("result: " + ("ok" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
