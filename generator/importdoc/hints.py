"""import-doc, hints: what doc pages do not say, from
``spec/<service>/hints/<version>.yaml`` (summary, description, method, shape
names, where a response block ends)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..load import display_path, parse_yaml, read_text
from ..problems import SpecError


@dataclass
class Hints:
    display: str = ""
    service: dict[str, Any] = field(default_factory=dict)
    actions: dict[str, dict[str, Any]] = field(default_factory=dict)

    def action(self, name: str) -> dict[str, Any]:
        return self.actions.get(name) or {}

    def shape(self, action: str, key: str, path: str) -> dict[str, Any]:
        shapes = self.action(action).get(key) or {}
        got = shapes.get(path) if isinstance(shapes, dict) else None
        return got if isinstance(got, dict) else {}


def hints_path(spec_file: Path) -> Path:
    return spec_file.parent / "hints" / spec_file.name


def load_hints(path: Path) -> Hints:
    if not path.is_file():
        return Hints(display_path(path))
    doc = parse_yaml(read_text(path), path)
    problems = []
    if doc.data is not None and not isinstance(doc.data, dict):
        problems.append(doc.problem("", "expected a mapping (service, actions)"))
    data = doc.data if isinstance(doc.data, dict) else {}
    for key in data:
        if key not in ("service", "actions"):
            problems.append(doc.problem(f"/{key}", f"unknown key {key!r} (expected service, actions)"))
    actions = data.get("actions") or {}
    if not isinstance(actions, dict):
        problems.append(doc.problem("/actions", "expected a mapping of action names"))
        actions = {}
    allowed = {"summary", "description", "idempotent", "method", "response", "shapes",
               "request_shapes"}
    for action, body in actions.items():
        if not isinstance(body, dict):
            problems.append(doc.problem(f"/actions/{action}", "expected a mapping"))
            continue
        for key in body:
            if key not in allowed:
                problems.append(doc.problem(f"/actions/{action}/{key}",
                                            f"unknown key {key!r} (expected one of: "
                                            + ", ".join(sorted(allowed)) + ")"))
        method = body.get("method")
        if method is not None and str(method).upper() not in ("GET", "POST"):
            problems.append(doc.problem(f"/actions/{action}/method", "method must be GET or POST"))
    if problems:
        raise SpecError(problems)
    service = data.get("service")
    return Hints(doc.display, service if isinstance(service, dict) else {}, actions)

