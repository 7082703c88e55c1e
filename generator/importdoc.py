"""``ksyun-codegen import-doc``: merge one KSYUN doc page into a service spec.

The page (generator.docpage) says the action's parameters, a *flat* response
table and its errors.  This module turns that into the spec's conventions
(spec/README.md) and merges it into ``spec/<service>/<version>.yaml`` with
ruamel.yaml's round trip, so comments, key order and hand edits stay.

What pages do not say comes from a hints file next to the spec,
``spec/<service>/hints/<version>.yaml`` (summary, description, method, shape
names, where a response block ends).  Where neither the page, the hints nor
the spec decide where an ``Object``/``Object[]`` block of the response table
ends, the importer guesses (a name repeated at the same level closes the
block) and prints one ``guess:`` line per guessed block.

Merge rule (also in spec/README.md): the import adds what is missing and
updates what the page states about the wire (types, required, enum pins,
examples, error status and message); it never removes anything; where the
spec already has a non-empty description or summary that differs from the
page, the spec's text is kept and reported (``kept:``).
"""

from __future__ import annotations

import argparse
import difflib
import io
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .docpage import SCALARS, Page, Row, parse_page
from .load import display_path, parse_yaml, read_text
from .naming import pascal
from .problems import Problem, SpecError

PATH_PREFIX = "/#Action="
SCHEMA_PREFIX = "#/components/schemas/"
STRUCTURAL = ("$ref", "type", "format", "items", "enum")


# ---- YAML ---------------------------------------------------------------------

# Strings YAML would read as numbers or dates: written double-quoted, like the hand-written spec.
_LOOKS_TYPED = re.compile(r"[-+]?(\d+|\d*\.\d+)([eE][-+]?\d+)?|\d{4}-\d{2}-\d{2}([T ][\d:.]+Z?)?")


def yaml_rt() -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def dump(data: Any) -> str:
    buf = io.StringIO()
    yaml_rt().dump(data, buf)
    return buf.getvalue()


def node(value: Any, key: str = "") -> Any:
    """Plain data → ruamel nodes (refs and version-like strings double-quoted, enums in flow style)."""
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = node(v, k)
        return out
    if isinstance(value, list):
        seq = CommentedSeq(node(v) for v in value)
        if key in ("enum", "members", "required") or not value:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and (key == "$ref" or _LOOKS_TYPED.fullmatch(value)):
        return DoubleQuotedScalarString(value)
    return value


def load_spec_text(text: str, display: str) -> Any:
    doc = parse_yaml(text, Path(display), display)  # syntax errors → FILE:LINE
    if not isinstance(doc.data, dict):
        raise SpecError([doc.problem("", "expected an OpenAPI document (a mapping)")])
    try:
        return yaml_rt().load(text)
    except (MarkedYAMLError, YAMLError) as exc:  # pragma: no cover - parse_yaml caught it
        raise SpecError([Problem(display, None, "", f"YAML error: {exc}")]) from None


# ---- hints ------------------------------------------------------------------------

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


# ---- the page as spec fragments ----------------------------------------------------

@dataclass
class ShapePlan:
    """One object the page describes, before it has its final name."""

    path: str  # "ImagesSet.SnapshotSet" (response) or "request:SystemDisk"
    default: str
    description: str | None
    fields: list[tuple[str, dict[str, Any]]]  # name → schema (with description/example)
    required: list[str] | None = None
    line: int = 0


@dataclass
class Plan:
    action: str
    method: str | None
    params: list[dict[str, Any]]
    response_root: str  # path of the root shape plan ("")
    shapes: dict[str, ShapePlan]  # by path, parents before children
    errors: list[dict[str, Any]]
    guesses: list[str]


def scalar_schema(doc_type: str) -> dict[str, Any]:
    if doc_type.endswith("[]"):
        inner = doc_type[:-2]
        item = dict(SCALARS[inner]) if inner in SCALARS else {"type": "object"}
        return {"type": "array", "items": item}
    if doc_type == "Object":
        return {"type": "object"}
    return dict(SCALARS[doc_type])


def with_text(schema: dict[str, Any], row: Row | None, example_on_items: bool = False) -> dict[str, Any]:
    out = dict(schema)
    if row is None:
        return out
    if row.description:
        out["description"] = row.description
    if row.has_example:
        if example_on_items and out.get("type") == "array" and isinstance(out.get("items"), dict):
            out["items"] = {**out["items"], "example": row.example}
        elif out.get("type") != "array":
            out["example"] = row.example
    return out


def ref(name: str) -> dict[str, Any]:
    return {"$ref": SCHEMA_PREFIX + name}


# -- request --

@dataclass
class _ReqNode:
    name: str
    line: int
    is_array: bool = False
    row: Row | None = None  # the row naming this node itself
    children: dict[str, _ReqNode] = field(default_factory=dict)

    def any_required(self) -> bool:
        return bool(self.row and self.row.required) or any(
            c.any_required() for c in self.children.values())


def _request_tree(page: Page, fail: Any) -> list[_ReqNode]:
    roots: dict[str, _ReqNode] = {}
    for row in page.request:
        tokens = row.name.split(".")
        level = roots
        current: _ReqNode | None = None
        i = 0
        while i < len(tokens):
            name = tokens[i]
            if name == "N":
                fail(row.line, f"{row.name}: '.N' must follow a name")
                break
            is_array = i + 1 < len(tokens) and tokens[i + 1] == "N"
            child = level.get(name)
            if child is None:
                child = level[name] = _ReqNode(name, row.line, is_array)
            elif child.is_array != is_array:
                fail(row.line, f"{row.name}: {name} is a list ('{name}.N') on line {child.line} "
                     "but not here" if child.is_array else
                     f"{row.name}: {name} is not a list on line {child.line} but is here")
                break
            current = child
            level = child.children
            i += 2 if is_array else 1
        else:
            assert current is not None
            if current.row is not None:
                fail(row.line, f"duplicate parameter {row.name!r} (first at line {current.row.line})")
                continue
            current.row = row
    for top in roots.values():
        _check_req(top, fail)
    return list(roots.values())


def _check_req(n: _ReqNode, fail: Any) -> None:
    if n.children and n.row is not None and not n.row.type.startswith("Object"):
        fail(n.row.line, f"{n.row.name} is a {n.row.type} but other rows give it members")
    for c in n.children.values():
        _check_req(c, fail)


def _request_plan(page: Page, action: str, hints: Hints, fail: Any,
                  shapes: dict[str, ShapePlan]) -> list[dict[str, Any]]:
    params: list[dict[str, Any]] = []

    def schema_for(n: _ReqNode, path: str) -> dict[str, Any]:
        if n.children:
            fields: list[tuple[str, dict[str, Any]]] = []
            required: list[str] = []
            plan = ShapePlan("request:" + path, action + "".join(pascal(p) for p in path.split(".")),
                             None, fields, required, n.line)
            hint = hints.shape(action, "request_shapes", path)
            if isinstance(hint.get("description"), str):
                plan.description = hint["description"]
            shapes[plan.path] = plan
            for c in n.children.values():
                sub = schema_for(c, f"{path}.{c.name}")
                fields.append((c.name, with_text(sub, c.row, example_on_items=True)))
                if c.row is not None and c.row.required:
                    required.append(c.name)
            inner: dict[str, Any] = {"$plan": plan.path}
        else:
            assert n.row is not None
            inner = scalar_schema(n.row.type)
            if n.is_array and inner.get("type") == "array":
                return inner
        return {"type": "array", "items": inner} if n.is_array else inner

    for n in _request_tree(page, fail):
        schema = schema_for(n, n.name)
        if n.row is not None and n.row.has_example and not n.children:
            if schema.get("type") == "array":
                schema["items"] = {**schema["items"], "example": n.row.example}
        param: dict[str, Any] = {"name": n.name, "in": "query",
                                 "required": n.row.required if n.row is not None else n.any_required()}
        if n.row is not None and n.row.description:
            param["description"] = n.row.description
        param["schema"] = schema
        if n.row is not None and n.row.has_example and not n.children and schema.get("type") != "array":
            param["example"] = n.row.example
        param["$line"] = n.line
        params.append(param)
    return params


# -- response --

@dataclass
class _Block:
    path: str
    row: Row | None
    parent: _Block | None
    exact: list[str] | None = None
    ends_after: str | None = None
    to_end: bool = False
    known: set[str] = field(default_factory=set)
    seen: set[str] = field(default_factory=set)
    children: list[tuple[Row, _Block | None]] = field(default_factory=list)
    guessed: bool = False
    closed: bool = False


def _response_blocks(page: Page, action: str, hints: Hints, existing: dict[str, tuple[str, list[str]]],
                     fail: Any, guesses: list[str]) -> _Block:
    hint_file = hints.display or "the hints file"

    def block(path: str, row: Row | None, parent: _Block | None) -> _Block:
        b = _Block(path, row, parent)
        hint = hints.shape(action, "shapes", path) if path else {}
        members = hint.get("members")
        if isinstance(members, list):
            b.exact = [str(m) for m in members]
        if isinstance(hint.get("ends_after"), str):
            b.ends_after = hint["ends_after"]
        b.to_end = hint.get("to_end") is True
        if path in existing:
            b.known = set(existing[path][1])
        return b

    root = block("", None, None)
    stack = [root]

    def close(b: _Block, line: int | None, reason: str) -> None:
        b.closed = True
        stack.remove(b)
        if not b.guessed or b is root:
            return
        rows = [r for r, _ in b.children]
        held = f"{rows[0].name} … {rows[-1].name}" if rows else "nothing"
        where = f"lines {rows[0].line}-{rows[-1].line}" if rows else "no rows"
        guesses.append(
            f"{page.display}:{b.row.line if b.row else 0}: guess: {b.path} holds {len(rows)} "
            f"row(s) ({where}: {held}); {reason}. Pin it in {hint_file}: "
            f"actions.{action}.shapes.{b.path}.members (or ends_after, to_end)")

    for row in page.response:
        name = row.name
        target: _Block | None = None
        for b in reversed(stack):
            pinned = set(b.exact or ()) | b.known
            if name in pinned and name not in b.seen:
                target = b
                break
        if target is not None:
            while stack[-1] is not target:
                inner = stack[-1]
                if inner.exact is None and not inner.known and inner.ends_after is None \
                        and not inner.to_end:
                    inner.guessed = True
                close(inner, row.line, f"closed at line {row.line}, where {name!r} belongs "
                      f"to {target.path or 'the top level'}")
        else:
            target = stack[-1]
            while target is not root:
                if target.exact is not None and (name not in target.exact or name in target.seen):
                    close(target, row.line, "pinned")
                elif name in target.seen:
                    target.guessed = True
                    close(target, row.line, f"closed at line {row.line}, where {name!r} repeats")
                else:
                    break
                target = stack[-1]
            if target is root and name in root.seen:
                fail(row.line, f"{name!r} appears twice at the top level of the response")
                continue
            if target is not root and target.exact is None and target.ends_after is None \
                    and not target.to_end and name not in target.known:
                target.guessed = True
        target.seen.add(name)
        child = None
        if row.type in ("Object", "Object[]"):
            child = block(f"{target.path}.{name}" if target.path else name, row, target)
        target.children.append((row, child))
        if target.ends_after == name and target is not root:
            close(target, row.line, "pinned")
        if child is not None:
            stack.append(child)
    for b in reversed(stack[1:]):
        close(b, None, "runs to the end of the table")
    return root


def _response_plan(page: Page, action: str, hints: Hints, root: _Block,
                   shapes: dict[str, ShapePlan]) -> None:
    ahint = hints.action(action).get("response") or {}

    def visit(b: _Block) -> dict[str, Any]:
        if not b.children and b.path:
            return {"type": "object"}
        fields: list[tuple[str, dict[str, Any]]] = []
        if b.path:
            default = action + "".join(pascal(p) for p in b.path.split("."))
            if b.row is not None and b.row.type == "Object[]":
                default += "Item"
            hint = hints.shape(action, "shapes", b.path)
            desc = hint.get("description") if isinstance(hint.get("description"), str) else None
        else:
            default = action + "Response"
            desc = ahint.get("description") if isinstance(ahint.get("description"), str) else (
                f"{action} 的返回结果。")
        plan = ShapePlan(b.path, default, desc, fields, None, b.row.line if b.row else page.response_line)
        shapes[b.path] = plan
        for row, child in b.children:
            if child is not None:
                inner = visit(child)
                schema = {"type": "array", "items": inner} if row.type == "Object[]" else inner
            else:
                schema = scalar_schema(row.type)
            fields.append((row.name, with_text(schema, row, example_on_items=True)))
        return {"$plan": b.path}

    visit(root)


def make_plan(page: Page, hints: Hints, existing_tree: dict[str, tuple[str, list[str]]]) -> Plan:
    problems: list[Problem] = []

    def fail(line: int, message: str) -> None:
        problems.append(Problem(page.display, line, "", message))

    action = page.action
    shapes: dict[str, ShapePlan] = {}
    guesses: list[str] = []
    first_code: dict[str, int] = {}
    for e in page.errors:
        if e.code in first_code:
            fail(e.line, f"duplicate error code {e.code!r} (first at line {first_code[e.code]})")
        first_code.setdefault(e.code, e.line)
    params = _request_plan(page, action, hints, fail, shapes)
    root = _response_blocks(page, action, hints, existing_tree, fail, guesses)
    if not page.response:
        fail(page.response_line or page.action_line,
             "no response table (a header line '参数名称 | 类型 | 描述')")
    else:
        _response_plan(page, action, hints, root, shapes)
    if problems:
        raise SpecError(problems)
    errors = []
    for e in page.errors:
        item: dict[str, Any] = {"code": e.code, "message": e.message, "httpStatus": e.status}
        if e.description:
            item["description"] = e.description
        errors.append(item)
    hint = hints.action(action)
    method = str(hint["method"]).upper() if hint.get("method") else page.method
    return Plan(action, method, params, "", shapes, errors, guesses)


# ---- the spec side ------------------------------------------------------------------

def same_value(a: Any, b: Any) -> bool:
    """Equal as JSON values (``"20"`` is not ``20``; ``True`` is not ``1``)."""
    for kind in (bool, str, int, float):
        if isinstance(a, kind) or isinstance(b, kind):
            return isinstance(a, kind) and isinstance(b, kind) and a == b
    return bool(a == b)


def _index(items: Any, item: Any) -> int:
    return next(i for i, x in enumerate(items) if x is item)


def local_ref(schema: Any) -> str | None:
    if isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and \
            schema["$ref"].startswith(SCHEMA_PREFIX):
        return str(schema["$ref"][len(SCHEMA_PREFIX):])
    return None


def child_ref(schema: Any) -> str | None:
    """The shape a property refers to, directly or as a list's items."""
    name = local_ref(schema)
    if name is None and isinstance(schema, dict) and schema.get("type") == "array":
        name = local_ref(schema.get("items"))
    return name


def find_operation(data: Any, action: str) -> tuple[str, Any] | None:
    item = (data.get("paths") or {}).get(PATH_PREFIX + action)
    if isinstance(item, dict):
        for method in ("get", "post"):
            if isinstance(item.get(method), dict):
                return method, item[method]
    return None


def existing_response_tree(data: Any, op: Any) -> dict[str, tuple[str, list[str]]]:
    """Path → (shape name, property names) of an operation's response, as the spec has it."""
    schemas = ((data.get("components") or {}).get("schemas") or {})
    out: dict[str, tuple[str, list[str]]] = {}
    try:
        root = op["responses"]["200"]["content"]["application/json"]["schema"]
    except (KeyError, TypeError):
        return out

    def walk(path: str, name: str | None, seen: frozenset[str]) -> None:
        if name is None or name in seen or not isinstance(schemas.get(name), dict):
            return
        props = schemas[name].get("properties") or {}
        out[path] = (name, list(props))
        for prop, sub in props.items():
            walk(f"{path}.{prop}" if path else str(prop), child_ref(sub), seen | {name})

    walk("", local_ref(root), frozenset())
    return out


def existing_request_tree(data: Any, op: Any) -> dict[str, str]:
    schemas = ((data.get("components") or {}).get("schemas") or {})
    out: dict[str, str] = {}

    def walk(path: str, name: str | None, seen: frozenset[str]) -> None:
        if name is None or name in seen or not isinstance(schemas.get(name), dict):
            return
        out["request:" + path] = name
        for prop, sub in (schemas[name].get("properties") or {}).items():
            walk(f"{path}.{prop}", child_ref(sub), seen | {name})

    for p in op.get("parameters") or []:
        if isinstance(p, dict) and isinstance(p.get("name"), str):
            walk(p["name"], child_ref(p.get("schema")), frozenset())
    return out


def signature(schema: Any) -> Any:
    if not isinstance(schema, dict):
        return None
    name = local_ref(schema)
    if name is not None:
        return ("ref", name)
    if schema.get("type") == "array":
        return ("array", signature(schema.get("items")))
    return (schema.get("type"), schema.get("format"))


def shape_signature(props: Any) -> Any:
    return tuple(sorted((str(k), repr(signature(v))) for k, v in (props or {}).items()))


@dataclass
class Merger:
    data: Any
    spec_display: str
    action: str
    notes: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        self.notes.append(f"{self.spec_display}: {text}")

    # -- text fields: the spec's non-empty text wins
    def merge_text(self, target: Any, key: str, value: str | None, where: str,
                   after: str | None = None) -> None:
        if value is None or value == "":
            return
        current = target.get(key)
        if current is None or current == "":
            if key in target:
                target[key] = value
            else:
                self.insert(target, key, value, after)
        elif str(current).strip() != value.strip():
            self.note(f"kept: {where} {key} {str(current).strip()!r} (the page says {value!r})")

    @staticmethod
    def insert(target: Any, key: str, value: Any, after: str | None = None) -> None:
        keys = list(target.keys())
        if after is not None and after in keys:
            target.insert(keys.index(after) + 1, key, node(value, key))
        else:
            target[key] = node(value, key)

    # -- schemas: the page wins on structure and examples, the spec on text
    def merge_schema(self, target: Any, new: dict[str, Any], where: str) -> None:
        kind_old = ("ref" if "$ref" in target else target.get("type"))
        kind_new = ("ref" if "$ref" in new else new.get("type"))
        if kind_old != kind_new:
            for key in STRUCTURAL:
                if key in target and key not in new:
                    del target[key]
        last = None
        for key in STRUCTURAL:
            if key not in new:
                continue
            if key == "items" and isinstance(target.get("items"), dict) and kind_old == kind_new:
                self.merge_schema(target["items"], new["items"], where + "[]")
            elif key == "$ref" and target.get(key) == new[key]:
                pass
            elif target.get(key) != new[key]:
                if key in target:
                    target[key] = node(new[key], key)
                else:
                    pos = 0
                    keys = list(target.keys())
                    if last is not None and last in keys:
                        pos = keys.index(last) + 1
                    target.insert(pos, key, node(new[key], key))
            last = key
        self.merge_text(target, "description", new.get("description"), where,
                        after=last)
        if "example" in new:
            ex = new["example"]
            if "example" not in target:
                self.insert(target, "example", ex)
            elif not same_value(target["example"], ex):
                target["example"] = node(ex, "example")

    def merge_shape(self, schemas: Any, name: str, plan: ShapePlan, props: list[tuple[str, dict[str, Any]]]) -> None:
        shape = schemas.get(name)
        if not isinstance(shape, dict):
            body: dict[str, Any] = {"type": "object"}
            if plan.description:
                body["description"] = plan.description
            body["properties"] = dict(props)
            if plan.required:
                body["required"] = list(plan.required)
            schemas[name] = node(body)
            return
        self.merge_text(shape, "description", plan.description, f"shape {name}", after="type")
        if not isinstance(shape.get("properties"), dict):
            shape["properties"] = CommentedMap()
        existing = shape["properties"]
        previous: str | None = None
        for prop, schema in props:
            if prop in existing and isinstance(existing[prop], dict):
                self.merge_schema(existing[prop], schema, f"{name}.{prop}")
            else:
                keys = list(existing.keys())
                pos = keys.index(previous) + 1 if previous in keys else 0
                existing.insert(pos, prop, node(schema))
            previous = prop
        stated = {p for p, _ in props}
        for prop in existing:
            if prop not in stated:
                self.note(f"kept: {name}.{prop} (not on the page)")
        if plan.required is not None:
            req = shape.get("required")
            wanted = [p for p in (req or []) if p not in stated] + list(plan.required)
            if list(req or []) != wanted and (req is not None or wanted):
                if req is None:
                    shape["required"] = node(wanted, "required")
                else:
                    req.clear()
                    req.extend(wanted)


def resolve_names(plan: Plan, data: Any, existing_names: dict[str, str], hints: Hints,
                  notes: list[str], problems: list[Problem], page: Page) -> dict[str, tuple[str, bool]]:
    """Plan path → (shape name, reused).  Children first, so reuse sees final refs."""
    schemas = ((data.get("components") or {}).get("schemas") or {})
    names: dict[str, tuple[str, bool]] = {}
    taken: dict[str, str] = {}

    def props_of(p: ShapePlan) -> dict[str, Any]:
        return {k: substitute(v, names) for k, v in p.fields}

    def depth(path: str) -> int:
        return 0 if path == "" else len(path.split("."))

    order = sorted(plan.shapes, key=lambda p: (p.startswith("request:"), -depth(p)))
    for path in order:
        sp = plan.shapes[path]
        if path in existing_names:
            name = existing_names[path]
            names[path] = (name, False)
            continue
        hint_key = "request_shapes" if path.startswith("request:") else "shapes"
        hint_path = path.split(":", 1)[1] if path.startswith("request:") else path
        if path == "":
            hint = hints.action(plan.action).get("response") or {}
        else:
            hint = hints.shape(plan.action, hint_key, hint_path)
        name = str(hint.get("name") or sp.default)
        sig = shape_signature(props_of(sp))
        if name in taken:
            problems.append(Problem(page.display, sp.line, "",
                                    f"two objects of the page would both be named {name!r}; "
                                    f"name one in the hints ({hint_key})"))
        taken[name] = path
        existing = schemas.get(name)
        if isinstance(existing, dict):
            if shape_signature(existing.get("properties")) == sig:
                notes.append(f"reuse: {path or 'the response'} is the existing shape {name} "
                             "(same fields)")
                names[path] = (name, True)
                continue
            problems.append(Problem(page.display, sp.line, "",
                                    f"{path or 'the response'}: a different shape is already "
                                    f"named {name!r}; give this one another name in the hints"))
            continue
        same = [k for k, v in schemas.items()
                if isinstance(v, dict) and v.get("properties") and
                shape_signature(v.get("properties")) == sig]
        if same and path != "":
            notes.append(f"reuse: {path} has the same fields as the existing shape {same[0]}; "
                         f"$ref to it")
            names[path] = (str(same[0]), True)
            continue
        names[path] = (name, False)
    return names


def substitute(schema: Any, names: dict[str, tuple[str, bool]]) -> Any:
    if isinstance(schema, dict):
        if "$plan" in schema:
            return ref(names[schema["$plan"]][0]) if schema["$plan"] in names else {"type": "object"}
        return {k: substitute(v, names) for k, v in schema.items()}
    if isinstance(schema, list):
        return [substitute(v, names) for v in schema]
    return schema


def new_spec(service: str, version: str, hints: Hints) -> Any:
    title = str(hints.service.get("title") or service.upper())
    info: dict[str, Any] = {"title": title, "version": version}
    if hints.service.get("description"):
        info["description"] = str(hints.service["description"])
    info["x-ksyun-service"] = service
    data = node({
        "openapi": "3.1.0",
        "info": info,
        "servers": [{"url": f"https://{service}.api.ksyun.com"}],
        "security": [{"KsyunSigV4": []}],
        "paths": {},
        "components": {
            "securitySchemes": {"KsyunSigV4": {"$ref": "../common.yaml#/components/securitySchemes/KsyunSigV4"}},
            "schemas": {},
        },
        "x-ksyun-common-errors": {"$ref": "../common.yaml#/x-ksyun-common-errors"},
    })
    data["paths"].fa.set_block_style()
    data["components"]["schemas"].fa.set_block_style()
    data.yaml_set_start_comment(
        f"{title} API version {version}.\nConventions (path keys, parameters, errors): see spec/README.md.")
    return data


def merge_page(data: Any, page: Page, hints: Hints, version: str, spec_display: str) -> tuple[list[str], list[str]]:
    """Merge *page* into *data* (ruamel round-trip data) in place → (guesses, notes)."""
    problems: list[Problem] = []
    action = page.action
    if page.version and page.version != version:
        raise SpecError([Problem(page.display, page.version_line, "",
                                 f"the page is for version {page.version}, not {version}")])
    found = find_operation(data, action)
    old_op = found[1] if found else {}
    tree = existing_response_tree(data, old_op) if found else {}
    plan = make_plan(page, hints, tree)
    existing_names = {path: name for path, (name, _props) in tree.items()}
    if found:
        existing_names.update(existing_request_tree(data, old_op))
    notes: list[str] = []
    names = resolve_names(plan, data, existing_names, hints, notes, problems, page)
    if problems:
        raise SpecError(problems)
    m = Merger(data, spec_display, action)
    m.notes.extend(f"{spec_display}: {n}" for n in notes)
    if not isinstance(data.get("components"), dict):
        data["components"] = CommentedMap()
    if not isinstance(data["components"].get("schemas"), dict):
        data["components"]["schemas"] = CommentedMap()
    schemas = data["components"]["schemas"]
    # shapes: parents first, in page order (new ones are appended in that order)
    for path, sp in plan.shapes.items():
        name, reused = names[path]
        if reused:
            continue
        props = [(k, substitute(v, names)) for k, v in sp.fields]
        m.merge_shape(schemas, name, sp, props)
    _merge_operation(m, data, plan, page, hints, names, found)
    return plan.guesses, m.notes


def _merge_operation(m: Merger, data: Any, plan: Plan, page: Page, hints: Hints,
                     names: dict[str, tuple[str, bool]], found: tuple[str, Any] | None) -> None:
    action = plan.action
    hint = hints.action(action)
    if not isinstance(data.get("paths"), dict):
        data["paths"] = CommentedMap()
    paths = data["paths"]
    key = PATH_PREFIX + action
    method = (plan.method or (found[0].upper() if found else "GET")).lower()
    if found is None:
        op = CommentedMap()
        op["operationId"] = action
        if key not in paths or not isinstance(paths[key], dict):
            paths[key] = CommentedMap()
        paths[key][method] = op
    else:
        op = found[1]
        if found[0] != method:
            item = paths[key]
            keys = list(item.keys())
            item.insert(keys.index(found[0]), method, op)
            del item[found[0]]
            m.note(f"{action}: method {found[0].upper()} → {method.upper()} (the page/hints say so)")
    m.merge_text(op, "summary", hint.get("summary"), action, after="operationId")
    m.merge_text(op, "description", hint.get("description"), action, after="summary")
    if isinstance(hint.get("idempotent"), bool):
        cur = op.get("x-ksyun-idempotent")
        if cur is None:
            after = "description" if "description" in op else "summary" if "summary" in op else "operationId"
            m.insert(op, "x-ksyun-idempotent", hint["idempotent"], after)
        elif cur != hint["idempotent"]:
            m.note(f"kept: {action} x-ksyun-idempotent {cur} (the hints say {hint['idempotent']})")
    # parameters
    pinned = [
        {"name": "Action", "in": "query", "required": True, "description": page.action_description,
         "schema": {"type": "string", "enum": [action]}},
        {"name": "Version", "in": "query", "required": True,
         "description": page.version_description,
         "schema": {"type": "string",
                    "enum": [str((data.get("info") or {}).get("version") or page.version)]}},
    ]
    wanted = [{k: v for k, v in p.items() if k != "description" or v}
              for p in pinned + [substitute({k: v for k, v in p.items() if k != "$line"}, names)
                                 for p in plan.params]]
    if not isinstance(op.get("parameters"), list):
        m.insert(op, "parameters", [], _last_of(op, ("x-ksyun-idempotent", "description",
                                                     "summary", "operationId")))
        op["parameters"].fa.set_block_style()
    params = op["parameters"]
    index = {p.get("name"): p for p in params if isinstance(p, dict)}
    previous = None
    for p in wanted:
        have = index.get(p["name"])
        if have is None:
            pos = _index(params, previous) + 1 if previous is not None else 0
            params.insert(pos, node(p))
            previous = params[pos]
            continue
        where = f"{action} parameter {p['name']}"
        if have.get("in") != "query":
            have["in"] = "query"
        if have.get("required") != p["required"]:
            if "required" in have:
                have["required"] = p["required"]
            else:
                m.insert(have, "required", p["required"], "in")
        m.merge_text(have, "description", p.get("description"), where, after="required")
        if not isinstance(have.get("schema"), dict):
            have["schema"] = node(p["schema"])
        else:
            m.merge_schema(have["schema"], p["schema"], where)
        if "example" in p and not same_value(have.get("example"), p["example"]):
            if "example" in have:
                have["example"] = node(p["example"], "example")
            else:
                m.insert(have, "example", p["example"])
        previous = have
    stated = {p["name"] for p in wanted}
    for p in params:
        if isinstance(p, dict) and p.get("name") not in stated:
            m.note(f"kept: {action} parameter {p.get('name')} (not on the page)")
    # response
    root_name = names[""][0]
    if not isinstance(op.get("responses"), dict):
        m.insert(op, "responses", {}, "parameters")
    responses = op["responses"]
    ok = {"description": "OK", "content": {"application/json": {"schema": {"$ref": SCHEMA_PREFIX + root_name}}}}
    if "200" not in responses:
        responses.insert(0, DoubleQuotedScalarString("200"), node(ok))
    else:
        schema = (((responses["200"] or {}).get("content") or {}).get("application/json") or {}).get("schema")
        if local_ref(schema) != root_name:
            responses["200"] = node(ok)
    if "default" not in responses:
        responses["default"] = node({"$ref": "../common.yaml#/components/responses/Error"})
    # errors
    if plan.errors:
        if not isinstance(op.get("x-ksyun-errors"), list):
            m.insert(op, "x-ksyun-errors", [], "responses")
            op["x-ksyun-errors"].fa.set_block_style()
        errors = op["x-ksyun-errors"]
        by_code = {e.get("code"): e for e in errors if isinstance(e, dict)}
        prev = None
        for e in plan.errors:
            have = by_code.get(e["code"])
            if have is None:
                pos = _index(errors, prev) + 1 if prev is not None else len(errors)
                errors.insert(pos, node(e))
                prev = errors[pos]
                continue
            for k in ("message", "httpStatus"):
                if have.get(k) != e[k]:
                    if k in have:
                        have[k] = e[k]
                    else:
                        m.insert(have, k, e[k], "code")
            m.merge_text(have, "description", e.get("description"), f"{action} error {e['code']}",
                         after="httpStatus")
            prev = have
        stated = {e["code"] for e in plan.errors}
        for e in errors:
            if isinstance(e, dict) and e.get("code") not in stated:
                m.note(f"kept: {action} error {e.get('code')} (not on the page)")


def _last_of(mapping: Any, keys: tuple[str, ...]) -> str | None:
    for k in keys:
        if k in mapping:
            return k
    return None


# ---- the command ---------------------------------------------------------------------

def spec_file_for(spec: Path, service: str, version: str) -> Path:
    if spec.suffix in (".yaml", ".yml"):
        return spec
    return spec / service / f"{version}.yaml"


def import_page(page_path: Path, service: str, version: str, spec: Path,
                hints_file: Path | None = None) -> tuple[str, str, list[str], list[str], Path]:
    """(old text, new text, guesses, notes, spec file); SpecError on bad input."""
    display = display_path(page_path)
    page = parse_page(read_text(page_path, display), display)
    target = spec_file_for(spec, service, version)
    spec_display = display_path(target)
    hints = load_hints(hints_file or hints_path(target))
    if target.is_file():
        old = read_text(target, spec_display)
        data = load_spec_text(old, spec_display)
    else:
        common = target.parent.parent / "common.yaml"
        if not common.is_file():
            raise SpecError([Problem(display_path(common), None, "",
                                     "not found: a new service spec refers to the common.yaml "
                                     "of its spec folder")])
        old = ""
        data = new_spec(service, version, hints)
    guesses, notes = merge_page(data, page, hints, version, spec_display)
    return old, dump(data), guesses, [*page.notes, *notes], target


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run(args: argparse.Namespace) -> int:
    if not re.fullmatch(r"[a-z][a-z0-9]*", args.service):
        print(f"ksyun-codegen import-doc: --service must be a lower-case service name such as "
              f"kec, got {args.service!r}", file=sys.stderr)
        return 2
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.version):
        print(f"ksyun-codegen import-doc: --version must be an API version YYYY-MM-DD, "
              f"got {args.version!r}", file=sys.stderr)
        return 2
    old, new, guesses, notes, target = import_page(
        args.page, args.service, args.version, args.spec, args.hints)
    for line in [*guesses, *notes]:
        print(line, file=sys.stderr)
    label = display_path(target)
    if args.dry_run:
        if new == old:
            print(f"{label}: unchanged (dry run)", file=sys.stderr)
            return 0
        sys.stdout.writelines(difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True),
            fromfile=f"a/{label}" if old else "/dev/null", tofile=f"b/{label}"))
        return 0
    if new == old:
        print(f"{label}: unchanged")
        return 0
    write_atomic(target, new)
    changed = sum(1 for d in difflib.ndiff(old.splitlines(), new.splitlines()) if d[:1] in "+-")
    print(f"{label}: imported {args.page.name} ({changed} line(s) changed)")
    return 0


def add_parser(sub: Any) -> None:
    p = sub.add_parser("import-doc", help="merge a KSYUN doc page (one action) into the spec")
    p.add_argument("page", type=Path, help="the doc page, as text")
    p.add_argument("--service", required=True, help="service name, e.g. kec")
    p.add_argument("--version", required=True, help="API version, e.g. 2016-03-04")
    p.add_argument("--spec", type=Path, default=Path("spec"),
                   help="spec folder or the service spec file (default: spec/)")
    p.add_argument("--hints", type=Path, default=None,
                   help="hints file (default: <service folder>/hints/<version>.yaml)")
    p.add_argument("--dry-run", action="store_true", help="print the diff; write nothing")
    p.set_defaults(func=run)
