"""import-doc, stage "plan": a parsed page (generator.pages) as spec
fragments: request parameters, the response's objects (``ShapePlan``, not yet
named) and errors.  Where neither the page, the hints nor the spec decide where
an ``Object``/``Object[]`` block of the flat response table ends, the planner
guesses (a name repeated at the same level closes the block) and says so in
one ``guess:`` line per guessed block.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..naming import RUNTIME_ERROR_CLASSES, pascal
from ..pages import SCALARS, Page, Row
from ..problems import Fail, Problem, SpecError
from .hints import Hints

SCHEMA_PREFIX = "#/components/schemas/"
# How the spec writes an object parameter sent dotted (SystemDisk.DiskType=...).
DOTTED_OBJECT: dict[str, Any] = {"style": "deepObject", "explode": True}

@dataclass
class ShapePlan:
    """One object the page describes, before it has its final name."""

    path: str  # "ImagesSet.SnapshotSet" (response) or "request:SystemDisk"
    default: str
    description: str | None
    fields: list[tuple[str, dict[str, Any]]]  # name → schema (with description/example)
    required: list[str] | None = None
    line: int = 0
    closed: bool = False  # additionalProperties: false (request objects)
    named: str | None = None  # the type's own name on the page (QuotaApplication): preferred


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


def _request_tree(page: Page, fail: Fail) -> list[_ReqNode]:
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


def _check_req(n: _ReqNode, fail: Fail) -> None:
    if n.children and n.row is not None and not n.row.type.startswith("Object"):
        fail(n.row.line, f"{n.row.name} is a {n.row.type} but other rows give it members")
    for c in n.children.values():
        _check_req(c, fail)


def _request_plan(page: Page, action: str, hints: Hints, fail: Fail,
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
            plan.closed = True  # a request object takes only its documented members
            plan.named = n.row.named if n.row is not None else None
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
        if n.children and not n.is_array:
            # the spec's convention for a dotted object (SystemDisk.DiskType), as hand-written
            param["style"], param["explode"] = DOTTED_OBJECT["style"], DOTTED_OBJECT["explode"]
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
    exact_set: set[str] = field(default_factory=set)
    ends_after: str | None = None
    to_end: bool = False
    known: set[str] = field(default_factory=set)
    seen: set[str] = field(default_factory=set)
    children: list[tuple[Row, _Block | None]] = field(default_factory=list)
    guessed: bool = False
    closed: bool = False


def _response_blocks(page: Page, action: str, hints: Hints, existing: dict[str, tuple[str, list[str]]],
                     fail: Fail, guesses: list[str]) -> _Block:
    hint_file = hints.display or "the hints file"

    def block(path: str, row: Row | None, parent: _Block | None) -> _Block:
        b = _Block(path, row, parent)
        hint = hints.shape(action, "shapes", path) if path else {}
        members = hint.get("members")
        if row is not None and row.members is not None and not isinstance(members, list):
            members = row.members  # the page states them: a sub-table, or indentation
        if isinstance(members, list):
            b.exact = [str(m) for m in members]
            b.exact_set = set(b.exact)
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
            if (name in b.exact_set or name in b.known) and name not in b.seen:
                target = b
                break
        if target is None and name.lower() == "requestid" and name not in root.seen \
                and all(b.exact is None for b in stack[1:]):
            target = root  # the envelope's RequestId is never a member of the object above it
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
                if target.exact is not None and (name not in target.exact_set or name in target.seen):
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
        plan.named = b.row.named if b.row is not None else None
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
    guesses: list[str] = list(page.guesses)  # the reader's own first (captions, names)
    first_code: dict[str, int] = {}
    for e in page.errors:
        if pascal(e.code) in RUNTIME_ERROR_CLASSES:
            fail(e.line, f"error code {e.code!r} would shadow the SDK's own {pascal(e.code)} "
                 "class; KSYUN codes never do, check the page")
        if e.code in first_code:
            fail(e.line, f"duplicate error code {e.code!r} (first at line {first_code[e.code]})")
        first_code.setdefault(e.code, e.line)
    params = _request_plan(page, action, hints, fail, shapes)
    root = _response_blocks(page, action, hints, existing_tree, fail, guesses)
    if not page.response:
        fail(page.response_line or page.action_line,
             "no response table: expected a header row such as '参数名称 | 类型 | 描述' or "
             "'Parameter | Type | Description' after the request table (is the page cut off?)")
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

