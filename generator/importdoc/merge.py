"""import-doc, stage "merge": the named plan merged into the spec's ruamel
data in place.

Merge rule (also in spec/README.md): the import adds what is missing and
updates what the page states about the wire (types, required, enum pins,
examples, error status and message); it never removes anything; where the
spec already has a non-empty description or summary that differs from the
page, the spec's text is kept and reported (``kept:``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ..pages import Page
from ..problems import Problem, SpecError
from .hints import Hints
from .names import (
    INLINE,
    PATH_PREFIX,
    child_ref,
    existing_request_tree,
    existing_response_tree,
    find_operation,
    inline_object,
    local_ref,
    resolve_names,
    substitute,
)
from .plan import SCHEMA_PREFIX, Plan, ShapePlan, make_plan, ref
from .yamlio import node, yaml_key

STRUCTURAL = ("$ref", "type", "format", "items", "enum")
_BESIDE_REF = ("description", "example")

def same_value(a: Any, b: Any) -> bool:
    """Equal as JSON values (``"20"`` is not ``20``; ``True`` is not ``1``)."""
    for kind in (bool, str, int, float):
        if isinstance(a, kind) or isinstance(b, kind):
            return isinstance(a, kind) and isinstance(b, kind) and a == b
    return bool(a == b)


def _index(items: Any, item: Any, hint: int) -> int:
    """Position of *item* (by identity) in *items*, looked for from *hint* on
    first: the page's order is usually the spec's, so the whole import is
    linear in the number of rows."""
    n = len(items)
    for i in range(hint, n):
        if items[i] is item:
            return i
    return next(i for i in range(min(hint, n)) if items[i] is item)


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
                target[key] = node(value, key)
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
        if kind_new == "ref" and kind_old != "ref":
            # an inline schema replaced by a named one: nothing of it may stay beside the
            # $ref but its text and hand-written extensions
            for key in [k for k in target if k not in _BESIDE_REF and not str(k).startswith("x-")]:
                del target[key]
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

    def merge_shape(self, schemas: Any, name: str, plan: ShapePlan,
                    props: list[tuple[str, dict[str, Any]]], optional_stated: bool = True) -> None:
        """Merge one object of the page into the shape *name*.  *optional_stated*
        False: the page's 否 on this object's members says nothing (see
        :func:`silent_optionals`), only its 是 count."""
        shape = schemas.get(name)
        if not isinstance(shape, dict):
            body: dict[str, Any] = {"type": "object"}
            if plan.closed:
                body["additionalProperties"] = False
            if plan.description:
                body["description"] = plan.description
            body["properties"] = dict(props)
            if plan.required:
                body["required"] = list(plan.required)
            schemas[yaml_key(name)] = node(body)
            return
        if plan.closed and "additionalProperties" not in shape:
            self.insert(shape, "additionalProperties", False, "type")
        self.merge_text(shape, "description", plan.description, f"shape {name}",
                        after="additionalProperties" if plan.closed else "type")
        if not isinstance(shape.get("properties"), dict):
            shape["properties"] = CommentedMap()
        existing = shape["properties"]
        previous: str | None = None
        for prop, schema in props:
            if prop in existing and isinstance(existing[prop], dict):
                self.merge_schema(existing[prop], schema, f"{name}.{prop}")
            else:
                if previous is not None and previous == _last_key(existing):
                    existing[yaml_key(prop)] = node(schema)  # appending needs no reordering
                else:
                    keys = list(existing.keys())
                    pos = keys.index(previous) + 1 if previous in keys else 0
                    existing.insert(pos, yaml_key(prop), node(schema))
            previous = prop
        stated = {p for p, _ in props}
        for prop in existing:
            if prop not in stated:
                self.note(f"kept: {name}.{prop} (not on the page)")
        if plan.required is not None:
            if not optional_stated:
                req = shape.get("required")
                kept = [str(r) for r in req if r in stated] if isinstance(req, list) else []
                if kept:
                    self.note(f"kept: {name} required {kept} (the page marks every member of "
                              f"the optional {plan.path.split(':', 1)[-1]} 否, as KSYUN's pages "
                              "do for an optional object; only 是 changes it)")
            self.merge_required(shape, plan.required,
                                stated if optional_stated else set(plan.required))

    def merge_required(self, shape: Any, required: list[str], stated: set[str]) -> None:
        """Make *shape*'s ``required`` say what the page states of the members in
        *stated*: those in *required* are required, the others not.  Members the
        page does not state keep their place in the list; new ones are added at
        its end; a list the page leaves as it is is not rewritten."""
        req = shape.get("required")
        have = [str(p) for p in req] if isinstance(req, list) else []
        wanted = [p for p in have if p not in stated or p in required]
        wanted += [p for p in required if p not in wanted]
        if wanted == have:
            return
        if not isinstance(req, list):
            if wanted:
                shape["required"] = node(wanted, "required")
            return
        req.clear()
        req.extend(wanted)


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


@dataclass
class Prepared:
    """What the merge will do, decided from the whole spec (read-only)."""

    plan: Plan
    names: dict[str, tuple[str, bool]]
    notes: list[str]
    silent: set[str] = field(default_factory=set)  # see silent_optionals

    def written_shapes(self) -> set[str]:
        """Names of the shapes the merge creates or edits."""
        return {name for name, reused in self.names.values() if not reused}


def prepare(view: Any, page: Page, hints: Hints, version: str) -> Prepared:
    """Plan and name *page* against *view* (the spec's data; not changed)."""
    problems: list[Problem] = []
    action = page.action
    if page.version and page.version != version:
        raise SpecError([Problem(page.display, page.version_line, "",
                                 f"the page is for version {page.version}, not {version}")])
    found = find_operation(view, action)
    old_op = found[1] if found else {}
    tree = existing_response_tree(view, old_op) if found else {}
    plan = make_plan(page, hints, tree)
    existing_names = {path: name for path, (name, _props) in tree.items() if name != INLINE}
    if found:
        existing_names.update(existing_request_tree(view, old_op))
    notes: list[str] = []
    names = resolve_names(plan, view, existing_names, hints, notes, problems, page)
    if problems:
        raise SpecError(problems)
    # A hand-written inline object the page describes becomes a named shape; what
    # the page cannot say about it (which fields are required) goes with it.
    for path, (name, _props) in tree.items():
        if name == INLINE and path in plan.shapes and plan.shapes[path].required is None:
            inline = _inline_at(view, old_op, path)
            if inline is not None and isinstance(inline.get("required"), list):
                plan.shapes[path].required = [str(r) for r in inline["required"]]
    return Prepared(plan, names, notes, silent_optionals(page, plan))


def silent_optionals(page: Page, plan: Plan) -> set[str]:
    """Plan paths of the request objects whose members' 否 says nothing.

    KSYUN's pages mark every member of an optional object 否 (``Filter.N`` 否,
    ``Filter.N.Name`` 否), although a filter needs its name: the flag is the
    parameter's, not the member's.  So the 否 of a member states that it is
    optional only where the object itself is required or another of its
    members is marked 是; elsewhere the page states no member optional, and
    the import leaves those members of the shape's ``required`` as they are.
    """
    flags: dict[str, bool] = {}
    for row in page.request:
        path = ".".join(t for t in row.name.split(".") if t != "N")
        flags[path] = getattr(row, "required", None) is True
    out = set()
    for path, sp in plan.shapes.items():
        if path.startswith("request:") and not sp.required \
                and not flags.get(path[len("request:"):], False):
            out.add(path)
    return out


def apply(data: Any, prep: Prepared, page: Page, hints: Hints, spec_display: str) -> list[str]:
    """Merge the prepared page into *data* (ruamel round-trip data holding at
    least the action and the shapes it writes) in place → notes."""
    plan, names = prep.plan, prep.names
    m = Merger(data, spec_display, page.action)
    m.notes.extend(f"{spec_display}: {n}" for n in prep.notes)
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
        m.merge_shape(schemas, name, sp, props, optional_stated=path not in prep.silent)
    _merge_operation(m, data, plan, page, hints, names, find_operation(data, page.action))
    return m.notes


def merge_page(data: Any, page: Page, hints: Hints, version: str, spec_display: str) -> tuple[list[str], list[str]]:
    """Merge *page* into *data* (ruamel round-trip data) in place → (guesses, notes)."""
    prep = prepare(data, page, hints, version)
    return prep.plan.guesses, apply(data, prep, page, hints, spec_display)


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
        op["operationId"] = node(action)
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
    m.merge_text(op, "summary", hint.get("summary") or page.summary or None, action,
                 after="operationId")
    m.merge_text(op, "description", hint.get("description"), action, after="summary")
    _merge_idempotent(m, op, action, getattr(page, "idempotent", None), hint.get("idempotent"))
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
    cursor = 0
    for p in wanted:
        have = index.get(p["name"])
        if have is None:
            pos = _index(params, previous, cursor) + 1 if previous is not None else 0
            params.insert(pos, node(p))
            previous, cursor = params[pos], pos
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
        for key in ("style", "explode"):
            if key in p and key not in have:
                m.insert(have, key, p[key], _last_of(have, ("style", "description", "required")))
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
        cursor = _index(params, have, cursor)
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
        cursor = 0
        for e in plan.errors:
            have = by_code.get(e["code"])
            if have is None:
                pos = _index(errors, prev, cursor) + 1 if prev is not None else len(errors)
                errors.insert(pos, node(e))
                prev, cursor = errors[pos], pos
                continue
            for k in ("message", "httpStatus"):
                if have.get(k) != e[k]:
                    if k in have:
                        have[k] = node(e[k], k)
                    else:
                        m.insert(have, k, e[k], "code")
            m.merge_text(have, "description", e.get("description"), f"{action} error {e['code']}",
                         after="httpStatus")
            prev = have
            cursor = _index(errors, have, cursor)
        stated = {e["code"] for e in plan.errors}
        for e in errors:
            if isinstance(e, dict) and e.get("code") not in stated:
                m.note(f"kept: {action} error {e.get('code')} (not on the page)")


def _merge_idempotent(m: Merger, op: Any, action: str, stated: Any, hinted: Any) -> None:
    """``x-ksyun-idempotent``: what the page states (a docs page's "Safe to retry:
    yes/no."), which wins like the other facts it states; else the hints', which
    only fill it in.  A page that says nothing leaves it as it is."""
    cur = op.get("x-ksyun-idempotent")
    if isinstance(stated, bool):
        if isinstance(hinted, bool) and hinted != stated:
            m.note(f"{action}: the page says x-ksyun-idempotent {stated}, the hints {hinted}; "
                   "the page wins")
        value, source = stated, "page"
    elif isinstance(hinted, bool):
        value, source = hinted, "hints"
    else:
        return
    if cur is None:
        after = "description" if "description" in op else "summary" if "summary" in op else "operationId"
        m.insert(op, "x-ksyun-idempotent", value, after)
    elif same_value(cur, value):
        pass
    elif source == "page":
        op["x-ksyun-idempotent"] = value
        m.note(f"{action}: x-ksyun-idempotent {cur} → {value} (the page says so)")
    else:
        m.note(f"kept: {action} x-ksyun-idempotent {cur} (the hints say {hinted})")


def _inline_at(data: Any, op: Any, path: str) -> Any:
    """The inline object schema at field path *path* of *op*'s response, or None."""
    schemas = ((data.get("components") or {}).get("schemas") or {})
    try:
        node = op["responses"]["200"]["content"]["application/json"]["schema"]
    except (KeyError, TypeError):
        return None
    for part in path.split("."):
        shape = schemas.get(local_ref(node)) if local_ref(node) else inline_object(node)
        props = shape.get("properties") if isinstance(shape, dict) else None
        if not isinstance(props, dict) or part not in props:
            return None
        sub = props[part]
        named = child_ref(sub)
        node = inline_object(sub) or (ref(named) if named is not None else None)
        if node is None:
            return None
    return node if inline_object(node) is node else None


def _last_key(mapping: Any) -> Any:
    return next(reversed(mapping), None) if mapping else None


def _last_of(mapping: Any, keys: tuple[str, ...]) -> str | None:
    for k in keys:
        if k in mapping:
            return k
    return None


