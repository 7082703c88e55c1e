"""``ksyun-codegen mock``: a KSYUN endpoint on a real socket, made from the spec.

It reads the spec at start-up through the same pipeline as ``generate``
(:func:`generator.pipeline.load_api`), so every action of every service
spec is served and a new action in the YAML needs no code change.  See
:mod:`generator.mock.server` for what one request goes through.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

from .faults import KINDS, parse_kinds
from .paging import DEFAULT_PAGE_ITEMS, DEFAULT_PAGE_SIZE
from .server import DEFAULT_ACCESS_KEY, DEFAULT_REGION, DEFAULT_SECRET_KEY, MockConfig, MockServer

__all__ = ["MockConfig", "MockServer", "add_parser"]


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "mock", help="serve the spec's actions as KSYUN would (for tests)",
        description="Serve every action of the spec on a real socket, with SigV4 checks,\n"
                    "parameter validation, responses made from the spec's examples and optional\n"
                    "fault injection.  Prints 'listening on http://HOST:PORT' when ready;\n"
                    "stops on Ctrl-C or SIGTERM.",
        epilog="example:\n"
               "  ksyun-codegen mock --port 8080 --log\n"
               "  KSYUN_ENDPOINT=http://127.0.0.1:8080 python my_script.py   # in another shell\n"
               "  ksyun-codegen mock --fault-rate 0.2 --faults 503,429,slow --seed 7\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--spec", type=Path, default=Path("spec"),
                   help="spec folder or one service spec file (default: spec/)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=0, help="port to bind; 0 picks a free one (default)")
    p.add_argument("--access-key", default=os.environ.get("KSYUN_MOCK_ACCESS_KEY") or DEFAULT_ACCESS_KEY,
                   help="the access key requests must be signed with (default: KSYUN_MOCK_ACCESS_KEY, "
                        f"else {DEFAULT_ACCESS_KEY})")
    p.add_argument("--secret-key", default=os.environ.get("KSYUN_MOCK_SECRET_KEY") or DEFAULT_SECRET_KEY,
                   help="its secret key (default: KSYUN_MOCK_SECRET_KEY, which keeps it out of the "
                        "process list, else the mock's built-in test secret)")
    p.add_argument("--region", action="append", dest="regions", metavar="REGION",
                   help=f"a region the signature scope may name; repeat for more (default: {DEFAULT_REGION})")
    p.add_argument("--seed", type=int, default=0, help="seed for responses and faults (default: 0)")
    p.add_argument("--fault-rate", type=float, default=0.0,
                   help="probability (0..1) that a request gets a fault (default: 0)")
    p.add_argument("--faults", default=",".join(KINDS),
                   help=f"comma-separated fault kinds to draw from (default: {','.join(KINDS)})")
    p.add_argument("--max-faults", type=int, default=None,
                   help="stop injecting after this many faults (default: no limit)")
    p.add_argument("--page-items", type=int, default=DEFAULT_PAGE_ITEMS,
                   help="items in each paged action's list, served page by page; 0: as many as other "
                        f"lists (default: {DEFAULT_PAGE_ITEMS}, three pages of the default {DEFAULT_PAGE_SIZE})")
    p.add_argument("--slow-seconds", type=float, default=2.0,
                   help="delay of the 'slow' fault, at most 60 (default: 2.0)")
    p.add_argument("--retry-after", type=int, default=None,
                   help="seconds to send in Retry-After with the '429' fault (default: none)")
    p.add_argument("--log", action="store_true",
                   help="print one line per request: method, action, status, error code, latency")
    p.set_defaults(func=run)


def _config(args: argparse.Namespace) -> MockConfig | str:
    try:
        kinds = parse_kinds(args.faults)
    except ValueError as exc:
        return str(exc)
    if not 0.0 <= args.fault_rate <= 1.0:
        return f"--fault-rate must be between 0 and 1, got {args.fault_rate}"
    if args.fault_rate > 0 and not kinds:
        return "--fault-rate needs at least one kind in --faults"
    if not 0.0 <= args.slow_seconds <= 60.0:
        return f"--slow-seconds must be between 0 and 60, got {args.slow_seconds}"
    if not 0 <= args.port <= 65535:
        return f"--port must be between 0 and 65535, got {args.port}"
    if args.retry_after is not None and args.retry_after < 0:
        return f"--retry-after must not be negative, got {args.retry_after}"
    if args.max_faults is not None and args.max_faults < 0:
        return "--max-faults must not be negative"
    if not 0 <= args.page_items <= 100_000:
        return f"--page-items must be between 0 and 100000, got {args.page_items}"
    if bool(args.access_key) != bool(args.secret_key):
        return "pass both --access-key and --secret-key"
    return MockConfig(
        host=args.host, port=args.port, credentials={args.access_key: args.secret_key},
        regions=tuple(args.regions or (DEFAULT_REGION,)), seed=args.seed,
        fault_rate=args.fault_rate, faults=kinds, fault_limit=args.max_faults,
        slow_seconds=args.slow_seconds, retry_after=args.retry_after, page_items=args.page_items,
        log=sys.stdout if args.log else None,
    )


def run(args: argparse.Namespace) -> int:
    from ..pipeline import load_api

    config = _config(args)
    if isinstance(config, str):
        print(f"ksyun-codegen mock: {config}", file=sys.stderr)
        return 2
    api = load_api(args.spec)  # SpecError: reported by the CLI, one line per problem
    try:
        server = MockServer(api, config).start()
    except OSError as exc:
        print(f"ksyun-codegen mock: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}",
              file=sys.stderr)
        return 2
    done = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        done.set()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    actions = sum(len(s.operations) for s in api.services)
    print(f"listening on {server.url}", flush=True)
    print(f"serving {actions} action(s) of {len(api.services)} service version(s); "
          f"regions {', '.join(config.regions)}; fault rate {config.fault_rate:g}", flush=True)
    try:
        while not done.wait(0.5):
            pass
    finally:
        server.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print("stopped", flush=True)
    return 0
