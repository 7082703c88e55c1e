"""``ksyun-codegen``: generate, check and validate from the spec folder."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

from .problems import GeneratorBug, ManifestError, SpecError

DEFAULT_SPEC = Path("spec")
DEFAULT_OUT = Path("generated")
# Modules that add sub-commands: each has add_parser(subparsers) that sets `func`.
PLUGINS: list[str] = ["mock", "importdoc", "exportdoc", "diff.command", "scaffold"]


CORE = ("generate", "check", "validate")


def _parser(plugins: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ksyun-codegen",
        description="Generate KSYUN SDKs from OpenAPI 3.1 specs.",
    )
    parser.add_argument("--version", action="version", version=f"ksyun-codegen {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)

    def spec_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("--spec", type=Path, default=DEFAULT_SPEC,
                       help="spec folder or one service spec file (default: spec/)")

    def target_arg(p: argparse.ArgumentParser) -> None:
        from .targets import TARGETS

        p.add_argument("--target", default=None, choices=sorted(TARGETS),
                       help="language target (default: every target, in sorted order)")

    def command(name: str, help: str, description: str, example: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, description=description,
                              epilog="example:\n" + example,
                              formatter_class=argparse.RawDescriptionHelpFormatter)

    gen = command(
        "generate", "regenerate the SDK from the spec",
        "Validate the spec, render every target (python, typescript, docs) and write\n"
        "only the files whose bytes change under --out; a spec with problems writes\n"
        "nothing and exits 2, one FILE:LINE: line per problem.",
        "  ksyun-codegen generate\n"
        "  ksyun-codegen generate --spec spec/kec/2016-03-04.yaml --target python -v\n")
    gen.set_defaults(writes=True)
    spec_arg(gen)
    gen.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: generated/)")
    target_arg(gen)
    gen.add_argument("--verbose", "-v", action="store_true", help="list every file added, changed or removed")
    gen.add_argument("--quiet", "-q", action="store_true", help="no progress line and no summary")

    check = command(
        "check", "exit 1 with a diff when the output is not current",
        "Render the SDK in memory and compare it with --out: exit 0 when every file\n"
        "is current, 1 with a unified diff when not (for CI), 2 when the spec has\n"
        "problems.  Writes nothing.",
        "  ksyun-codegen check\n"
        "  ksyun-codegen check --target typescript --out generated/\n")
    spec_arg(check)
    check.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: generated/)")
    target_arg(check)
    check.add_argument("--breaking-against", metavar="GITREF", default=None,
                       help="also exit 1 listing every breaking change since GITREF that the spec "
                            "does not acknowledge (deprecation first, or x-ksyun-breaking-changes)")

    val = command(
        "validate", "check the spec only",
        "Check the spec as generate does (OpenAPI 3.1, the x-ksyun-* extensions,\n"
        "examples against their schemas, KSYUN's conventions and every target's\n"
        "names) without rendering: one FILE:LINE: line per problem, exit 2; else\n"
        "'ok: N service version(s), M action(s)'.",
        "  ksyun-codegen validate\n"
        "  ksyun-codegen validate --spec spec/vpc/2016-03-04.yaml --target typescript\n")
    spec_arg(val)
    target_arg(val)

    import importlib

    for module in PLUGINS if plugins else ():
        importlib.import_module(f"generator.{module}").add_parser(sub)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ksyun-codegen")
    except PackageNotFoundError:  # run from a source tree that is not installed
        return "(not installed)"


def _missing_spec(spec: Path | None) -> str | None:
    """``nosuch: no such folder`` when --spec names nothing (said once, plainly)."""
    if spec is None or spec.exists():
        return None
    shown = spec.as_posix().rstrip("/") or spec.as_posix()
    kind = "file" if spec.suffix in (".yaml", ".yml") else "folder"
    return f"{shown}: no such {kind}"


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    command = next((w for w in words if not w.startswith("-")), None)
    # A core command needs no plugin: importing them (a server, a YAML editor)
    # would cost more than a no-op generate itself.
    args = _parser(plugins=command not in CORE).parse_args(argv)
    missing = _missing_spec(getattr(args, "spec", None)) if args.command != "import-doc" else None
    if missing is not None:  # (import-doc creates a new service's spec)
        print(missing, file=sys.stderr)
        return 2
    try:
        return int(args.func(args)) if hasattr(args, "func") else _run(args)
    except SpecError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        noun = "problem" if len(exc.problems) == 1 else "problems"
        # only where something could have been written does it matter that nothing was
        writes = getattr(args, "writes", False) and not getattr(args, "dry_run", False)
        tail = "; nothing was written" if writes else ""
        print(f"ksyun-codegen: {len(exc.problems)} {noun}{tail}", file=sys.stderr)
        return 2
    except ManifestError as exc:
        print(f"ksyun-codegen: {exc}", file=sys.stderr)
        return 2
    except GeneratorBug as exc:
        print(f"ksyun-codegen: internal error: {exc}", file=sys.stderr)
        print("ksyun-codegen: this is a bug in ksyun-codegen, not in your spec; please report it "
              "with the spec that caused it. Nothing was written.", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # anything else is our bug: one line, not a traceback
        if os.environ.get("KSYUN_CODEGEN_DEBUG"):
            raise
        print(f"ksyun-codegen: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("ksyun-codegen: this is a bug in ksyun-codegen; please report it with the input "
              "that caused it (KSYUN_CODEGEN_DEBUG=1 shows the traceback).", file=sys.stderr)
        return 3


def _run(args: argparse.Namespace) -> int:
    from . import state
    from .targets import TARGETS, get_target

    names = [args.target] if args.target else sorted(TARGETS)
    if args.command == "generate" and all(state.is_current(args.spec, args.out, name,
                                                           get_target(name).toolchain_versions()) for name in names):
        # decided before any stage (or the imports of one) runs
        for name in names if not args.quiet else ():
            n = state.written(args.out, name)
            print(f"{(args.out / name).as_posix()}: 0 added, 0 changed, 0 removed, {n} unchanged "
                  "(is up to date: spec, generator and output unchanged)")
        return 0
    from .pipeline import clean_services, load_api, render_tree, target_problems
    from .write import (
        MANIFEST,
        Tree,
        diff_trees,
        output_folder,
        output_lock,
        plan,
        read_manifest,
        read_tree,
        write_tree,
    )

    if args.command == "validate":
        api = load_api(args.spec)
        problems = target_problems(api, names)  # names a target cannot map: as generate says them
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
    from . import progress

    progress.enabled = args.command == "generate" and not args.quiet
    before = state.inputs(args.spec) if args.command == "generate" else {}
    loaded: list[Path] = []
    # Every target is rendered before anything is written: a failure writes nothing.
    try:
        built_from: dict[tuple[str, str], str] = {}
        api = load_api(args.spec, loaded, built_from)
        # (check compares with the output: it never takes files from it, nor trusts its state)
        codes = {name: state.toolchain(get_target(name).toolchain_versions()) for name in names}
        lasts = {name: state.previous(args.out, name, get_target(name).toolchain_versions())
                 if args.command == "generate" else None for name in names}
        clean = {name: clean_services(name, api, lasts[name], codes[name], built_from) for name in names}
        problems = target_problems(api, names, clean)  # every target's, before any renders (as validate)
        if problems:
            raise SpecError(problems)
        trees: dict[str, Tree] = {}
        indexes: dict[str, dict[str, Any]] = {}
        reads: dict[str, dict[str, Any]] = {name: {} for name in names}  # files read back, unchanged
        for name in names:
            trees[name], indexes[name] = render_tree(name, api, args.out / name, lasts[name], codes[name],
                                                     built_from, reads[name])
    except ValueError as exc:
        print(f"ksyun-codegen: {exc}", file=sys.stderr)
        return 2
    owned: dict[str, Any] = {}
    if args.spec.is_file():
        # One service file: only its service's files and the verbatim runtime.
        for name in names:
            owned[name] = get_target(name).owned_by(api)
            trees[name] = {rel: text for rel, text in trees[name].items() if owned[name](rel)}
    if args.command == "check":
        status = 0
        if args.breaking_against is not None:
            from .diff.command import gate

            status = gate(args.breaking_against, args.spec)
            if status == 2:
                return 2
        for name, files in trees.items():
            dest = args.out / name
            expected = {rel: text for rel, text in files.items() if isinstance(text, str)}
            if len(expected) != len(files):  # (check takes nothing from the output)
                raise AssertionError("check was given a kept file")
            listed = read_manifest(dest)
            mine = owned.get(name)
            if listed or mine is not None:
                current = read_tree(dest, {rel for rel in listed if mine is None or mine(rel)}
                                    | set(files))
                if mine is None:
                    _report, manifest = plan(dest, files)
                    expected[MANIFEST] = "".join(f"{rel}\n" for rel in sorted(manifest))
                    current[MANIFEST] = "".join(f"{rel}\n" for rel in sorted(listed))
            else:
                current = read_tree(dest)
            if current == expected:
                print(f"ok: {dest.as_posix()} is current ({len(files)} files)")
                continue
            sys.stdout.write(diff_trees(expected, current, dest.as_posix()))
            print(f"ksyun-codegen: {dest.as_posix()} differs from a fresh generation; "
                  "run `ksyun-codegen generate`", file=sys.stderr)
            status = 1
        return status
    for name, files in trees.items():
        dest = args.out / name
        # one run at a time from forgetting the state to recording it (the lock nests)
        try:
            folder = output_folder(dest)  # (the lock write_tree takes, held once, nested)
            folder.parent.mkdir(parents=True, exist_ok=True)
            with output_lock(folder):
                try:
                    state.forget(args.out, name)
                    report = write_tree(dest, files, owned.get(name), reads[name])
                except OSError as exc:
                    print(f"ksyun-codegen: cannot write {dest.as_posix()}: {exc.strerror or exc}",
                          file=sys.stderr)
                    return 2
                try:
                    state.record(args.spec, args.out, name, before, loaded, files,
                                 get_target(name).toolchain_versions(), indexes.get(name),
                                 report.signatures)
                except OSError:
                    pass  # the state only saves time: the next run is a full one
        except OSError as exc:
            print(f"ksyun-codegen: cannot write {dest.as_posix()}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        elapsed = time.perf_counter() - started
        if not args.quiet:
            _summary(report, get_target(name), api, dest, elapsed, args.verbose)
    return 0


def _summary(report: Any, target: Any, api: Any, dest: Path, elapsed: float, verbose: bool) -> None:
    """One line per service version and one for the shared files; with
    *verbose*, every file that was added, changed or removed."""
    from .write import WriteReport

    groups = [(f"{s.name} {s.version}", target.service_folder(s)) for s in api.services]
    parts: dict[str, WriteReport] = {label: WriteReport() for label, _ in groups}
    parts["shared"] = WriteReport()
    for kind in ("added", "changed", "removed", "unchanged"):
        for rel in getattr(report, kind):
            label = next((lab for lab, folder in groups if rel.startswith(folder)), "shared")
            getattr(parts[label], kind).append(rel)
            if verbose and kind != "unchanged":
                print(f"  {kind:7} {rel}")
    for label, part in parts.items():
        if label != "shared" or any((part.added, part.changed, part.removed, part.unchanged)):
            print(f"{label}: {part.summary()}")
    print(f"{dest.as_posix()}: {report.summary()} ({elapsed:.1f} s)")


def _not_a_folder(dest: Path) -> Path | None:
    """The first existing path of *dest* and its parents when it is not a folder."""
    for path in (dest, *dest.parents):
        if path.exists():
            return None if path.is_dir() else path
    return None


if __name__ == "__main__":
    sys.exit(main())
