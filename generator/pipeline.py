"""The stages glued together: spec folder in, files (in memory) out."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from .build import NESTING, build
from .ir import Api
from .load import Workspace, service_files
from .problems import Problem, SpecError
from .targets import get_target
from .validate import combine, openapi_problems, without_knock_ons


def load_api(spec: Path, loaded: list[Path] | None = None) -> Api:
    """Load, validate and build the IR of every service under *spec*;
    every document read is appended to *loaded*."""
    ws = Workspace(spec)
    try:
        return _load_api(ws, spec)
    finally:
        if loaded is not None:
            loaded.extend(ws.docs)


def _load_api(ws: Workspace, spec: Path) -> Api:
    problems: list[Problem] = []
    docs = []
    for path in service_files(spec):
        try:
            doc = ws.doc(path)
        except SpecError as exc:
            problems.extend(exc.problems)
            continue
        docs.append(doc)
    # Our own checks often say the same as the validator more precisely; and
    # shapes nested past our limit would exhaust the validator's recursion,
    # so such a document is not handed to it.  Where both find one problem, it
    # is reported once.
    api: Api | None = None
    built: list[Problem] = []
    try:
        api = build(ws, docs)
    except SpecError as exc:
        built = list(exc.problems)
    too_deep = {p.file for p in built if p.message.startswith(NESTING)}
    checked: list[Problem] = []
    for doc in docs:
        if doc.display not in too_deep:
            checked.extend(openapi_problems(doc))
    versions: tuple[tuple[str, str], ...] = ()
    if not problems:
        versions = sdk_versions(ws, spec, problems)
    problems = without_knock_ons(combine(problems + checked, built))
    if problems or api is None:
        raise SpecError(problems)
    return replace(api, sdk_versions=versions) if versions else api


SDK_VERSIONS = "x-ksyun-sdk-versions"
_SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")


def sdk_versions(ws: Workspace, spec: Path, problems: list[Problem]) -> tuple[tuple[str, str], ...]:
    """The SDK package versions in ``common.yaml``'s ``info`` (the spec folder's,
    or the one beside a service file's folder); none when it has none."""
    root = spec if spec.is_dir() else spec.parent.parent
    path = root / "common.yaml"
    if not path.is_file():
        return ()
    try:
        doc = ws.doc(path)
    except SpecError as exc:
        problems.extend(exc.problems)
        return ()
    info = doc.data.get("info") if isinstance(doc.data, dict) else None
    raw = info.get(SDK_VERSIONS) if isinstance(info, dict) else None
    if raw is None:
        return ()
    pointer = f"/info/{SDK_VERSIONS}"
    if not isinstance(raw, dict):
        problems.append(doc.problem(pointer, f"{SDK_VERSIONS} must be a mapping of SDK to version"))
        return ()
    out = []
    for sdk, version in sorted(raw.items()):
        if sdk not in ("python", "typescript", "go"):
            problems.append(doc.problem(f"{pointer}/{sdk}", f"{SDK_VERSIONS}: unknown SDK {sdk!r} "
                                        "(expected python, typescript, go)"))
        elif not isinstance(version, str) or not _SEMVER.fullmatch(version):
            problems.append(doc.problem(f"{pointer}/{sdk}", f"{SDK_VERSIONS}: {sdk}: {version!r} is not "
                                        "a version MAJOR.MINOR.PATCH (quote it)"))
        else:
            out.append((sdk, version))
    return tuple(out)


def target_problems(api: Api, targets: list[str]) -> list[Problem]:
    """What each of *targets* cannot map (two names that become one), the
    checks `generate`, `check` and `validate` all run.  One pair of names
    that clashes in several languages is one problem, on one line."""
    merged: dict[tuple[str, int | None, str, str], list[str]] = {}
    out: list[Problem] = []
    for name in targets:
        for p in get_target(name).check(api):
            m = _CLASH.fullmatch(p.message)
            if m is None:
                out.append(p)
                continue
            key = (p.file, p.line, p.pointer, m["what"])
            if key not in merged:
                merged[key] = []
            merged[key].append(m["name"])
    for (file, line, pointer, what), names in merged.items():
        also = f" (they also become the {' and the '.join(names[1:])})" if names[1:] else ""
        out.append(Problem(file, line, pointer, f"{what} both become the {names[0]}; "
                           f"pin one with x-ksyun-name{also}"))
    return sorted(set(out))


_CLASH = re.compile(r"(?P<what>.*) both become the (?P<name>\w+ name '.*'); pin one with x-ksyun-name")


def render(api: Api, target: str = "python") -> dict[str, str]:
    """Every file of *target* for *api*: relative path → text (formatted)."""
    return get_target(target).render(api)


def generate_files(spec: Path, target: str = "python") -> dict[str, str]:
    return render(load_api(spec), target)
