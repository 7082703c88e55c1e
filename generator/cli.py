"""``ksyun-codegen``: generate, check and validate from the spec folder."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .problems import GeneratorBug, SpecError

DEFAULT_SPEC = Path("spec")
DEFAULT_OUT = Path("generated")
# Modules that add sub-commands: each has add_parser(subparsers) that sets `func`.
PLUGINS: list[str] = ["mock", "importdoc", "exportdoc"]


CORE = ("generate", "check", "validate")


def _parser(plugins: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ksyun-codegen",
        description="Generate KSYUN SDKs from OpenAPI 3.1 specs.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def spec_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("--spec", type=Path, default=DEFAULT_SPEC,
                       help="spec folder or one service spec file (default: spec/)")

    def target_arg(p: argparse.ArgumentParser) -> None:
        from .targets import TARGETS

        p.add_argument("--target", default=None, choices=sorted(TARGETS),
                       help="language target (default: every target, in sorted order)")

    gen = sub.add_parser("generate", help="regenerate the SDK from the spec")
    spec_arg(gen)
    gen.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: generated/)")
    target_arg(gen)

    check = sub.add_parser("check", help="exit 1 with a diff when the output is not current")
    spec_arg(check)
    check.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: generated/)")
    target_arg(check)

    val = sub.add_parser("validate", help="check the spec only")
    spec_arg(val)
    target_arg(val)

    import importlib

    for module in PLUGINS if plugins else ():
        importlib.import_module(f"generator.{module}").add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    command = next((w for w in words if not w.startswith("-")), None)
    # A core command needs no plugin: importing them (a server, a YAML editor)
    # would cost more than a no-op generate itself.
    args = _parser(plugins=command not in CORE).parse_args(argv)
    try:
        return int(args.func(args)) if hasattr(args, "func") else _run(args)
    except SpecError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        noun = "problem" if len(exc.problems) == 1 else "problems"
        print(f"ksyun-codegen: {len(exc.problems)} {noun}; nothing was written", file=sys.stderr)
        return 2
    except GeneratorBug as exc:
        print(f"ksyun-codegen: internal error: {exc}", file=sys.stderr)
        print("ksyun-codegen: this is a bug in ksyun-codegen, not in your spec; please report it "
              "with the spec that caused it. Nothing was written.", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        return 130


def _run(args: argparse.Namespace) -> int:
    from . import state
    from .targets import TARGETS

    names = [args.target] if args.target else sorted(TARGETS)
    if args.command == "generate" and all(state.is_current(args.spec, args.out, name) for name in names):
        # decided before any stage (or the imports of one) runs
        for name in names:
            print(f"{(args.out / name).as_posix()} is up to date (spec, generator and output unchanged)")
        return 0
    from .pipeline import load_api
    from .targets import get_target
    from .write import diff_trees, read_tree, write_tree

    if args.command == "validate":
        api = load_api(args.spec)
        problems = [p for name in names for p in get_target(name).check(api)]  # names a target cannot map
        if problems:
            raise SpecError(problems)
        ops = sum(len(s.operations) for s in api.services)
        print(f"ok: {len(api.services)} service version(s), {ops} action(s)")
        return 0
    started = time.perf_counter()
    for name in names:
        blocker = _not_a_folder(args.out / name)
        if blocker is not None:
            print(f"ksyun-codegen: --out: {blocker.as_posix()} is not a folder", file=sys.stderr)
            return 2
    before = state.inputs(args.spec) if args.command == "generate" else {}
    loaded: list[Path] = []
    # Every target is rendered before anything is written: a failure writes nothing.
    try:
        api = load_api(args.spec, loaded)
        trees = {name: get_target(name).render(api) for name in names}
    except ValueError as exc:
        print(f"ksyun-codegen: {exc}", file=sys.stderr)
        return 2
    if args.command == "check":
        status = 0
        for name, files in trees.items():
            dest = args.out / name
            current = read_tree(dest)
            if current == files:
                print(f"ok: {dest.as_posix()} is current ({len(files)} files)")
                continue
            sys.stdout.write(diff_trees(files, current, dest.as_posix()))
            print(f"ksyun-codegen: {dest.as_posix()} differs from a fresh generation; "
                  "run `ksyun-codegen generate`", file=sys.stderr)
            status = 1
        return status
    for name, files in trees.items():
        dest = args.out / name
        try:
            state.forget(args.out, name)
            write_tree(dest, files)
        except OSError as exc:
            print(f"ksyun-codegen: cannot write {dest.as_posix()}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        try:
            state.record(args.spec, args.out, name, before, loaded, files)
        except OSError:
            pass  # the state only saves time: the next run is a full one
        elapsed = time.perf_counter() - started
        print(f"wrote {len(files)} files to {dest.as_posix()} in {elapsed:.1f}s")
    return 0


def _not_a_folder(dest: Path) -> Path | None:
    """The first existing path of *dest* and its parents when it is not a folder."""
    for path in (dest, *dest.parents):
        if path.exists():
            return None if path.is_dir() else path
    return None


if __name__ == "__main__":
    sys.exit(main())
