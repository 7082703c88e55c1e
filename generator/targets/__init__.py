"""Code-generation targets: a package here per language (names, types, filters:
``<name>/target.py`` defines the target's class) plus a folder of templates
under ``templates/<name>/``.  The contract is in this folder's README.md;
``ksyun-codegen new-target NAME`` scaffolds a new one.

A target is registered by its line in :data:`REGISTERED`, nothing else.
"""

from __future__ import annotations

import importlib

from .base import Target

#: The registered targets, one line each: ``<name>/target.py`` has the class.
REGISTERED = (
    "docs",
    "go",
    "python",
    "typescript",
)


def _load(name: str) -> type[Target]:
    module = importlib.import_module(f".{name}.target", __name__)
    found = [v for v in vars(module).values()
             if isinstance(v, type) and issubclass(v, Target) and v is not Target and v.name == name]
    if len(found) != 1:
        raise ImportError(f"generator/targets/{name}/target.py must define one Target subclass with name = {name!r}")
    return found[0]


TARGETS: dict[str, type[Target]] = {name: _load(name) for name in REGISTERED}


def get_target(name: str) -> Target:
    try:
        return TARGETS[name]()
    except KeyError:
        raise ValueError(f"unknown target {name!r} (known: {', '.join(sorted(TARGETS))})") from None
