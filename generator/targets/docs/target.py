"""The docs target: a static HTML reference and one Markdown page per action.

Everything a page shows is computed here, in small tested functions
(tests/test_docs_target.py); the templates under ``templates/docs/`` only
loop and call these filters.

* HTML text is escaped by Jinja's autoescaping (``*.html.j2`` templates); the
  only markup a filter makes is :func:`json_script` (JSON for a ``.js`` file,
  with ``<``, ``>``, ``&`` written as ``\\u003c``...).
* Markdown cells and prose go through :func:`md_cell` / :func:`md_text`:
  ``&``, ``<``, ``>``, ``[`` become entities, ``|`` becomes ``\\|`` and a line
  break ``<br>``, so spec text can neither break a table nor inject markup, a
  link or an image. That is every text: names too (a parameter or property
  name is not limited to letters by the spec's validation), error codes, the
  summary in the title.
  ``import-doc`` reads the Markdown page back to the same spec
  (md_cell lives in generator.pages.write beside md_unescape, which reads it back).
* One rule per output format, and one corpus of hostile strings tests them all
  (tests/hostile_strings.py, tests/test_docs_hostile.py).
* Example arguments, the wire query and the example response come from
  generator.examples (shared with the mock server); Python names and
  exception classes from generator.targets.python.target (what the SDK really has).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from ... import examples
from ...ir import Api, Field, Operation, Pagination, Service, TypeRef
from ...pages import write
from ...pages.write import describe, doc_type, indented, md_cell
from ..python import target as py
from ..python import names as python_names
from ..base import Target

SITE_TITLE = "KSYUN API reference"
_CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


# ---- escaping -------------------------------------------------------------------

def md_text(text: Any) -> str:
    """Spec text as one Markdown paragraph line: as :func:`md_cell`, and a leading
    character that would start a heading, quote or list is backslash-escaped."""
    s = md_cell(text)
    if s[:1] in ("#", "-", "+", "*", "=") or re.match(r"^\d+[.)]", s):
        s = "\\" + s
    return s


def json_script(value: Any) -> str:
    """*value* as JSON that is safe inside a ``<script>`` or a ``.js`` file."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def pretty_json(value: Any) -> str:
    """An example body as people read it: indented, keys in the spec's order, CJK as is."""
    return json.dumps(value, ensure_ascii=False, indent=2)


def lang(text: str) -> str:
    """The ``lang`` of a piece of spec text: ``zh-CN`` when it holds CJK, else ``en``."""
    return "zh-CN" if _CJK.search(text or "") else "en"


def page_name(name: str) -> str:
    """A file name for an action or shape: the name itself when it is plain, else
    percent-encoded (so it can never leave its folder)."""
    if _SAFE_NAME.match(name) and name not in (".", ".."):
        return name
    return quote(name, safe="").replace(".", "%2E").replace("%", "_")


# ---- rows of the request and response tables ---------------------------------------

@dataclass(frozen=True)
class DocRow:
    """One row of a parameter or field table, flattened the KSYUN way."""

    name: str  # as on the page: "SystemDisk.DiskType", "DataDisk.N.Size", "ImageId"
    depth: int  # nesting level (0 = top)
    type: str  # page type: String, Int, Long, Float, Boolean, Object, Object[], String[]
    shape: str  # the shape the row's type names ("" for scalars)
    required: bool
    description: str
    example: Any
    has_example: bool
    enum: tuple[Any, ...] = ()
    format: str = ""

    @property
    def cell(self) -> str:
        """The description cell as a KSYUN page writes it (``... 示例值:x``)."""
        return describe(self.description, self.example, self.has_example)


def _scalar(t: TypeRef) -> TypeRef:
    return t.item if t.kind == "array" and t.item is not None else t


def _param_rows(service: Service, name: str, t: TypeRef, required: bool, description: str,
                example: Any, has_example: bool, depth: int, seen: frozenset[str]) -> list[DocRow]:
    shape = t.shapes()[0] if t.shapes() else ""
    if t.kind == "array" and t.item is not None and not shape:
        item = t.item
        return [DocRow(f"{name}.N", depth, doc_type(item), "", required, description, example,
                       has_example, item.enum, item.format or "")]
    if shape and t.kind in ("array", "shape"):
        prefix = f"{name}.N" if t.kind == "array" else name
        rows = [DocRow(prefix, depth, "Object[]" if t.kind == "array" else "Object", shape,
                       required, description, None, False)]
        if shape in seen:
            return rows
        for f in service.shape(shape).fields:
            rows.extend(_param_rows(service, f"{prefix}.{f.name}", f.type, f.required,
                                    f.description, f.example, f.has_example, depth + 1,
                                    seen | {shape}))
        return rows
    return [DocRow(name, depth, doc_type(t), "", required, description, example, has_example,
                   t.enum, t.format or "")]


def request_rows(service: Service, op: Operation) -> list[DocRow]:
    """The request table below Action and Version: lists as ``Name.N``, objects dotted."""
    rows: list[DocRow] = []
    for p in op.parameters:
        rows.extend(_param_rows(service, p.name, p.type, p.required, p.description, p.example,
                                p.has_example, 0, frozenset()))
    return rows


def field_rows(service: Service, shape: str, depth: int = 0,
               seen: frozenset[str] = frozenset()) -> list[DocRow]:
    """A shape's fields, each object's members right below it one level deeper."""
    rows: list[DocRow] = []
    if shape in seen:
        return rows
    for f in service.shape(shape).fields:
        row = _field_row(f, depth)
        rows.append(row)
        if row.shape:
            rows.extend(field_rows(service, row.shape, depth + 1, seen | {shape}))
    return rows


def own_fields(service: Service, shape: str) -> list[DocRow]:
    """A shape's own fields (one level), for its page."""
    return [_field_row(f, 0) for f in service.shape(shape).fields]


def _field_row(f: Field, depth: int) -> DocRow:
    inner = f.type.shapes()
    s = _scalar(f.type)
    return DocRow(f.name, depth, doc_type(f.type), inner[0] if inner else "", f.required,
                  f.description, f.example, f.has_example, s.enum, s.format or "")


def md_name(row: DocRow) -> str:
    """The name cell of a Markdown response row: the name as any cell (:func:`md_cell`),
    then one ideographic space per level in front shows the nesting (import-doc reads
    it as the plain name; md_cell would strip the spaces, so they come after it)."""
    return indented(md_cell(row.name), row.depth)


def yes_no(value: bool) -> str:
    return "yes" if value else "no"


def constraints(row: DocRow) -> str:
    """``One of: a, b``; ``format: int64``: what the type says beyond its name."""
    parts = []
    if row.enum:
        parts.append("One of: " + ", ".join(_shown(v) for v in row.enum))
    if row.format:
        parts.append(f"Format: {row.format}")
    return "; ".join(parts)


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def example_text(row: DocRow) -> str:
    return _shown(row.example) if row.has_example else ""


# ---- links --------------------------------------------------------------------

def action_href(action: str, here: str = "action") -> str:
    """Link to an action page from an action page (``here="action"``) or a shape page."""
    return ("../" if here == "shape" else "") + page_name(action) + ".html"


def shape_href(shape: str, here: str = "action") -> str:
    return ("" if here == "shape" else "shapes/") + page_name(shape) + ".html"


def version_path(service: Service) -> str:
    """``kec/2016-03-04``: the folder of a service version's pages."""
    return f"{page_name(service.name)}/{page_name(service.version)}"


class _Usage:
    """Which actions reach which shapes (a shape's page lists the actions using it)."""

    def __init__(self) -> None:
        self._cache: dict[int, tuple[Service, dict[str, list[str]]]] = {}

    def __call__(self, service: Service, shape: str) -> list[str]:
        hit = self._cache.get(id(service))
        if hit is None or hit[0] is not service:
            hit = (service, _usage(service))
            self._cache[id(service)] = hit
        return hit[1].get(shape, [])


def _usage(service: Service) -> dict[str, list[str]]:
    direct: dict[str, set[str]] = {s.name: {n for f in s.fields for n in f.type.shapes()}
                                   for s in service.shapes}
    used: dict[str, set[str]] = {}
    for op in service.operations:
        roots = {op.response} | {n for p in op.parameters for n in p.type.shapes()}
        stack = [r for r in roots if r]
        seen: set[str] = set()
        while stack:
            name = stack.pop()
            if name in seen:
                continue
            seen.add(name)
            stack.extend(direct.get(name, ()))
        for name in seen:
            used.setdefault(name, set()).add(op.action)
    return {k: sorted(v) for k, v in used.items()}


def response_shapes(service: Service) -> set[str]:
    return {op.response for op in service.operations}


# ---- usage examples -------------------------------------------------------------

def python_value(service: Service, t: TypeRef, value: Any) -> str:
    """A Python expression for an example *value* of type *t*: objects become the
    SDK's model classes (``RunInstancesSystemDisk(disk_type="ESSD_PL1")``)."""
    if t.kind == "array" and isinstance(value, list):
        item = t.item or TypeRef("any")
        return "[" + ", ".join(python_value(service, item, v) for v in value) + "]"
    if t.kind == "shape" and t.shape and isinstance(value, dict):
        fields = {f.name: f for f in service.shape(t.shape).fields}
        args = ", ".join(f"{python_names.field_name(fields[k])}={python_value(service, fields[k].type, v)}"
                         for k, v in value.items())
        return f"{python_names.class_name(t.shape)}({args})"
    if isinstance(value, float) and not math.isfinite(value):
        return f'float("{value}")'  # (an example of 1e400 is inf: repr() would be a NameError)
    return py.py_literal(value)


def python_example(service: Service, op: Operation) -> str:
    """The SDK call with the example arguments, as a runnable snippet."""
    args = examples.request_example(service, op)
    params = {p.name: p for p in op.parameters}
    models = sorted({python_names.class_name(s) for name in args for s in params[name].type.shapes()})
    package = f"ksyun_sdk.{python_names.module_name(service.name)}.{python_names.version_module(service.version)}"
    lines = [f"from {package} import {py.client_class(service)}"]
    if models:
        lines.append(f"from {package}.models import {', '.join(models)}")
    lines += ["", "# credentials from KSYUN_ACCESS_KEY / KSYUN_SECRET_KEY",
              f'with {py.client_class(service)}(region="cn-beijing-6") as client:']
    call = f"    resp = client.{py.method_name(op.action)}("
    if not args:
        lines.append(call + ")")
    else:
        lines.append(call)
        for name, value in args.items():
            p = params[name]
            lines.append(f"        {python_names.field_name(p)}={python_value(service, p.type, value)},")
        lines.append("    )")
    lines.append("    print(resp.request_id)")
    return "\n".join(lines)


def wire_example(service: Service, op: Operation) -> str:
    """The HTTP request of the example call: method, URL (GET) or form body (POST)."""
    query = examples.wire_query(service, op, examples.request_example(service, op))
    endpoint = (service.endpoint or f"https://{service.name}.api.ksyun.com").rstrip("/")
    if op.method == "GET":
        return f"GET {endpoint}/?{query}"
    return (f"POST {endpoint}/\nContent-Type: application/x-www-form-urlencoded\n\n{query}")


def response_json(service: Service, op: Operation) -> str:
    return pretty_json(examples.response_example(service, op))


# ---- facts ------------------------------------------------------------------------

def retry_fact(op: Operation) -> str:
    return write.retry_fact(op.idempotent)


def paging_facts(p: Pagination) -> list[str]:
    """What a caller needs to page through the results, one sentence each."""
    facts = [f"Page size: request parameter {p.limit}.",
             f"Items of each page: response field {p.items}."]
    if p.style == "marker":
        facts.append(f"Position: {p.input_token} is an integer offset; the next page starts at "
                     f"{p.input_token} + the number of items received. An empty or short page "
                     "is the last one.")
    else:
        facts.append(f"Position: send the response's {p.output_token} back as {p.input_token}; "
                     f"an absent or empty {p.output_token} means the last page.")
    if p.total:
        facts.append(f"Total count: response field {p.total}.")
    return facts


def error_class_path(service: Service, code: str) -> str:
    """Where the SDK's exception class for *code* lives, as users import it."""
    return (f"ksyun_sdk.{python_names.module_name(service.name)}.{python_names.version_module(service.version)}"
            f".errors.{py.error_class(code)}")


def python_method(service: Service, op: Operation) -> str:
    return f"{py.client_class(service)}.{py.method_name(op.action)}"


def first_line(text: str) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


# ---- search ------------------------------------------------------------------------

def search_entries(api: Api) -> list[list[str]]:
    """The search index: one entry per action and shape:
    ``[name, href from the site root, summary, field names, "service version"]``."""
    entries: list[list[str]] = []
    for s in api.services:
        where = f"{s.name} {s.version}"
        base = version_path(s)
        for op in s.operations:
            names = {part for r in request_rows(s, op) for part in r.name.split(".") if part != "N"}
            names |= {r.name for r in field_rows(s, op.response)}
            entries.append([op.action, f"{base}/{action_href(op.action)}", first_line(op.summary),
                            " ".join(sorted(names)), where])
        for shape in s.shapes:
            fields = " ".join(sorted({f.name for f in shape.fields}))
            entries.append([shape.name, f"{base}/{shape_href(shape.name)}",
                            first_line(shape.description), fields, where])
    return entries


def search_index_js(api: Api) -> str:
    return f"window.KSYUN_SEARCH_INDEX = {json_script(search_entries(api))};"


class DocsTarget(Target):
    name = "docs"

    def __init__(self) -> None:
        self._usage = _Usage()

    def environment(self) -> Any:
        import jinja2

        env = super().environment()
        env.autoescape = jinja2.select_autoescape(enabled_extensions=("html.j2",),
                                                  default_for_string=False, default=False)
        return env

    def service_folder(self, service: Service) -> str:
        return f"html/{version_path(service)}/"

    def owned_by(self, api: Api) -> Callable[[str], bool]:
        """A service version's HTML folder and its Markdown folder, and the copied files."""
        folders = tuple(f"{kind}/{version_path(s)}/" for s in api.services for kind in ("html", "markdown"))
        copied = {entry["output"] for entry in self.manifest() if entry.get("copy")}
        return lambda rel: rel.startswith(folders) or rel in copied

    def filters(self) -> dict[str, Callable[..., Any]]:
        return {
            "action_href": action_href,
            "constraints": constraints,
            "error_class_path": error_class_path,
            "example_text": example_text,
            "field_rows": field_rows,
            "first_line": first_line,
            "flag": write.flag,
            "lang": lang,
            "md_cell": md_cell,
            "md_header": write.md_header,
            "md_name": md_name,
            "md_text": md_text,
            "own_fields": own_fields,
            "page_name": page_name,
            "paging_facts": paging_facts,
            "python_example": python_example,
            "python_method": python_method,
            "request_rows": request_rows,
            "response_json": response_json,
            "retry_fact": retry_fact,
            "search_index_js": search_index_js,
            "shape_href": shape_href,
            "shape_users": self._usage,
            "version_path": version_path,
            "wire_example": wire_example,
            "yes_no": yes_no,
        }


__all__ = ["DocRow", "DocsTarget"]
