"""import-doc, stage "names": what the spec already has for an action (its
objects by field path) and the final name of every object the plan holds."""

from __future__ import annotations

from typing import Any

from ..pages import Page
from ..problems import Problem
from .hints import Hints
from .plan import SCHEMA_PREFIX, Plan, ShapePlan, ref

PATH_PREFIX = "/#Action="

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
        children(path, props, seen | {name})

    def children(path: str, props: Any, seen: frozenset[str]) -> None:
        for prop, sub in props.items():
            sub_path = f"{path}.{prop}" if path else str(prop)
            inline = inline_object(sub)
            if inline is not None:  # a hand-written inline object: its fields place rows too
                out[sub_path] = (INLINE, list(inline["properties"]))
                children(sub_path, inline["properties"], seen)
            else:
                walk(sub_path, child_ref(sub), seen)

    walk("", local_ref(root), frozenset())
    return out


INLINE = ""  # the "name" of an inline object in existing_response_tree


def inline_object(schema: Any) -> Any:
    """The inline object schema a property holds (itself or as a list's items), or None."""
    if isinstance(schema, dict) and schema.get("type") == "array":
        schema = schema.get("items")
    if isinstance(schema, dict) and "$ref" not in schema and isinstance(schema.get("properties"), dict):
        return schema
    return None


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



def shape_sides(data: Any) -> dict[str, set[str]]:
    """Shape name → where the spec uses it: {"shapes"} (responses), {"request_shapes"}, or both."""
    out: dict[str, set[str]] = {}
    for item in (data.get("paths") or {}).values():
        if not isinstance(item, dict):
            continue
        for op in item.values():
            if not isinstance(op, dict):
                continue
            for name, _props in existing_response_tree(data, op).values():
                if name != INLINE:
                    out.setdefault(name, set()).add("shapes")
            for name in existing_request_tree(data, op).values():
                out.setdefault(name, set()).add("request_shapes")
    return out


def resolve_names(plan: Plan, data: Any, existing_names: dict[str, str], hints: Hints,
                  notes: list[str], problems: list[Problem], page: Page) -> dict[str, tuple[str, bool]]:
    """Plan path → (shape name, reused).  Children first, so reuse sees final refs."""
    schemas = ((data.get("components") or {}).get("schemas") or {})
    names: dict[str, tuple[str, bool]] = {}
    taken: dict[str, str] = {}
    by_signature: dict[Any, list[str]] | None = None
    sides: dict[str, set[str]] = {}

    def props_of(p: ShapePlan) -> dict[str, Any]:
        return {k: substitute(v, names) for k, v in p.fields}

    def depth(path: str) -> int:
        return 0 if path == "" else len(path.split("."))

    order = sorted(plan.shapes, key=lambda p: (p.startswith("request:"), -depth(p)))
    for path in order:
        sp = plan.shapes[path]
        request = path.startswith("request:")
        hint_key = "request_shapes" if request else "shapes"
        hint_path = path.split(":", 1)[1] if request else path
        if path == "":
            hint = hints.action(plan.action).get("response") or {}
        else:
            hint = hints.shape(plan.action, hint_key, hint_path)
        pinned = str(hint["name"]) if hint.get("name") else None
        if path in existing_names and pinned in (None, existing_names[path]):
            names[path] = (existing_names[path], False)
            continue
        sig = shape_signature(props_of(sp))
        if pinned is None and sp.named and sp.named != sp.default:
            # the page names the type (a sub-table 'QuotaApplication参数说明'): that name, when
            # it is free or already holds these very fields; else the default, said in a note
            first = taken.get(sp.named)
            have = schemas.get(sp.named)
            if first is not None and shape_signature(props_of(plan.shapes[first])) == sig:
                names[path] = (sp.named, True)  # a second field of the same type on the page
                continue
            if first is None and (not isinstance(have, dict)
                                  or shape_signature(have.get("properties")) == sig):
                taken[sp.named] = path
                if isinstance(have, dict):
                    notes.append(f"reuse: {path or 'the response'} is the existing shape "
                                 f"{sp.named} (same fields)")
                names[path] = (sp.named, isinstance(have, dict))
                continue
            notes.append(f"{page.display}:{sp.line}: note: the page's type name {sp.named} is "
                         f"taken by another shape; this one is {sp.default}")
        name = pinned or sp.default
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
        if pinned is not None:  # a name the hints pin always wins
            names[path] = (name, False)
            continue
        if by_signature is None:  # every existing shape's fields and side, once per import
            by_signature = {}
            for k, v in schemas.items():
                if isinstance(v, dict) and v.get("properties"):
                    by_signature.setdefault(shape_signature(v.get("properties")), []).append(k)
            sides = shape_sides(data)
        # reuse never crosses request and response
        same = [k for k in by_signature.get(sig, []) if sides.get(k, {hint_key}) == {hint_key}]
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
            # (the row's text stays beside the $ref: a 'Primary | Object | 主节点' row's 主节点)
            rest = {k: substitute(v, names) for k, v in schema.items() if k != "$plan"}
            target = ref(names[schema["$plan"]][0]) if schema["$plan"] in names else {"type": "object"}
            return {**target, **rest}
        return {k: substitute(v, names) for k, v in schema.items()}
    if isinstance(schema, list):
        return [substitute(v, names) for v in schema]
    return schema

