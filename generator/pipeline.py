"""The stages glued together: spec folder in, files (in memory) out."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from .build import NESTING, build
from .ir import Api, ErrorCode, Service
from .load import Workspace, service_files
from .problems import GeneratorBug, Problem, SpecError
from .targets import get_target
from .validate import combine, openapi_problems, without_knock_ons
from .write import Tree


def load_api(spec: Path, loaded: list[Path] | None = None,
             inputs: dict[tuple[str, str], str] | None = None) -> Api:
    """Load, validate and build the IR of every service under *spec*;
    every document read is appended to *loaded* (and every file a service
    kept from the last run reaches, though not read again); *inputs* gets
    each service version's :func:`generator.ircache.input_digest`."""
    ws = Workspace(spec)
    reached: list[Path] = []
    digests: dict[tuple[str, str], str] = {}
    try:
        try:
            api = _load_kept(ws, spec, reached, digests)
        except SpecError:
            api = None
        if api is None:
            digests.clear()
            api = _load_api(ws, spec)
        if inputs is not None:
            inputs.update(digests)
        return api
    finally:
        if loaded is not None:
            loaded.extend(ws.docs)
            loaded.extend(reached)


def _load_kept(ws: Workspace, spec: Path, reached: list[Path],
               digests: dict[tuple[str, str], str]) -> Api | None:
    """The IR as :func:`_load_api` builds it, with every service file that did not
    change since a run that had no problem taken from :mod:`generator.ircache`
    (neither loaded, validated nor built); the others are loaded, validated and
    built as usual.  None on any problem: the caller then runs the whole check,
    so problems are said exactly as without the cache."""
    from . import ircache
    from .build import build_service
    from .cache import cache_root
    from .state import _files, _sha, ir_code

    if cache_root() is None:
        return None
    code = ir_code()
    shown = ws.relname(ws.root / "x")  # how files below the root are named in the IR
    # Every file below the root hashed before any is parsed: an entry is stored only
    # when its files still hash the same once it is built (not edited meanwhile).
    shas: dict[str, str | None] = {
        p.relative_to(ws.root).as_posix(): _sha(p) for p in _files(ws.root)}

    def sha_of(rel: str) -> str | None:
        if rel not in shas:
            path = ws.root / rel
            shas[rel] = _sha(path) if path.resolve().is_relative_to(ws.root) else None
        return shas[rel]

    def unchanged(rel: str) -> bool:
        return sha_of(rel) is not None and _sha(ws.root / rel) == sha_of(rel)

    def rel_of(path: Path) -> str | None:
        try:
            return path.resolve().relative_to(ws.root).as_posix()
        except ValueError:
            return None

    per_file: list[tuple[Service, tuple[ErrorCode, ...]]] = []
    problems: list[Problem] = []
    built: list[tuple[Path, str, Service, tuple[ErrorCode, ...]]] = []
    for path in service_files(spec):
        rel = rel_of(path)
        hit = ircache.lookup(code, shown, rel, sha_of(rel), sha_of) if rel is not None else None
        if hit is not None:
            per_file.append((hit[0], hit[1]))
            reached.extend(ws.root / dep for dep in hit[2])
            digests[(hit[0].name, hit[0].version)] = hit[3]
            continue
        if rel is not None:
            sha_of(rel)  # (hashed before it is read)
        doc = ws.doc(path)
        service, common = build_service(ws, doc, problems)
        if problems or service is None:
            return None
        if openapi_problems(doc):
            return None
        per_file.append((service, common))
        if rel is not None:
            built.append((path, rel, service, common))
    versions = sdk_versions(ws, spec, problems)
    if problems:
        return None
    services: dict[tuple[str, str], Service] = {}
    common_errors: dict[str, ErrorCode] = {}
    for service, common in per_file:
        key = (service.name, service.version)
        if key in services:
            return None  # (said by the whole check, with its lines)
        services[key] = service
        for err in common:
            known = common_errors.get(err.code)
            if known is not None and known != err:
                return None
            common_errors.setdefault(err.code, err)
    for path, rel, service, common in built:
        deps = {rel_of(p): p for p in ircache.referenced(ws.docs, path)}
        if None not in deps and all(unchanged(str(r)) for r in (rel, *deps)):
            kept = ircache.store(code, shown, rel, sha_of(rel), service, common,
                                 {str(r): sha_of(str(r)) for r in deps})
            if kept is not None:
                digests[(service.name, service.version)] = kept
    api = Api(services=tuple(services[k] for k in sorted(services)),
              common_errors=tuple(common_errors[c] for c in sorted(common_errors)))
    return replace(api, sdk_versions=versions) if versions else api


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


def target_problems(api: Api, targets: list[str],
                    clean: dict[str, set[tuple[str, str]]] | None = None) -> list[Problem]:
    """What each of *targets* cannot map (two names that become one), the
    checks `generate`, `check` and `validate` all run.  One pair of names
    that clashes in several languages is one problem, on one line.  A
    service_local target checks each service alone, so the service versions
    *clean* names for it (built from the same inputs as in a run that wrote
    them: :func:`clean_services`) are not checked again."""
    merged: dict[tuple[str, int | None, str, str], list[str]] = {}
    out: list[Problem] = []
    for name in targets:
        target = get_target(name)
        skip = (clean or {}).get(name) if target.service_local else None
        scope = replace(api, services=tuple(s for s in api.services if (s.name, s.version) not in skip)) \
            if skip else api
        for p in target.check(scope):
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


def service_key(code: str, target: str, built_from: str, facts: str) -> str:
    """What one service version's files of *target* depend on (a service_local
    target): the target's toolchain digest *code*, what the service was built
    from (its :func:`generator.ircache.input_digest`), the shared facts."""
    from .cache import digest

    return digest("service-files", code, target, built_from, facts)


def clean_services(name: str, api: Api, previous: dict[str, Any] | None, code: str,
                   inputs: dict[tuple[str, str], str]) -> set[tuple[str, str]]:
    """The service versions of *api* whose key for target *name* is the one the last
    run recorded (*previous*, its toolchain digest *code*): that run checked them."""
    before = (previous or {}).get("services")
    if not isinstance(before, dict) or not get_target(name).service_local:
        return set()
    from . import ircache

    facts = ircache.facts_digest(api)
    out = set()
    for s in api.services:
        entry = before.get(f"{s.name} {s.version}")
        built_from = inputs.get((s.name, s.version))
        if built_from is not None and isinstance(entry, dict) \
                and entry.get("key") == service_key(code, name, built_from, facts):
            out.add((s.name, s.version))
    return out


def render_tree(name: str, api: Api, dest: Path | None = None, previous: dict[str, Any] | None = None,
                code: str = "", inputs: dict[tuple[str, str], str] | None = None,
                read: dict[str, Any] | None = None) -> tuple[Tree, dict[str, dict[str, Any]]]:
    """Every file of target *name* for *api* (formatted), and, for a service_local
    target, an index of its service versions' files: ``"<name> <version>"`` →
    ``{"key": service_key, "files": [...]}`` (for the state).

    With the state of the last run in *dest* (*previous*, whose toolchain digest is
    *code*; *inputs*: :func:`load_api`'s), a service version whose key is the same and whose files in *dest* are
    still the bytes that run wrote is neither rendered nor formatted: a file whose
    signature is the one that run recorded is kept unread (:class:`generator.write.Kept`),
    another is read back and compared with its recorded hash (signatures go in
    *read*, for the writer).  The others, and the files every service shares, are rendered."""
    from . import ircache, state
    from .write import Kept, read_regular_signed

    target = get_target(name)
    if not target.service_local:
        return dict(target.render(api, checked=True)), {}
    facts = ircache.facts_digest(api)
    keys = {(s.name, s.version): service_key(code, name, (inputs or {})[(s.name, s.version)], facts)
            for s in api.services if (s.name, s.version) in (inputs or {})}
    kept: Tree = {}
    kept_services: set[tuple[str, str]] = set()
    before = (previous or {}).get("services")
    outputs = (previous or {}).get("outputs")
    recorded = state.signatures(dest.parent, name, previous) if dest is not None else {}
    folders: dict[str, str] = {}
    if dest is not None and isinstance(before, dict) and isinstance(outputs, dict):
        for s in api.services:
            entry = before.get(f"{s.name} {s.version}")
            key = keys.get((s.name, s.version))
            if key is None or not isinstance(entry, dict) or entry.get("key") != key:
                continue
            listed = entry.get("files")
            folder = tuple(target.service_paths(s))
            if not isinstance(listed, list) or not listed:
                continue
            texts: Tree = {}
            signed: dict[str, Any] = {}
            whole = True  # every listed file still holds the bytes the last run wrote
            for rel in listed:
                want = outputs.get(rel)
                if not isinstance(rel, str) or not rel.startswith(folder) or not isinstance(want, str):
                    whole = False
                    break
                sig = recorded.get(rel)
                if isinstance(sig, list) and len(sig) == 5:
                    now = _signature_of(dest, rel, folders)  # (no link below dest followed)
                    if now is not None and list(now) == sig:
                        texts[rel] = Kept(want)
                        signed[rel] = now
                        continue
                found = read_regular_signed(dest, rel)
                if found is None or not isinstance(want, str) or hashlib.sha256(found[0]).hexdigest() != want:
                    whole = False
                    break
                try:
                    texts[rel] = found[0].decode("utf-8")
                    signed[rel] = found[1]
                except UnicodeDecodeError:
                    whole = False
                    break
            if whole:
                kept.update(texts)
                if read is not None:
                    read.update(signed)
                kept_services.add((s.name, s.version))
    todo = {(s.name, s.version) for s in api.services} - kept_services
    files: Tree = dict(target.render(api, checked=True, only=todo) if kept_services
                       else target.render(api, checked=True))
    for rel in kept:
        if rel in files:
            raise GeneratorBug(f"{rel} is written both for its service and for every service")
    files.update(kept)
    if read is not None and dest is not None and recorded and isinstance(outputs, dict):
        # A rendered file with the very bytes the last run wrote, still holding them
        # (its signature is the recorded one): the writer need not read it to know.
        for rel, text in files.items():
            sig, want = recorded.get(rel), outputs.get(rel)
            if rel in read or not isinstance(text, str) or not isinstance(sig, list) or want is None:
                continue
            now = _signature_of(dest, rel, folders)
            if now is not None and list(now) == sig and hashlib.sha256(text.encode("utf-8")).hexdigest() == want:
                read[rel] = now
    index: dict[str, dict[str, Any]] = {}
    for s in api.services:
        if (s.name, s.version) in keys:
            folder = tuple(target.service_paths(s))
            index[f"{s.name} {s.version}"] = {
                "key": keys[(s.name, s.version)], "files": sorted(rel for rel in files if rel.startswith(folder))}
    return files, index


def _signature_of(root: Path, rel: str, folders: dict[str, str]) -> Any:
    """The :func:`generator.write.signature` of the regular file *root*/*rel*
    (None when it is not one, or is reached through a link; *folders*: as
    :func:`generator.write.kind_stat` takes it)."""
    from .write import kind_stat, signature

    kind, st = kind_stat(root, rel, folders)
    return signature(st) if kind == "file" and st is not None else None


def render(api: Api, target: str = "python") -> dict[str, str]:
    """Every file of *target* for *api*: relative path → text (formatted)."""
    return get_target(target).render(api)


def generate_files(spec: Path, target: str = "python") -> dict[str, str]:
    return render(load_api(spec), target)
