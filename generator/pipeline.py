"""The stages glued together: spec folder in, files (in memory) out."""

from __future__ import annotations

from pathlib import Path

from .build import build
from .ir import Api
from .load import Workspace, service_files
from .problems import SpecError
from .targets import get_target
from .validate import openapi_problems


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
    problems = []
    docs = []
    for path in service_files(spec):
        try:
            doc = ws.doc(path)
        except SpecError as exc:
            problems.extend(exc.problems)
            continue
        docs.append(doc)
        problems.extend(openapi_problems(doc))
    if problems:
        # Our own checks often say the same more precisely; report them too.
        try:
            build(ws, docs)
        except SpecError as exc:
            problems.extend(exc.problems)
        raise SpecError(problems)
    return build(ws, docs)


def render(api: Api, target: str = "python") -> dict[str, str]:
    """Every file of *target* for *api*: relative path → text (formatted)."""
    return get_target(target).render(api)


def generate_files(spec: Path, target: str = "python") -> dict[str, str]:
    return render(load_api(spec), target)
