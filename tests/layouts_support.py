"""Helpers for tests/test_import_layouts.py and tests/pages/layouts/measure.py.

The pages under tests/pages/layouts/ are written by hand in the layouts KSYUN
publishes its API pages in; beside each page ``<stem>.expect.yaml`` says, by
hand, what the page documents:

    service, version, action
    request:  {WireName: {type, required}}   lists as 'Name.N', object members dotted
    response: {path: type}                   'Items[].Member', 'Obj.Member', 'Tags[]'
    errors:   {Code: httpStatus}
    descriptions: {'request.Wire' | 'response.path' | 'errors.Code': text}   (optional, a few rows)
    refused:  {lines: [first, last]}         (instead of the above: the page must be refused)

This module imports a page with ``ksyun-codegen import-doc`` into a fresh spec
folder and reads the written spec back into the same flat form, so that the
two can be compared row by row.  It also holds the writers the property test
uses to put one invented action into several layouts.
"""

from __future__ import annotations

import contextlib
import html
import io
import shutil
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "spec"
LAYOUTS = Path(__file__).resolve().parent / "pages" / "layouts"
PAGE_SUFFIXES = (".txt", ".html", ".htm", ".md")
TYPES = ("string", "integer", "number", "boolean", "array", "object")


# ---- pages and expectations -------------------------------------------------------

def layout_pages() -> list[Path]:
    """Every page under tests/pages/layouts/ that has an expectation beside it."""
    return sorted(p for p in LAYOUTS.iterdir()
                  if p.suffix.lower() in PAGE_SUFFIXES and expectation_path(p).exists())


def expectation_path(page: Path) -> Path:
    return page.with_name(page.stem + ".expect.yaml")


def load_expectation(page: Path) -> dict[str, Any]:
    data = YAML(typ="safe").load(expectation_path(page).read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{expectation_path(page)}: not a mapping"
    return data


# ---- running the importer ---------------------------------------------------------

@dataclass
class ImportRun:
    code: int
    out: str
    err: str
    spec: Path


def fresh_spec(root: Path) -> Path:
    """An empty spec folder: only common.yaml, as a new service's import starts from."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(SPEC / "common.yaml", root / "common.yaml")
    return root


def run_import(pages: list[Path] | Path, service: str, version: str, spec: Path) -> ImportRun:
    """``ksyun-codegen import-doc PAGE... --service S --version V --spec SPEC --hints <missing>``,
    in process.  An exception escaping the CLI is a result too (code -1, traceback in err)."""
    from generator.cli import main

    if isinstance(pages, Path):
        pages = [pages]
    argv = ["import-doc", *[str(p) for p in pages], "--service", service, "--version", version,
            "--spec", str(spec), "--hints", str(spec / "none.yaml")]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        except Exception:  # the reader under test crashed: report it, do not stop the run
            traceback.print_exc(file=err)
            code = -1
    return ImportRun(int(code), out.getvalue(), err.getvalue(), spec)


def spec_files(spec: Path) -> dict[str, bytes]:
    """Every file the import wrote (common.yaml and the missing hints excluded)."""
    return {p.relative_to(spec).as_posix(): p.read_bytes() for p in sorted(spec.rglob("*"))
            if p.is_file() and p.relative_to(spec).as_posix() not in ("common.yaml",)}


def service_spec(spec: Path, service: str, version: str) -> dict[str, Any] | None:
    path = spec / service / f"{version}.yaml"
    if not path.exists():
        return None
    doc = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return doc if isinstance(doc, dict) else None


# ---- reading the spec back into the expectation's form -------------------------------

class SpecReader:
    """One service spec, read as wire rows."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.descriptions: dict[str, str] = {}  # 'request.X', 'response.Y', 'errors.Z' → text

    def resolve(self, node: Any, depth: int = 0) -> dict[str, Any]:
        if not isinstance(node, dict):
            return {}
        if depth > 50:
            raise ValueError("a $ref cycle")
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            target: Any = self.doc
            for part in ref[2:].split("/"):
                target = target.get(part.replace("~1", "/").replace("~0", "~"), {}) \
                    if isinstance(target, dict) else {}
            merged = dict(self.resolve(target, depth + 1))
            merged.update({k: v for k, v in node.items() if k != "$ref"})
            return merged
        if "allOf" in node and isinstance(node["allOf"], list):
            merged = {k: v for k, v in node.items() if k != "allOf"}
            props: dict[str, Any] = {}
            required: list[str] = []
            for part in node["allOf"]:
                r = self.resolve(part, depth + 1)
                props.update(r.get("properties") or {})
                required += list(r.get("required") or [])
                merged.setdefault("type", r.get("type"))
                if "items" in r:
                    merged.setdefault("items", r["items"])
            if props:
                merged["properties"] = {**props, **(merged.get("properties") or {})}
            if required:
                merged["required"] = required + list(merged.get("required") or [])
            return merged
        return node

    def kind(self, schema: dict[str, Any]) -> str:
        t = schema.get("type")
        if isinstance(t, list):
            t = next((x for x in t if x != "null"), None)
        if isinstance(t, str):
            return t
        if "properties" in schema:
            return "object"
        if "items" in schema:
            return "array"
        return "?"

    def operation(self, action: str) -> dict[str, Any] | None:
        for item in (self.doc.get("paths") or {}).values():
            item = self.resolve(item)
            for method in ("get", "post", "put", "delete", "patch"):
                op = item.get(method)
                if isinstance(op, dict) and op.get("operationId") == action:
                    return op
        return None

    def actions(self) -> list[str]:
        out = []
        for item in (self.doc.get("paths") or {}).values():
            for op in self.resolve(item).values():
                if isinstance(op, dict) and "operationId" in op:
                    out.append(str(op["operationId"]))
        return out

    # request ---------------------------------------------------------------------
    def request(self, op: dict[str, Any]) -> dict[str, dict[str, Any]]:
        rows: dict[str, dict[str, Any]] = {}
        for raw in op.get("parameters") or []:
            p = self.resolve(raw)
            name = str(p.get("name", ""))
            if name in ("Action", "Version") or p.get("in") == "header":
                continue
            schema = self.resolve(p.get("schema"))
            self._wire(name, schema, bool(p.get("required", False)), rows)
            for key in (name, name + ".N"):
                if key in rows:
                    self._describe("request." + key, p, schema)
        body = self.resolve(op.get("requestBody"))
        for media in (body.get("content") or {}).values():
            schema = self.resolve((media or {}).get("schema"))
            required = set(schema.get("required") or [])
            for name, sub in (schema.get("properties") or {}).items():
                if name in ("Action", "Version"):
                    continue
                self._wire(name, self.resolve(sub), name in required, rows)
            break
        return rows

    def _wire(self, prefix: str, schema: dict[str, Any], required: bool,
              rows: dict[str, dict[str, Any]]) -> None:
        kind = self.kind(schema)
        if kind == "array":
            item = self.resolve(schema.get("items"))
            if self.kind(item) == "object" and item.get("properties"):
                self._members(prefix + ".N.", item, rows)
            elif self.kind(item) == "array":
                self._wire(prefix + ".N", item, required, rows)
            else:
                rows[prefix + ".N"] = {"type": self.kind(item), "required": required}
        elif kind == "object" and schema.get("properties"):
            self._members(prefix + ".", schema, rows)
        else:
            rows[prefix] = {"type": kind, "required": required}

    def _members(self, prefix: str, schema: dict[str, Any], rows: dict[str, dict[str, Any]]) -> None:
        required = set(schema.get("required") or [])
        for name, sub in (schema.get("properties") or {}).items():
            member = self.resolve(sub)
            self._wire(prefix + name, member, name in required, rows)
            self._describe("request." + prefix + name, member, member)

    # response --------------------------------------------------------------------
    def response(self, op: dict[str, Any]) -> dict[str, str]:
        responses = op.get("responses") or {}
        ok = self.resolve(responses.get("200") or responses.get(200) or {})
        fields: dict[str, str] = {}
        for media in (ok.get("content") or {}).values():
            self._fields("", self.resolve((media or {}).get("schema")), fields)
            break
        return fields

    def _fields(self, prefix: str, schema: dict[str, Any], out: dict[str, str]) -> None:
        for name, sub in (schema.get("properties") or {}).items():
            path = prefix + name
            f = self.resolve(sub)
            kind = self.kind(f)
            out[path] = kind
            self._describe("response." + path, f, f)
            if kind == "array":
                self._items(path, self.resolve(f.get("items")), out)
            elif kind == "object":
                self._fields(path + ".", f, out)

    def _items(self, path: str, item: dict[str, Any], out: dict[str, str]) -> None:
        kind = self.kind(item)
        if kind == "object" and item.get("properties"):
            self._fields(path + "[].", item, out)
        elif kind == "array":
            out[path + "[]"] = "array"
            self._items(path + "[]", self.resolve(item.get("items")), out)
        elif kind != "object":
            out[path + "[]"] = kind

    def _describe(self, key: str, node: dict[str, Any], schema: dict[str, Any]) -> None:
        text = node.get("description") or schema.get("description") \
            or self.resolve(schema.get("items")).get("description") or ""
        self.descriptions[key] = str(text)

    # errors ----------------------------------------------------------------------
    def errors(self, op: dict[str, Any]) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in op.get("x-ksyun-errors") or []:
            if isinstance(e, dict) and "code" in e:
                self.descriptions["errors." + str(e["code"])] = str(e.get("description") or "")
                status = e.get("httpStatus")
                # (a status that is no number counts as -1: never the expected one)
                out[str(e["code"])] = int(str(status)) if str(status).isdigit() else -1
        return out


# ---- comparing ---------------------------------------------------------------------

@dataclass
class Section:
    """One of request/response/errors: expected rows, how many the spec holds faithfully."""

    name: str
    expected: dict[str, Any]
    actual: dict[str, Any]

    @property
    def faithful(self) -> list[str]:
        return [k for k, v in self.expected.items() if k in self.actual and self.actual[k] == v]

    @property
    def wrong(self) -> list[str]:
        return [f"{k}: expected {v!r}, spec has {self.actual[k]!r}"
                for k, v in self.expected.items() if k in self.actual and self.actual[k] != v]

    @property
    def missing(self) -> list[str]:
        return [k for k in self.expected if k not in self.actual]

    @property
    def extra(self) -> list[str]:
        return [f"{k} ({self.actual[k]!r})" for k in self.actual if k not in self.expected]

    def line(self) -> str:
        return f"{self.name} {len(self.faithful)}/{len(self.expected)}" + (
            f" (+{len(self.extra)} extra)" if self.extra else "")


@dataclass
class PageResult:
    page: str
    imported: bool
    sections: list[Section] = field(default_factory=list)
    problem: str = ""  # why the page did not import, or the refusal that did not happen

    @property
    def rows(self) -> int:
        return sum(len(s.expected) for s in self.sections)

    @property
    def faithful(self) -> int:
        return sum(len(s.faithful) for s in self.sections)

    @property
    def extras(self) -> int:
        return sum(len(s.extra) for s in self.sections)

    @property
    def perfect(self) -> bool:
        return self.imported and not self.problem and self.faithful == self.rows and not self.extras

    def summary(self) -> str:
        if not self.imported:
            return f"{self.page}: NOT IMPORTED: {self.problem}"
        head = f"{self.page}: " + ", ".join(s.line() for s in self.sections)
        details = []
        for s in self.sections:
            details += [f"  {s.name} missing: {m}" for m in s.missing]
            details += [f"  {s.name} wrong: {w}" for w in s.wrong]
            details += [f"  {s.name} extra: {x}" for x in s.extra]
        if self.problem:
            details.append(f"  {self.problem}")
        return "\n".join([head, *details])


def expected_rows(expect: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        "request": {k: {"type": v["type"], "required": bool(v["required"])}
                    for k, v in (expect.get("request") or {}).items()},
        "response": dict(expect.get("response") or {}),
        "errors": {k: int(v) for k, v in (expect.get("errors") or {}).items()},
    }


def check_imported(page_name: str, expect: dict[str, Any], doc: dict[str, Any] | None) -> PageResult:
    """Compare a written spec with a page's expectation."""
    want = expected_rows(expect)
    if doc is None:
        return PageResult(page_name, False, problem="no spec file was written for "
                          f"{expect['service']}/{expect['version']}")
    reader = SpecReader(doc)
    op = reader.operation(str(expect["action"]))
    if op is None:
        return PageResult(page_name, False, problem=f"no operation {expect['action']} in the spec "
                          f"(it holds {reader.actions()})")
    sections = [
        Section("request", want["request"], reader.request(op)),
        Section("response", want["response"], reader.response(op)),
        Section("errors", want["errors"], reader.errors(op)),
    ]
    if expect.get("descriptions"):
        # a few rows' description text, where a layout could run prose into a cell or drop it
        wanted = {str(k): str(v) for k, v in expect["descriptions"].items()}
        sections.append(Section("descriptions", wanted,
                                {k: reader.descriptions[k] for k in wanted if k in reader.descriptions}))
    return PageResult(page_name, True, sections)


def measure_page(page: Path, workdir: Path) -> tuple[PageResult, ImportRun]:
    """Import one page into a fresh spec below *workdir* and judge it by its expectation."""
    expect = load_expectation(page)
    spec = fresh_spec(workdir / page.stem / "spec")
    run = run_import(page, str(expect["service"]), str(expect["version"]), spec)
    if "refused" in expect:
        return judge_refusal(page, expect, run), run
    if run.code != 0:
        return PageResult(page.name, False, problem=f"exit code {run.code}: {last_lines(run.err)}"), run
    result = check_imported(page.name, expect, service_spec(spec, str(expect["service"]),
                                                            str(expect["version"])))
    return result, run


def refusal_problems(page: Path, expect: dict[str, Any], run: ImportRun) -> list[str]:
    """What is wrong with how an incomplete page was (or was not) refused."""
    import re

    problems = []
    if run.code != 2:  # the exit status of every page problem (README: "exit status 2")
        problems.append(f"exit code {run.code}, expected 2")
    written = spec_files(run.spec)
    if written:
        problems.append(f"files written: {sorted(written)}")
    first, last = expect["refused"]["lines"]
    cited = [int(m.group(1)) for m in re.finditer(re.escape(page.name) + r":(\d+)", run.err)]
    if not cited:
        problems.append(f"no message naming {page.name}:<line> (stderr: {last_lines(run.err)!r})")
    elif not any(first <= n <= last for n in cited):
        problems.append(f"the message cites line(s) {cited}, not one of the table that breaks off "
                        f"(lines {first}-{last})")
    return problems


def judge_refusal(page: Path, expect: dict[str, Any], run: ImportRun) -> PageResult:
    problems = refusal_problems(page, expect, run)
    section = Section("refusal", {"refused": True}, {"refused": True} if not problems else {})
    return PageResult(page.name, True, [section], problem="; ".join(problems))


def last_lines(text: str, n: int = 4) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return " / ".join(lines[-n:]) if lines else "(nothing on stderr)"


# ---- an invented action, written out in several layouts (the property test) -----------

@dataclass
class Param:
    name: str  # wire name, '.N' for lists
    doc_type: str  # String, Integer, Long, Boolean, Double
    required: bool
    description: str


@dataclass
class Field:
    name: str
    doc_type: str  # a scalar, Object or Object[]
    description: str


@dataclass
class ErrorCode:
    code: str
    message: str
    status: int
    description: str


@dataclass
class Action:
    name: str
    version: str
    summary: str
    params: list[Param]
    response: list[Field]  # flat, in page order: RequestId, scalars, then the nested block
    nested: str  # the name of the Object/Object[] row whose members run to the end of the table
    errors: list[ErrorCode]

    def request_table(self) -> tuple[list[str], list[list[str]]]:
        rows = [["Action", "String", "是", f"公共参数,本接口取值:{self.name}。"],
                ["Version", "String", "是", f"公共参数,本接口取值:{self.version}。"]]
        rows += [[p.name, p.doc_type, "是" if p.required else "否", p.description] for p in self.params]
        return ["参数名称", "类型", "是否必选", "描述"], rows

    def response_table(self) -> tuple[list[str], list[list[str]]]:
        return ["参数名称", "类型", "描述"], [[f.name, f.doc_type, f.description] for f in self.response]

    def error_table(self) -> tuple[list[str], list[list[str]]]:
        return ["错误码", "错误信息", "Http状态码", "描述"], [
            [e.code, e.message, str(e.status), e.description] for e in self.errors]

    def tables(self) -> list[tuple[str, list[str], list[list[str]]]]:
        out = [("请求参数", *self.request_table()), ("返回参数", *self.response_table())]
        if self.errors:
            out.append(("错误码", *self.error_table()))
        return out

    def expectation(self) -> dict[str, Any]:
        """What the page documents, in the expectation's form."""
        scalar = {"String": "string", "Integer": "integer", "Long": "integer", "Boolean": "boolean",
                  "Double": "number"}
        request = {}
        for p in self.params:
            request[p.name] = {"type": scalar[p.doc_type], "required": p.required}
        response: dict[str, str] = {}
        inside = ""
        for f in self.response:
            if f.doc_type in ("Object", "Object[]"):
                response[f.name] = "object" if f.doc_type == "Object" else "array"
                inside = f.name + ("." if f.doc_type == "Object" else "[].")
                continue
            response[inside + f.name] = scalar[f.doc_type]
        return {"service": "prop", "version": self.version, "action": self.name, "request": request,
                "response": response, "errors": {e.code: e.status for e in self.errors}}


def write_pipe(action: Action) -> str:
    """The seed page's layout: no leading pipe, a trailing one, '---|' under each header."""
    lines = [f"{action.name} {action.summary}"]
    for title, header, rows in action.tables():
        lines += [title, " | ".join(header) + " |", "---|"]
        lines += [" | ".join(r) + " |" for r in rows]
    return "\n".join(lines) + "\n纯净模式\n"


def write_markdown(action: Action) -> str:
    """A Markdown table: leading and trailing pipes, a full '|---|---|' separator."""
    lines = [f"{action.name} {action.summary}", ""]
    for title, header, rows in action.tables():
        lines += [title, "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        lines.append("")
    return "\n".join(lines)


def write_cell_per_line(action: Action) -> str:
    """One cell per line, each ending in ' |'; an empty cell is a lone '|'."""
    lines = [f"{action.name} {action.summary}"]
    for title, header, rows in action.tables():
        lines.append(title)
        for row in [header, *rows]:
            lines += [f"{c} |" if c else "|" for c in row]
    return "\n".join(lines) + "\n纯净模式\n"


def write_tabs(action: Action) -> str:
    """Tab-separated rows, as a browser copies a table."""
    lines = [f"{action.name} {action.summary}"]
    for title, header, rows in action.tables():
        lines.append(title)
        lines += ["\t".join(row) for row in [header, *rows]]
    return "\n".join(lines) + "\n"


def write_html(action: Action) -> str:
    """A saved HTML page: <table> with a <th> header row and <td> cells."""
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="zh-CN">', '<head><meta charset="utf-8">',
           f"<title>{e(action.name)} {e(action.summary)}</title></head>", "<body>",
           f"<h1>{e(action.name)} {e(action.summary)}</h1>"]
    for title, header, rows in action.tables():
        out.append(f"<h2>{e(title)}</h2>")
        out.append("<table>")
        out.append("<thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in header) + "</tr></thead>")
        out.append("<tbody>")
        out += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows]
        out.append("</tbody></table>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


WRITERS = {
    "pipe": (write_pipe, ".txt"),
    "markdown": (write_markdown, ".txt"),
    "cell-per-line": (write_cell_per_line, ".txt"),
    "tabs": (write_tabs, ".txt"),
    "html": (write_html, ".html"),
}
