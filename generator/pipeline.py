"""The stages glued together: spec folder in, files (in memory) out."""

from __future__ import annotations

from pathlib import Path

from .build import build
from .ir import Api
from .load import Workspace, service_files
from .problems import SpecError
from .targets import get_target
from .validate import combine, openapi_problems


def load_api(spec: Path) -> Api:
    """Load, validate and build the IR of every service under *spec*."""
    ws = Workspace(spec)
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
        # Our own checks find more; where they say the same, the problem is reported once.
        try:
            build(ws, docs)
        except SpecError as exc:
            problems = combine(problems, exc.problems)
        raise SpecError(problems)
    return build(ws, docs)


def render(api: Api, target: str = "python") -> dict[str, str]:
    """Every file of *target* for *api*: relative path → text (formatted)."""
    return get_target(target).render(api)


def generate_files(spec: Path, target: str = "python") -> dict[str, str]:
    return render(load_api(spec), target)
