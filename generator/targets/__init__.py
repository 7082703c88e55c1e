"""Code-generation targets: one module here (names, types, filters) plus one
folder of templates under ``templates/<target>/`` per language."""

from __future__ import annotations

from .base import Target
from .docs.target import DocsTarget
from .go.target import GoTarget
from .python.target import PythonTarget
from .typescript.target import TypeScriptTarget

TARGETS: dict[str, type[Target]] = {
    "docs": DocsTarget,
    "go": GoTarget,
    "python": PythonTarget,
    "typescript": TypeScriptTarget,
}


def get_target(name: str) -> Target:
    try:
        return TARGETS[name]()
    except KeyError:
        raise ValueError(f"unknown target {name!r} (known: {', '.join(sorted(TARGETS))})") from None
