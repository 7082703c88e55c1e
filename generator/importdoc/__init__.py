"""``ksyun-codegen import-doc``: merge one KSYUN doc page into a service spec.

The page (generator.pages) says the action's parameters, a *flat* response
table and its errors.  The import runs in stages, one module each, like the
generator's own pipeline:

| stage | module | what it does |
| --- | --- | --- |
| page | ``generator.pages`` | the page's tables as rows, each with its line |
| plan | ``plan.py`` (+ ``hints.py``) | rows → parameters, objects (unnamed), errors |
| names | ``names.py`` | the spec's existing objects; every object's final name |
| merge | ``merge.py`` | the named plan merged into the spec's round-trip data |
| write | ``yamlio.py`` | ruamel YAML in and out, one dialect with the loader |

This module is the command that runs them.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..load import VERSION_RE, display_path, parse_yaml, read_text
from ..pages import Page, parse_page
from ..problems import Problem, SpecError
from ..write import write_text_atomic
from .hints import Hints, hints_path, load_hints
from .merge import Prepared, apply, merge_page, new_spec, prepare
from .names import PATH_PREFIX
from .regions import excerpt, layout, read, splice
from .yamlio import dump, load_spec_text, yaml_rt

__all__ = ["Hints", "add_parser", "import_page", "run"]

def spec_file_for(spec: Path, service: str, version: str) -> Path:
    if spec.suffix in (".yaml", ".yml"):
        return spec
    return spec / service / f"{version}.yaml"


# What every KSYUN service spec refers to (a copy of spec/common.yaml; a test keeps them
# equal): written into a spec folder that has none when the first service is imported.
COMMON_YAML = Path(__file__).with_name("common.yaml")


def common_file(target: Path) -> Path:
    """The shared common.yaml a service spec at *target* (<spec>/<service>/<version>.yaml) refers to."""
    return target.parent.parent / "common.yaml"


def import_page(page_path: Path, service: str, version: str, spec: Path,
                hints_file: Path | None = None) -> tuple[str, str, list[str], list[str], Path]:
    """(old text, new text, guesses, notes, spec file); SpecError on bad input."""
    display = page_path.as_posix()  # as given on the command line
    page = parse_page(read_text(page_path, display), display)
    target = spec_file_for(spec, service, version)
    spec_display = display_path(target)
    hints = load_hints(hints_file or hints_path(target))
    if target.is_file():
        old = read_text(target, spec_display)
        try:
            view, root = read(old)  # fast, read-only: to plan and name
        except yaml.YAMLError:
            view, root = parse_yaml(old, target, spec_display).data, None  # (says where)
        if not isinstance(view, dict) or not all(isinstance(k, str) for k in view):
            parse_yaml(old, target, spec_display)  # a key YAML reads as another type: FILE:LINE
            raise SpecError([Problem(spec_display, 1, "", "expected an OpenAPI document (a mapping)")])
        prep = prepare(view, page, hints, version)
        edited = _edit_regions(old, root, view, prep, page, hints, spec_display)
        if edited is not None:
            new, notes = edited
        else:
            data = load_spec_text(old, spec_display)
            notes = apply(data, prep, page, hints, spec_display)
            new = dump(data)
        return old, new, prep.plan.guesses, [*page.notes, *notes], target
    else:
        common = common_file(target)
        if common.exists() and not common.is_file():
            raise SpecError([Problem(display_path(common), None, "",
                                     "not a file: a new service spec refers to the common.yaml "
                                     "of its spec folder")])
        old = ""
        data = new_spec(service, version, hints)
    guesses, notes = merge_page(data, page, hints, version, spec_display)
    return old, dump(data), guesses, [*page.notes, *notes], target


def _edit_regions(old: str, root: Any, view: dict[str, Any], prep: Prepared, page: Page,
                  hints: Hints, spec_display: str) -> tuple[str, list[str]] | None:
    """The merged text made by editing only the regions the page touches
    (generator.importdoc.regions); None when the layout does not allow it."""
    lay = layout(old, root) if root is not None else None
    if lay is None:
        return None
    key = PATH_PREFIX + page.action
    written = sorted(prep.written_shapes() & set(lay.schemas), key=lambda n: lay.schemas[n][0])
    version = (view.get("info") or {}).get("version", "")
    data = yaml_rt().load(excerpt(lay, version, key if key in lay.paths else None, written))
    data["paths"].fa.set_block_style()
    data["components"]["schemas"].fa.set_block_style()
    notes = apply(data, prep, page, hints, spec_display)
    new = splice(lay, dump(data))
    return None if new is None else (new, notes)


PAGE_SUFFIXES = (".txt", ".md", ".html", ".htm")
MAX_PAGES = 10_000  # pages in one run


def page_files(paths: list[Path]) -> list[Path]:
    """The pages named: files as given, a folder's pages (``.txt``, ``.md``,
    ``.html``, ``.htm``, sorted by name, not its subfolders', not a ``README.md``)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir()
                              if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES
                              and p.name.lower() != "readme.md"))
        else:
            out.append(path)
    return out[:MAX_PAGES]


def run(args: argparse.Namespace) -> int:
    if not re.fullmatch(r"[a-z][a-z0-9]*", args.service):
        print(f"ksyun-codegen import-doc: --service must be a lower-case service name such as "
              f"kec, got {args.service!r}", file=sys.stderr)
        return 2
    if not VERSION_RE.fullmatch(args.api_version):
        print(f"ksyun-codegen import-doc: --api-version must be the service's API version "
              f"YYYY-MM-DD (or V1, V2...), got {args.api_version!r}", file=sys.stderr)
        return 2
    pages = page_files(args.pages)
    if not pages:
        shown = ", ".join(p.as_posix() for p in args.pages)
        print(f"ksyun-codegen import-doc: {shown}: no page in it (pages are named *.txt, *.md, "
              "*.html or *.htm)", file=sys.stderr)
        return 2
    if len(pages) == 1 and not any(p.is_dir() for p in args.pages):
        return _import_one(args, pages[0]).code
    imported: list[Path] = []
    unchanged: list[Path] = []
    refused: list[tuple[Path, str]] = []
    guessed = 0
    for page in pages:
        try:
            done = _import_one(args, page, quiet=True)
        except SpecError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            refused.append((page, exc.problems[0].message))
            continue
        guessed += done.guesses
        (unchanged if done.unchanged else imported).append(page)
    print(f"import-doc: {len(pages)} page(s): {len(imported)} imported, {len(unchanged)} unchanged, "
          f"{len(refused)} refused; {guessed} guess(es) to review"
          + (" (dry run: nothing written)" if args.dry_run else ""))
    for page, reason in refused:
        print(f"  refused {page.as_posix()}: {reason}")
    return 2 if refused else 0


@dataclass
class Imported:
    code: int
    guesses: int
    unchanged: bool


def _import_one(args: argparse.Namespace, page: Path, quiet: bool = False) -> Imported:
    old, new, guesses, notes, target = import_page(
        page, args.service, args.api_version, args.spec, args.hints)
    done = Imported(0, len(guesses), new == old)
    for line in [*guesses, *notes]:
        print(line, file=sys.stderr)
    label = display_path(target)
    if args.dry_run:
        if not old and not common_file(target).exists():
            print(f"{display_path(common_file(target))}: would be created (KSYUN's shared "
                  "definitions)", file=sys.stderr)
        if new == old:
            print(f"{label}: unchanged (dry run)", file=sys.stderr)
            return done
        sys.stdout.writelines(difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True),
            fromfile=f"a/{label}" if old else "/dev/null", tofile=f"b/{label}"))
        return done
    if new == old:
        print(f"{label}: unchanged" + (f" by {page.name}" if quiet else ""))
        return done
    common = common_file(target)
    if not old and not common.exists():
        write_text_atomic(common, COMMON_YAML.read_text(encoding="utf-8"))
        print(f"{display_path(common)}: created (KSYUN's shared definitions, which every service "
              "spec refers to)")
    write_text_atomic(target, new)
    changed = sum(1 for d in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="")
                  if d[:1] in "+-" and not d.startswith(("+++", "---")))
    print(f"{label}: imported {page.name} ({changed} line(s) changed)")
    return done


_EPILOG = """\
Pages are text as copied from KSYUN's site (pipe tables, one cell per line,
tab-separated), the docs target's Markdown pages, or saved HTML pages.

examples:
  ksyun-codegen import-doc DescribeImages.txt --service kec --api-version 2016-03-04
  ksyun-codegen import-doc pages/ --service quota --api-version 2021-05-19
  ksyun-codegen import-doc a.txt b.html --service kec --api-version 2016-03-04 --dry-run
"""


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "import-doc", help="merge KSYUN doc pages (one action each) into the spec",
        description="Merge KSYUN API doc pages into the service's spec file\n"
                    "(<spec>/<service>/<api-version>.yaml): each page's request, response and\n"
                    "error tables become the action's parameters, schemas and errors. Several\n"
                    "pages or a folder are imported in turn, each written on its own, with one\n"
                    "summary at the end.",
        epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("pages", type=Path, nargs="+", metavar="PAGE",
                   help="a doc page (.txt, .md, .html) or a folder of them")
    p.add_argument("--service", required=True, help="service name, e.g. kec")
    p.add_argument("--api-version", "--version", dest="api_version", required=True,
                   metavar="VERSION",
                   help="the service's API version, e.g. 2016-03-04 or V1 (not this tool's version)")
    p.add_argument("--spec", type=Path, default=Path("spec"),
                   help="spec folder or the service spec file (default: spec/)")
    p.add_argument("--hints", type=Path, default=None,
                   help="hints file (default: <service folder>/hints/<version>.yaml)")
    p.add_argument("--dry-run", action="store_true", help="print the diff; write nothing")
    p.set_defaults(func=run, writes=True)
