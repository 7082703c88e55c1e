"""The verbs: ``diff`` and ``release`` (sub-commands), and the gate behind
``check --breaking-against``."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .source import DiffError, Snapshot, load_ref, load_snapshot


def add_parser(sub: Any) -> None:
    def command(name: str, help: str, description: str, example: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = sub.add_parser(
            name, help=help, description=description, epilog="example:\n" + example,
            formatter_class=argparse.RawDescriptionHelpFormatter)
        return p

    d = command(
        "diff", "what changed between two specs, and whom it breaks",
        "List the actions, parameters, response fields, objects and error codes added,\n"
        "removed or changed between an old spec (--old DIR, or --base GITREF: the\n"
        "spec folder at that commit, read with git archive) and --spec, each with its\n"
        "JSON pointer and whether it breaks the wire and each SDK (python, typescript,\n"
        "go) or the docs.  Exit 0 (even with breaking changes; the gate is\n"
        "`check --breaking-against`), 2 when a spec or the ref is bad.",
        "  ksyun-codegen diff --base HEAD~3\n"
        "  ksyun-codegen diff --old /tmp/spec-1.2 --format json\n")
    old = d.add_mutually_exclusive_group(required=True)
    old.add_argument("--old", type=Path, help="the old spec folder (or service file)")
    old.add_argument("--base", metavar="GITREF", help="the old spec: --spec's path at this commit")
    d.add_argument("--spec", type=Path, default=Path("spec"), help="the new spec (default: spec/)")
    d.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    d.add_argument("--breaking-only", action="store_true", help="list only changes that break someone")
    d.set_defaults(func=run_diff)

    r = command(
        "release", "next SDK versions, package metadata and changelogs",
        "Compare --spec with the last release (--base GITREF), bump each SDK's version\n"
        "by the classification (major: it breaks that language; minor: additions;\n"
        "patch: other changes), write the versions into common.yaml\n"
        "(info.x-ksyun-sdk-versions), prepend an entry to each SDK's CHANGELOG.md\n"
        "under --out, and regenerate the SDKs so their metadata carries it.",
        "  ksyun-codegen release --base v1.2.0 --dry-run\n"
        "  ksyun-codegen release --base HEAD~5 --date 2025-01-31\n")
    r.add_argument("--base", metavar="GITREF", help="the last release's commit")
    r.add_argument("--old", type=Path, help="the last release's spec folder (instead of --base)")
    r.add_argument("--spec", type=Path, default=Path("spec"))
    r.add_argument("--out", type=Path, default=Path("generated"))
    r.add_argument("--date", default=None, help="the entry's date (default: today, UTC)")
    r.add_argument("--dry-run", action="store_true", help="print the versions and entries; write nothing")
    r.add_argument("--no-generate", action="store_true", help="write the spec and changelogs only")
    r.set_defaults(func=run_release, writes=True)


def _old(args: argparse.Namespace) -> Snapshot:
    if args.old is not None:
        if not args.old.exists():
            raise DiffError(f"--old {args.old.as_posix()}: no such folder")
        return load_snapshot(args.old, args.old.as_posix())
    if args.base is None:
        raise DiffError("say what to compare with: --base GITREF or --old DIR")
    return load_ref(args.base, args.spec)


def _changes(args: argparse.Namespace) -> tuple[Snapshot, Snapshot, list[Any]]:
    from .compare import compare

    old = _old(args)
    new = load_snapshot(args.spec, args.spec.as_posix())
    return old, new, compare(old, new)


def run_diff(args: argparse.Namespace) -> int:
    from .render import FORMATS

    try:
        _, _, changes = _changes(args)
    except DiffError as exc:
        print(f"ksyun-codegen: {exc}", file=sys.stderr)
        return 2
    if args.breaking_only:
        changes = [c for c in changes if c.is_breaking]
    sys.stdout.write(FORMATS[args.format](changes))
    return 0


def gate(ref: str, spec: Path) -> int:
    """0 when every breaking change since *ref* is acknowledged, else 1 (listed)."""
    from .compare import compare
    from .gate import snippet, unacknowledged
    from .render import breaks_text

    try:
        old = load_ref(ref, spec)
        new = load_snapshot(spec, spec.as_posix())
    except DiffError as exc:
        print(f"ksyun-codegen: {exc}", file=sys.stderr)
        return 2
    changes = compare(old, new)
    missing, stale = unacknowledged(changes, new)
    for a in stale:
        print(f"note: x-ksyun-breaking-changes in {a.service} {a.version}: {a.change} at {a.location} "
              "matches no change since " + ref, file=sys.stderr)
    if not missing:
        n = sum(c.is_breaking for c in changes)
        print(f"ok: no unacknowledged breaking change against {ref} ({n} acknowledged)")
        return 0
    for c in missing:
        print(f"{c.service} {c.version}: {c.location}: {c.kind}: {c.detail} ({breaks_text(c)})")
    print(f"ksyun-codegen: {len(missing)} breaking change(s) against {ref} not acknowledged; deprecate "
          "before removing, or list each under x-ksyun-breaking-changes in its service's spec "
          "(spec/README.md), e.g.:", file=sys.stderr)
    sys.stderr.write(snippet(missing))
    return 1


def run_release(args: argparse.Namespace) -> int:
    from ..cli import main as cli_main
    from ..targets import TARGETS
    from .release import SDKS, changelog_entry, next_versions, prepend_changelog, write_spec_versions

    started = time.perf_counter()
    try:
        old, new, changes = _changes(args)
    except DiffError as exc:
        print(f"ksyun-codegen: {exc}", file=sys.stderr)
        return 2
    date = args.date or datetime.now(timezone.utc).date().isoformat()
    base = args.base or (args.old.as_posix() if args.old else "")
    plan = next_versions(old.api, changes)
    spec_root = args.spec if args.spec.is_dir() else args.spec.parent.parent
    for sdk in SDKS:
        was, nxt, kind = plan[sdk]
        print(f"{sdk}: {was} → {nxt} ({kind or 'no change'})")
    targets = [s for s in SDKS if s in TARGETS]
    entries = {s: changelog_entry(s, plan[s][1], date, base, changes) for s in targets}
    if args.dry_run:
        for s in targets:
            print(f"\n--- {(args.out / s / 'CHANGELOG.md').as_posix()} (prepended)\n{entries[s]}")
        return 0
    try:
        write_spec_versions(spec_root / "common.yaml", {s: plan[s][1] for s in SDKS})
    except (DiffError, OSError) as exc:
        print(f"ksyun-codegen: {exc}", file=sys.stderr)
        return 2
    for s in targets:
        if plan[s][2] is not None or not (args.out / s / "CHANGELOG.md").exists():
            prepend_changelog(args.out / s / "CHANGELOG.md", entries[s], plan[s][1])
        print(f"{(args.out / s / 'CHANGELOG.md').as_posix()}: {plan[s][1]}")
    if not args.no_generate:
        for s in targets:
            status = cli_main(["generate", "--spec", str(args.spec), "--out", str(args.out),
                               "--target", s, "--quiet"])
            if status:
                return status
    print(f"release: {len(changes)} change(s) since {base} ({time.perf_counter() - started:.1f} s)")
    return 0
