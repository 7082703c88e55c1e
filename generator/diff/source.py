"""The two specs a diff compares: a folder, or the spec folder at a git commit.

A commit is read with ``git archive`` into a temporary folder: the work tree,
the index and HEAD are never touched.  Every failure is one line
(:class:`DiffError`), never a traceback.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..ir import Api
from ..load import load_file, service_files
from ..problems import SpecError


class DiffError(Exception):
    """A bad ref, a missing folder, a spec that does not load: said in one line."""


@dataclass
class Snapshot:
    """One spec as the diff sees it: its IR and each service file's raw data
    (for JSON pointers and ``deprecated``), keyed by (service, version)."""

    label: str  # how messages name it: "spec/", "spec/ at HEAD~1"
    api: Api
    raw: dict[tuple[str, str], Any] = field(default_factory=dict)


def load_snapshot(spec: Path, label: str) -> Snapshot:
    """The spec at *spec* (a folder or one service file); SpecError passes up."""
    from ..pipeline import load_api

    if not spec.exists():
        raise DiffError(f"{label}: no such folder")
    api = load_api(spec)
    raw: dict[tuple[str, str], Any] = {}
    for path in service_files(spec):
        data = load_file(path).data
        info = data.get("info") if isinstance(data, dict) else None
        if isinstance(info, dict):
            raw[(str(info.get("x-ksyun-service")), str(info.get("version")))] = data
    return Snapshot(label, api, raw)


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=120, check=False)
    except FileNotFoundError:
        raise DiffError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise DiffError(f"git {args[0]} took longer than 120 s") from None


def _first_line(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else ""


def resolve_ref(ref: str, where: Path) -> str:
    """The full commit id *ref* names in the repository holding *where*."""
    if not ref or ref.startswith("-") or any(c in ref for c in "\0\n"):
        raise DiffError(f"{ref!r} is not a git revision")
    folder = where if where.is_dir() else where.parent
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise DiffError(f"{folder.as_posix()} is not inside a git repository")
    done = _git(folder, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if done.returncode != 0:
        raise DiffError(f"{ref}: no such commit (a shallow clone may lack it: git fetch --unshallow)")
    return done.stdout.decode().strip()


class GitSpec:
    """``with GitSpec(ref, spec) as path:`` the spec as it was at *ref*, in a
    temporary folder removed on exit.  *spec* is today's spec (a folder or a
    service file inside the repository); the same path is read at *ref*."""

    def __init__(self, ref: str, spec: Path) -> None:
        self.ref = ref
        self.spec = spec
        self._tmp: tempfile.TemporaryDirectory[str] | None = None

    def __enter__(self) -> Path:
        spec = self.spec.resolve()
        folder = spec if spec.is_dir() else spec.parent
        commit = resolve_ref(self.ref, folder)
        top = Path(_git(folder, "rev-parse", "--show-toplevel").stdout.decode().strip()).resolve()
        try:
            rel = spec.relative_to(top)
        except ValueError:
            raise DiffError(f"{self.spec.as_posix()} is not inside the repository at {top}") from None
        # a service file's shared documents live two levels up (spec/<service>/<v>.yaml)
        root = rel if spec.is_dir() else rel.parent.parent
        tree = _git(top, "archive", "--format=tar", commit, "--", root.as_posix() if root.parts else ".")
        if tree.returncode != 0:
            raise DiffError(f"{self.ref}: {rel.as_posix() or '.'} does not exist at {commit[:12]} "
                            f"({_first_line(tree.stderr)})")
        self._tmp = tempfile.TemporaryDirectory(prefix="ksyun-diff-")
        base = Path(self._tmp.name)
        with tarfile.open(fileobj=io.BytesIO(tree.stdout)) as tar:
            tar.extractall(base, filter="data")
        path = base / rel
        if not path.exists():
            raise DiffError(f"{self.ref}: {rel.as_posix()} does not exist at {commit[:12]}")
        return path

    def __exit__(self, *exc: object) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()


def load_ref(ref: str, spec: Path) -> Snapshot:
    """The spec at *spec* as it was at commit *ref*; a spec that no longer
    loads under today's rules is one DiffError naming its first problem."""
    label = f"{spec.as_posix().rstrip('/') or '.'} at {ref}"
    with GitSpec(ref, spec) as path:
        try:
            return load_snapshot(path, label)
        except SpecError as exc:
            first = exc.problems[0] if exc.problems else None
            more = f" (and {len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
            raise DiffError(f"{label}: the spec does not load: {first.message if first else '?'}"
                            f" [{first.file}:{first.line}]{more}" if first else
                            f"{label}: the spec does not load") from None
