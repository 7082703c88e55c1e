"""A no-op regenerate decided before any stage runs.

After ``generate`` writes ``<out>/<target>/``, it records next to it, in
``<out>/.<target>.state.json``, the SHA-256 of every input (each file of the
spec folder and every document loaded through ``$ref`` from outside it, the
generator's own code and templates, the versions of Python and of the tools
whose output we keep) and of every file it wrote.  The next ``generate``
hashes the same inputs and the output tree; when all match, the output is
what a full run would write, so nothing runs.  Any difference, a missing or
unreadable state file, or one from another format version means a full run.

The state file only saves time: deleting it changes no output.  It holds no
absolute path and no time, so the same inputs give the same state file.

It is not trusted either: only regular files are hashed (a FIFO or a device
it names is not opened in a way that blocks, nor read), at most
``MAX_HASHED_BYTES`` each; output files are read without following links
below the output folder; a state file past ``MAX_STATE_BYTES``, or an input
that cannot be hashed, means a full run.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from .write import MANIFEST, Kept, Signature, Tree, open_regular, read_regular, remove_stale_temps, temp_prefix
from .write import _ignored as _skipped  # one rule for what is not output (nor input)

FORMAT = 1
# The tools whose behaviour reaches the generated files.
TOOLS = ("black", "datamodel-code-generator", "jinja2", "pydantic", "openapi-spec-validator", "jsonschema-rs", "PyYAML")
GENERATOR = Path(__file__).resolve().parent
TEMPLATES = GENERATOR.parent / "templates"


def state_path(out: Path, target: str) -> Path:
    return out / f".{target}.state.json"


def signatures_path(out: Path, target: str) -> Path:
    """Beside the state: the signatures of the files of its service versions (not
    in the state itself, which is the same bytes for the same run anywhere)."""
    return out / f".{target}.files.state.json"


def _digest(state: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode("utf-8")).hexdigest()


def signatures(out: Path, target: str, state: dict[str, Any] | None) -> dict[str, Any]:
    """The file signatures recorded with *state* (:func:`previous`), or none when
    the file beside it was not written with that very state."""
    if state is None:
        return {}
    raw = read_regular(out, signatures_path(out, target).name, MAX_STATE_BYTES)
    try:
        data = json.loads(raw.decode("utf-8")) if raw else None
    except (ValueError, RecursionError, UnicodeDecodeError):
        return {}
    if not isinstance(data, dict) or data.get("state") != _digest(state):
        return {}
    found = data.get("signatures")
    return found if isinstance(found, dict) else {}


MAX_HASHED_BYTES = 64 * 1024 * 1024  # an input or output file hashed; a bigger one: a full run
MAX_STATE_BYTES = 16 * 1024 * 1024  # the state file itself


def _sha(path: Path) -> str | None:
    """SHA-256 of the regular file at *path* (a link to one is followed); None
    for anything else, or past ``MAX_HASHED_BYTES``."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    return _sha_fd(fd, MAX_HASHED_BYTES)


def _sha_fd(fd: int, limit: int) -> str | None:
    """SHA-256 of what *fd* (closed here) holds, when a regular file of at most *limit* bytes."""
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        h = hashlib.sha256()
        size = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return h.hexdigest()
            size += len(chunk)
            if size > limit:  # grew while read, or says 0 and never ends (/proc)
                return None
            h.update(chunk)
    except OSError:
        return None
    finally:
        os.close(fd)


def _output_sha(root: Path, rel: str) -> str | None:
    """SHA-256 of the output file *root*/*rel*, no link below *root* followed."""
    fd = open_regular(root, rel)
    return None if fd is None else _sha_fd(fd, MAX_HASHED_BYTES)


def _files(root: Path) -> list[Path]:
    """Every regular file below *root*, sorted, without skipped parts."""
    out: list[Path] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not _skipped(d))
        out.extend(Path(folder) / n for n in names if not _skipped(n))
    return sorted(out)


def _tree(root: Path) -> dict[str, str | None]:
    return {p.relative_to(root).as_posix(): _sha(p) for p in _files(root)}


_CODE_SHAS: dict[Path, tuple[tuple[int, int, int, int], str | None]] = {}


def _code_tree(root: Path) -> dict[str, str | None]:
    """:func:`_tree` of the generator's own code or templates, each file hashed once
    per process while its inode, size, mtime and ctime stay the same."""
    out: dict[str, str | None] = {}
    for p in _files(root):
        try:
            st = p.stat()
            sig = (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        except OSError:
            out[p.relative_to(root).as_posix()] = None
            continue
        hit = _CODE_SHAS.get(p)
        if hit is None or hit[0] != sig:
            hit = _CODE_SHAS[p] = (sig, _sha(p))
        out[p.relative_to(root).as_posix()] = hit[1]
    return out


def ir_code() -> str:
    """What the IR of a service file depends on besides the file: Python, the pinned
    tools and the generator's own Python code outside its targets (the IR is built
    before any target or template is read), for generator.ircache's keys."""
    h = hashlib.sha256()
    parts: list[str] = ["ir", sys.version]
    for tool in TOOLS:
        try:
            parts.append(f"{tool}=={version(tool)}")
        except PackageNotFoundError:
            parts.append(f"{tool} absent")
    parts.extend(f"{k} {v}" for k, v in sorted(_code_tree(GENERATOR).items())
                 if k.endswith(".py") and not k.startswith("targets/"))
    for part in parts:
        h.update(part.encode("utf-8") + b"\n")
    return h.hexdigest()


def toolchain(tools: tuple[str, ...] = ()) -> str:
    """One digest of what turns the spec into files: Python, the pinned tools,
    the generator's code and its templates, and the target's own *tools* (the
    versions its manifest's ``toolchain`` commands print: ``go version``)."""
    h = hashlib.sha256()
    parts: list[str] = [sys.version, *tools]
    for tool in TOOLS:
        try:
            parts.append(f"{tool}=={version(tool)}")
        except PackageNotFoundError:
            parts.append(f"{tool} absent")
    for root in (GENERATOR, TEMPLATES):
        parts.extend(f"{root.name}/{k} {v}" for k, v in sorted(_code_tree(root).items()))
    for part in parts:
        h.update(part.encode("utf-8") + b"\n")
    return h.hexdigest()


def _spec_root(spec: Path) -> Path:
    return spec.resolve() if spec.is_dir() else spec.resolve().parent


def inputs(spec: Path, loaded: Iterable[Path] = ()) -> dict[str, str | None]:
    """SHA-256 of every input file, by its path relative to the spec root:
    the spec folder's files (or the one spec file) plus the *loaded* documents."""
    root = _spec_root(spec)
    names: set[Path] = set(_files(root)) if spec.is_dir() else {spec.resolve()}
    names.update(p.resolve() for p in loaded)
    return {Path(os.path.relpath(p, root)).as_posix(): _sha(p) for p in sorted(names)}


def _read(path: Path) -> dict[str, Any] | None:
    raw = read_regular(path.parent, path.name, MAX_STATE_BYTES)
    try:
        data = json.loads(raw.decode("utf-8")) if raw else None
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None


def is_current(spec: Path, out: Path, target: str, tools: tuple[str, ...] = ()) -> bool:
    """True when ``<out>/<target>`` is exactly what a full run would write now (*tools*:
    the target's toolchain versions)."""
    state = _read(state_path(out, target))
    if state is None or state.get("toolchain") != toolchain(tools):
        return False
    recorded = state.get("inputs")
    # (an input that could not be hashed, or changed while the last run read it, has no hash)
    if not isinstance(recorded, dict) or not all(isinstance(v, str) for v in recorded.values()):
        return False
    root = _spec_root(spec)
    outside = [root / name for name in recorded if name.startswith("../")]
    if recorded != inputs(spec, outside):
        return False
    outputs = state.get("outputs")
    # Files the writer does not own (not in its manifest) are left alone by a full run too.
    return isinstance(outputs, dict) and bool(outputs) and all(
        isinstance(sha, str) and _output_sha(out / target, rel) == sha for rel, sha in outputs.items())


def written(out: Path, target: str) -> int:
    """How many files the last recorded run wrote (the writer's manifest not counted)."""
    state = _read(state_path(out, target))
    outputs = state.get("outputs") if state else None
    return len([rel for rel in outputs if rel != MANIFEST]) if isinstance(outputs, dict) else 0


def previous(out: Path, target: str, tools: tuple[str, ...] = ()) -> dict[str, Any] | None:
    """The state the last run recorded, when made by the same toolchain (*tools*:
    the target's); its ``services`` say which files each service version's key made."""
    state = _read(state_path(out, target))
    return state if state is not None and state.get("toolchain") == toolchain(tools) else None


def record(spec: Path, out: Path, target: str, before: dict[str, str | None],
           loaded: Iterable[Path], files: Tree, tools: tuple[str, ...] = (),
           services: dict[str, Any] | None = None,
           signatures: dict[str, Signature] | None = None) -> None:
    """Write the state of a run that read *before* (``inputs(spec)`` taken before
    it started) plus the *loaded* documents, and wrote *files* (*services*: the
    index of :func:`generator.pipeline.render_tree`).

    With *services*, each service version's files are recorded with their
    :func:`generator.write.signature` from *signatures* (the write's, taken when
    it compared or wrote their bytes): the next run keeps a file whose signature
    is still that one without reading it (its bytes cannot change without its
    ctime changing)."""
    seen = inputs(spec, loaded)
    # An input that changed while we ran gets no hash: the next run is a full one.
    state_inputs = {k: (v if before.get(k, v) == v else None) for k, v in seen.items()}
    outputs: dict[str, str | None] = {
        rel: text.sha if isinstance(text, Kept) else hashlib.sha256(text.encode("utf-8")).hexdigest()
        for rel, text in sorted(files.items())}
    outputs[MANIFEST] = _output_sha(out / target, MANIFEST)  # what the next write may replace or remove
    state: dict[str, Any] = {"format": FORMAT, "toolchain": toolchain(tools), "inputs": state_inputs,
                             "outputs": outputs}
    if services:
        state["services"] = services
    path = state_path(out, target)
    if services and signatures:
        _write_json(out, signatures_path(out, target), f".{target}.files-", {
            "state": _digest(state),
            "signatures": {rel: list(sig) for entry in services.values() for rel in entry.get("files", ())
                           if (sig := signatures.get(rel)) is not None}})
    _write_json(out, path, f".{target}.state-", state)


def _write_json(out: Path, path: Path, prefix: str, data: dict[str, Any]) -> None:
    """*data* into *path* atomically (a temporary file in *out*, then a rename)."""
    remove_stale_temps(out, prefix)  # of a run killed while it wrote the state
    fd, tmp = tempfile.mkstemp(dir=out, prefix=temp_prefix(prefix))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            json.dump(data, fh, indent=1, sort_keys=True)
            fh.write("\n")
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def forget(out: Path, target: str) -> None:
    """Remove the state (before a run that may leave the tree changed)."""
    for path in (state_path(out, target), signatures_path(out, target)):
        try:
            path.unlink()
        except FileNotFoundError:
            pass
