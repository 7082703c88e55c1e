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
  generator.examples (shared with the mock server).  Each SDK's call of an
  action comes from that target's ``example_call`` hook and its names (methods,
  exception classes) from its ``public_names``: this module imports no other
  target, and asks every registered code target, in the order of
  :func:`code_targets` (python, typescript, go, then the others by name).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote

from pygments.lexers import get_lexer_by_name
from pygments.token import Token
from pygments.util import ClassNotFound

from ... import examples
from ...cache import Cache, digest
from ...facts import shape_closure
from ...ir import Api, Field, Operation, Pagination, Service, Shape, TypeRef
from ...pages import write
from ...pages.write import describe, doc_type, indented, md_cell
from ...problems import GeneratorBug
from ..base import ExampleCall, Target, _add

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

CODE_ORDER = ("python", "typescript", "go")  # the tabs' order; other targets follow by name


def code_targets() -> list[Target]:
    """Every registered target but the docs, python, typescript and go first."""
    from .. import TARGETS  # the registry (imported late: it imports this module)

    names = [n for n in CODE_ORDER if n in TARGETS]
    names += sorted(n for n in TARGETS if n not in CODE_ORDER and n != "docs")
    return [TARGETS[n]() for n in names]


def wire_example(service: Service, op: Operation) -> str:
    """The HTTP request of the example call: method, URL (GET) or form body (POST)."""
    query = examples.wire_query(service, op, examples.request_example(service, op))
    endpoint = (service.endpoint or f"https://{service.name}.api.ksyun.com").rstrip("/")
    if op.method == "GET":
        return f"GET {endpoint}/?{query}"
    return (f"POST {endpoint}/\nContent-Type: application/x-www-form-urlencoded\n\n{query}")


def response_json(service: Service, op: Operation) -> str:
    return pretty_json(examples.response_example(service, op))


# ---- code on the page ---------------------------------------------------------------

# Pygments token types → the short classes style.css colours (the first match wins;
# a token of no listed type is plain text).
_TOKEN_CLASSES = (
    (Token.Comment, "c"), (Token.Keyword, "k"), (Token.Name.Builtin, "nb"),
    (Token.Name.Function, "nf"), (Token.Name.Class, "nc"), (Token.Name.Tag, "nt"),
    (Token.Literal.String, "s"), (Token.Literal.Number, "m"), (Token.Operator.Word, "k"),
)
_LEXERS: dict[str, Any] = {}
_CLASS_OF: dict[Any, str] = {}  # token type -> its class (token types are interned singletons)


def highlight(code: str, lexer: str) -> list[tuple[str, str]]:
    """*code* as (class, text) runs for the template to wrap in ``<span>``s (Jinja
    escapes the text, as every text of a page).  Pygments (pinned) only lexes: the
    colours are style.css's, for light and dark.  An unknown lexer name is plain text."""
    lex = _LEXERS.get(lexer)
    if lex is None:
        try:
            lex = get_lexer_by_name(lexer, stripnl=False, ensurenl=False)
        except ClassNotFound:
            lex = get_lexer_by_name("text", stripnl=False, ensurenl=False)
        _LEXERS[lexer] = lex
    runs: list[tuple[str, str]] = []
    for token, text in lex.get_tokens(code):
        cls = _CLASS_OF.get(token)
        if cls is None:
            cls = _CLASS_OF[token] = next((c for t, c in _TOKEN_CLASSES if token in t), "")
        if runs and runs[-1][0] == cls:
            runs[-1] = (cls, runs[-1][1] + text)
        else:
            runs.append((cls, text))
    return [r for r in runs if r[1]]


@dataclass(frozen=True)
class TextPart:
    """A piece of a description: prose, or text that is code (a JSON body, a URL,
    a regular expression, a long unbroken token), shown as code."""

    text: str
    code: bool = False
    block: bool = False  # long code: shown collapsed, as a block

    @property
    def summary(self) -> str:
        kind = "JSON" if self.text.lstrip()[:1] in "{[" else "text"
        return f"Show the {kind} ({len(self.text):,} characters)"


LONG_CODE = 60  # characters; longer code in a description is collapsed
_URL = re.compile(r"https?://[^\s<>\"'，。、）)]+")
_REGEX = re.compile(r"(?<![^\s(（:：,，])\^[^\s]+\$(?=[\s)）.。,，;；]|$)")
_TOKEN_RUN = re.compile(r"[^\s]{41,}")


def text_parts(text: str) -> list[TextPart]:
    """*text* cut into prose and code (JSON bodies first, then URLs, regular
    expressions ``^...$`` and unbroken runs of more than 40 characters)."""
    text = text or ""
    spans: list[tuple[int, int, str]] = []  # start, end, shown text
    decoder = json.JSONDecoder()
    i = 0
    while True:
        i = min([j for j in (text.find("{", i), text.find("[", i)) if j >= 0], default=-1)
        if i < 0:
            break
        try:
            value, end = decoder.raw_decode(text, i)
        except (ValueError, RecursionError):
            i += 1
            continue
        if isinstance(value, (dict, list)) and value and end - i >= 20:
            spans.append((i, end, json.dumps(value, ensure_ascii=False, indent=2)))
            i = end
        else:
            i += 1
    for pattern in (_URL, _REGEX, _TOKEN_RUN):
        for m in pattern.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b, _t in spans):
                spans.append((m.start(), m.end(), m.group()))
    parts: list[TextPart] = []
    at = 0
    for start, end, shown in sorted(spans):
        if start > at:
            parts.append(TextPart(text[at:start]))
        parts.append(TextPart(shown, True, len(shown) > LONG_CODE or "\n" in shown))
        at = end
    if at < len(text) or not parts:
        parts.append(TextPart(text[at:]))
    return parts


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


def first_line(text: str) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


# ---- search ------------------------------------------------------------------------

def _gist(*texts: str) -> str:
    """The first of *texts* that is prose, its first line, at most 100 characters (a
    search result's one-line summary; a JSON body or a URL is no summary)."""
    for text in texts:
        parts = text_parts(first_line(text))
        if parts and not any(p.code for p in parts):
            line = first_line(text)
            return line if len(line) <= 100 else line[:99] + "…"
    return ""


def _terms(names: set[str]) -> str:
    """Names for the index, space-separated (a name holding a space is left out: it
    cannot be typed as one word)."""
    return " ".join(sorted(n for n in names if n and (n.isprintable() and " " not in n and "\u3000" not in n
                                                      or not any(c.isspace() for c in n))))


def search_index_js(entries: list[list[str]]) -> str:
    return f"window.KSYUN_SEARCH_INDEX = {json_script(entries)};"


@dataclass(frozen=True)
class SdkName:
    """One language's name of something (a method, an exception class)."""

    label: str  # "Python"
    text: str  # "KecClient.describe_images"


class _Sdks:
    """The registered code targets, asked once per service version: their example
    calls (:meth:`Target.example_call`) and public names (:meth:`Target.public_names`)."""

    def __init__(self) -> None:
        self._targets: list[Target] | None = None
        self._names: dict[tuple[int, str], tuple[Service, dict[str, str]]] = {}
        self._labels: dict[str, str] = {}
        self._calls: dict[tuple[int, str], tuple[Service, list[ExampleCall]]] = {}

    @property
    def targets(self) -> list[Target]:
        if self._targets is None:
            self._targets = code_targets()
        return self._targets

    def calls(self, service: Service, op: Operation) -> list[ExampleCall]:
        hit = self._calls.get((id(service), op.action))
        if hit is not None and hit[0] is service:
            return hit[1]
        out = []
        for t in self.targets:
            call = t.example_call(service, op)
            if call is not None:
                self._labels.setdefault(t.name, call.label)
                out.append(call)
        return out

    def prefetch(self, pairs: list[tuple[Service, Operation]]) -> None:
        """The example calls of many actions asked at once (:meth:`Target.example_call_many`:
        a target whose formatter is a process starts it once), kept for :meth:`calls`
        until :meth:`forget`."""
        if not pairs:
            return
        answers = [t.example_call_many(pairs) for t in self.targets]
        for i, (service, op) in enumerate(pairs):
            out = []
            for t, calls in zip(self.targets, answers, strict=True):
                call = calls[i]
                if call is not None:
                    self._labels.setdefault(t.name, call.label)
                    out.append(call)
            self._calls[(id(service), op.action)] = (service, out)

    def drop(self, service: Service) -> None:
        """Drop what was asked about *service* (its pages are rendered)."""
        for t in self.targets:
            self._names.pop((id(service), t.name), None)
        for op in service.operations:
            self._calls.pop((id(service), op.action), None)

    def forget(self) -> None:
        """Drop everything asked (a render is done)."""
        self._calls.clear()
        self._names.clear()

    def label(self, target: Target, service: Service) -> str:
        if target.name not in self._labels and service.operations:
            self.calls(service, service.operations[0])
        return self._labels.get(target.name, target.name)

    def names(self, target: Target, service: Service, api: Api) -> dict[str, str]:
        key = (id(service), target.name)
        hit = self._names.get(key)
        if hit is None or hit[0] is not service:
            public = getattr(target, "public_names", None)
            hit = (service, dict(public(service, api)) if public is not None else {})
            self._names[key] = hit
        return hit[1]

    def each(self, service: Service, api: Api) -> list[tuple[str, dict[str, str]]]:
        """(label, public names) of every code target that names anything."""
        out = []
        for t in self.targets:
            names = self.names(t, service, api)
            if names:
                out.append((self.label(t, service), names))
        return out


def _named(sdks: list[tuple[str, dict[str, str]]], *key: str) -> set[str]:
    """Every SDK's public name under *key* (``"actions", "DescribeImages"``)."""
    k = _key(*key)
    return {names[k] for _label, names in sdks if k in names}


def _key(*tokens: str) -> str:
    # (the keys of Target.public_names: "/"-joined, each token escaped as in a JSON pointer)
    return "/".join(t.replace("~", "~0").replace("/", "~1") if "~" in t or "/" in t else t for t in tokens)


# ---- what one page is made from -------------------------------------------------------

def reached_shapes(service: Service, op: Operation) -> set[str]:
    """The shapes *op*'s request and response reach, through every field."""
    return shape_closure(service, [op.response, *(n for p in op.parameters for n in p.type.shapes())])


def action_service(service: Service, op: Operation) -> Service:
    """*service* as one action's pages see it: its header, *op* and the shapes *op*
    reaches, in the service's order.  An action's pages are rendered from this alone
    (and the common errors and SDK versions), so they are a function of its ``repr``
    (every field but the spec lines, which no page shows): the key of the page cache
    (:func:`made_from`)."""
    order = _shape_order(service)
    reached = sorted((order[n], n) for n in reached_shapes(service, op) if n in order)
    return replace(service, operations=(op,), shapes=tuple(service.shape(n) for _i, n in reached))


def _shape_order(service: Service) -> dict[str, int]:
    hit = _ORDERS.get(id(service))
    if hit is None or hit[0] is not service:
        _ORDERS.clear()  # (one service at a time)
        hit = _ORDERS[id(service)] = (service, {sh.name: i for i, sh in enumerate(service.shapes)})
    return hit[1]


_ORDERS: dict[int, tuple[Service, dict[str, int]]] = {}


def made_from(page: Service, reprs: dict[int, tuple[Any, str]] | None = None) -> str:
    """SHA-256 of ``repr(page)`` (a service as :func:`action_service` or
    :func:`shape_service` makes it), read in parts: its header, each action, each
    shape; *reprs* keeps each part's hash by object (a shape many actions reach is
    read once)."""
    def text(obj: Any) -> str:
        if reprs is None:
            return digest(repr(obj))
        hit = reprs.get(id(obj))
        if hit is None or hit[0] is not obj:
            hit = reprs[id(obj)] = (obj, digest(repr(obj)))
        return hit[1]

    header = repr(replace(page, operations=(), shapes=()))
    return digest("page-service", header, *(text(op) for op in page.operations), "|",
                  *(text(sh) for sh in page.shapes))


def shape_service(service: Service, shape: Shape) -> Service:
    """*service* as one shape's page sees it: its header and the shape (the actions
    using it are given to the page as ``users``)."""
    return replace(service, operations=(), shapes=(shape,))


PAGE_CACHE = "docs-pages"
PAGE_FORMAT = "1"


def own_targets(targets: list[Target]) -> bool:
    """Every code target is one of the generator's own (not one a test registers)."""
    return all(type(t).__module__.startswith("generator.targets.") for t in targets)


def docs_toolchain(targets: list[Target]) -> tuple[str, ...]:
    """What the pages depend on besides the generator and the pinned tools of
    :func:`generator.state.toolchain`: each code target's toolchain (gofmt formats the Go
    calls), Pygments (it lexes the code) and MarkupSafe (it escapes the text)."""
    from importlib.metadata import version

    tools = tuple(v for t in targets for v in t.toolchain_versions()) if own_targets(targets) else ()
    return (*tools, f"Pygments=={version('Pygments')}", f"MarkupSafe=={version('MarkupSafe')}")


def page_code(targets: list[Target]) -> str:
    """What every page depends on besides its inputs: the generator's code and templates,
    Python and the pinned tools (:func:`generator.state.toolchain`), :func:`docs_toolchain`,
    the registered code targets.  Empty (no cache) when a code target is not one of the
    generator's own."""
    from ... import state

    if not own_targets(targets):
        return ""
    return digest("docs-pages", PAGE_FORMAT, state.toolchain(docs_toolchain(targets)),
                  repr([(t.name, type(t).__module__, type(t).__qualname__) for t in targets]))


class DocsTarget(Target):
    name = "docs"
    service_local = True  # (see Target.service_local: every page below a service's folders is made
    #                        from that service, the common errors and the SDK versions)

    def __init__(self) -> None:
        self._usage = _Usage()
        self._sdks = _Sdks()
        self._code: str | None = None
        self._reprs: dict[int, tuple[Any, str]] = {}  # (made_from's, during a render)

    # -- what each SDK calls things -------------------------------------------------
    def example_calls(self, service: Service, op: Operation) -> list[ExampleCall]:
        """The action called in every SDK, python, typescript, go, then the others."""
        return self._sdks.calls(service, op)

    def sdk_methods(self, service: Service, op: Operation, api: Api) -> list[SdkName]:
        """``KecClient.describe_images`` (Python), ``KecClient.describeImages`` (TypeScript)..."""
        out = []
        for label, names in self._sdks.each(service, api):
            method = names.get(_key("actions", op.action))
            if method:
                client = names.get("client", "")
                qualified = client and "." not in method  # (a method named with its type already)
                out.append(SdkName(label, f"{client}.{method}" if qualified else method))
        return out

    def sdk_modules(self, service: Service, api: Api) -> list[SdkName]:
        """Where each SDK's client of *service* is imported from."""
        return [SdkName(label, names["module"]) for label, names in self._sdks.each(service, api)
                if names.get("module")]

    def error_classes(self, service: Service, code: str, api: Api) -> list[SdkName]:
        """Each SDK's exception class of *code*; languages that name it alike share one
        entry (label ``"Python, TypeScript"``)."""
        by_name: dict[str, list[str]] = {}
        for label, names in self._sdks.each(service, api):
            cls = names.get(_key("errors", code))
            if cls:
                by_name.setdefault(cls, []).append(label)
        return [SdkName(", ".join(labels), cls) for cls, labels in by_name.items()]

    def search_entries(self, api: Api) -> list[list[str]]:
        """The search index, one entry per action, shape and documented error code:
        ``[name, href from the site root, kind, "service version", summary, names, more]``.
        *names* (space-separated) rank first: the wire name and every SDK's name of it
        (``describe_images``, ``describeImages``) or exception class; *more* ranks after:
        field names (wire and every SDK's), error codes and exception classes of an action.
        A service version's entries are kept in the page cache by the hash of the service
        (:func:`made_from`), the common errors and the SDK versions."""
        code = self._page_code()
        cache = Cache(PAGE_CACHE) if code else None
        facts = repr((api.common_errors, api.sdk_versions))
        entries: list[list[str]] = []
        for s in api.services:
            key = digest("docs-search", code, facts, made_from(s, self._reprs)) if cache is not None else ""
            kept = cache.get(key) if cache is not None else None
            if kept is not None:
                entries.extend(json.loads(kept))
                continue
            mine = self._service_entries(s, api)
            if cache is not None:
                cache.put(key, json.dumps(mine, ensure_ascii=False, separators=(",", ":")))
            entries.extend(mine)
        return entries

    def _service_entries(self, s: Service, api: Api) -> list[list[str]]:
        """One service version's entries of :meth:`search_entries`."""
        entries: list[list[str]] = []
        where = f"{s.name} {s.version}"
        base = version_path(s)
        named = functools.partial(_named, self._sdks.each(s, api))

        for op in s.operations:
            primary = {op.action} | named("actions", op.action) | named("actions", op.action, "paginator")
            more = {part for r in request_rows(s, op) for part in r.name.split(".") if part != "N"}
            more |= {r.name for r in field_rows(s, op.response)}
            for p in op.parameters:
                more |= named("actions", op.action, "parameters", p.name)
            for e in op.errors:
                more |= {e.code} | named("errors", e.code)
            entries.append([op.action, f"{base}/{action_href(op.action)}", "action", where,
                            _gist(op.summary), _terms(primary), _terms(more - primary)])
        for shape in s.shapes:
            primary = {shape.name} | named("shapes", shape.name)
            more = {f.name for f in shape.fields}
            for f in shape.fields:
                more |= named("shapes", shape.name, "fields", f.name)
            entries.append([shape.name, f"{base}/{shape_href(shape.name)}", "shape", where,
                            _gist(shape.description), _terms(primary), _terms(more - primary)])
        seen: set[str] = set()
        for op in s.operations:
            for e in op.errors:
                if e.code in seen:
                    continue
                seen.add(e.code)
                entries.append([e.code, f"{base}/{action_href(op.action)}#errors", "error", where,
                                _gist(e.message, e.description), _terms({e.code} | named("errors", e.code)),
                                ""])
        for e in api.common_errors:
            if e.code not in seen:
                entries.append([e.code, f"{base}/index.html#common-errors", "error", where,
                                _gist(e.message, e.description),
                                _terms({e.code} | named("errors", e.code)), ""])
        return entries

    def _page_code(self) -> str:
        if self._code is None:
            self._code = page_code(self._sdks.targets)
        return self._code

    def search_index(self, api: Api) -> str:
        return search_index_js(self.search_entries(api))

    def environment(self) -> Any:
        import jinja2

        env = super().environment()
        env.autoescape = jinja2.select_autoescape(enabled_extensions=("html.j2",),
                                                  default_for_string=False, default=False)
        return env

    def service_folder(self, service: Service) -> str:
        return f"html/{version_path(service)}/"

    def service_paths(self, service: Service) -> tuple[str, ...]:
        return (self.service_folder(service), f"markdown/{version_path(service)}/")

    def toolchain_versions(self) -> tuple[str, ...]:
        """:func:`docs_toolchain`: part of the no-op state and of each service's key."""
        return docs_toolchain(self._sdks.targets)

    def _render(self, api: Api, services: tuple[Service, ...]) -> dict[str, str]:
        """The manifest's files, as :meth:`Target._render` makes them, but an action's
        pages from :func:`action_service` and a shape's from :func:`shape_service`, each
        kept in the page cache by the hash of what it is made from (so an edit renders
        the pages whose inputs changed).  The pages that list every service, and each
        service version's index, are rendered every time."""
        env = self.environment()
        code = self._page_code()
        cache = Cache(PAGE_CACHE) if code else None
        facts = repr((api.common_errors, api.sdk_versions))
        files: dict[str, str] = {}
        per_action: list[dict[str, Any]] = []
        for entry in self.manifest():
            each = entry.get("each")
            if entry.get("copy"):
                _add(files, entry["output"], (self.template_dir / entry["template"]).read_text(encoding="utf-8"))
            elif each == "operation":
                per_action.append(entry)  # (rendered together below: one batch of example calls)
            elif each not in (None, "service", "shape"):
                raise GeneratorBug(f"templates/docs/manifest.yaml: the docs target renders no 'each: {each}'")
        templates = {e["template"]: (env.get_template(e["template"]), env.from_string(e["output"]))
                     for e in self.manifest() if not e.get("copy")}

        def key(entry: dict[str, Any], *parts: str) -> str:
            return digest("docs-page", code, entry["template"], facts, *parts)

        def page(entry: dict[str, Any], ctx: dict[str, Any], parts: tuple[str, ...],
                 text: str | None = None) -> None:
            template, output = templates[entry["template"]]
            if text is None and cache is not None:
                text = cache.get(key(entry, *parts))
            if text is None:
                text = template.render(ctx)
                if cache is not None:
                    cache.put(key(entry, *parts), text)
            _add(files, output.render(ctx), text)

        for entry in self.manifest():
            each = entry.get("each")
            if entry.get("copy") or each == "operation":
                continue
            template, output = templates[entry["template"]]
            if each is None:
                _add(files, output.render(api=api), template.render(api=api))
            elif each == "service":
                for s in services:
                    _add(files, output.render(api=api, service=s), template.render(api=api, service=s))
            else:  # shape
                for s in services:
                    for shape in s.shapes:
                        alone = shape_service(s, shape)
                        users = self._usage(s, shape.name)
                        page(entry, {"api": replace(api, services=(alone,)), "service": alone, "shape": shape,
                                     "users": users}, (made_from(alone), repr(users)))
        self._sdks.forget()  # (the names of whole services: the pages below ask about their own)
        for s in services:
            ops = [(action_service(s, op), op) for op in s.operations]
            made = [made_from(alone, self._reprs) for alone, _op in ops]
            kept = [[cache.get(key(e, m)) if cache is not None else None for e in per_action] for m in made]
            # the example calls of the pages to render, asked at once
            self._sdks.prefetch([pair for pair, texts in zip(ops, kept, strict=True) if None in texts])
            for (alone, op), m, texts in zip(ops, made, kept, strict=True):
                ctx = {"api": replace(api, services=(alone,)), "service": alone, "op": op}
                for entry, text in zip(per_action, texts, strict=True):
                    page(entry, ctx, (m,), text)
                self._sdks.drop(alone)
        self._sdks.forget()
        self._reprs.clear()
        return files

    def owned_by(self, api: Api) -> Callable[[str], bool]:
        """A service version's HTML folder and its Markdown folder, and the copied files."""
        folders = tuple(f"{kind}/{version_path(s)}/" for s in api.services for kind in ("html", "markdown"))
        copied = {entry["output"] for entry in self.manifest() if entry.get("copy")}
        return lambda rel: rel.startswith(folders) or rel in copied

    def filters(self) -> dict[str, Callable[..., Any]]:
        return {
            "action_href": action_href,
            "constraints": constraints,
            "error_classes": self.error_classes,
            "example_calls": self.example_calls,
            "example_text": example_text,
            "field_rows": field_rows,
            "first_line": first_line,
            "highlight": highlight,
            "flag": write.flag,
            "lang": lang,
            "md_cell": md_cell,
            "md_header": write.md_header,
            "md_name": md_name,
            "md_text": md_text,
            "own_fields": own_fields,
            "page_name": page_name,
            "paging_facts": paging_facts,
            "sdk_methods": self.sdk_methods,
            "sdk_modules": self.sdk_modules,
            "request_rows": request_rows,
            "response_json": response_json,
            "retry_fact": retry_fact,
            "search_index_js": self.search_index,
            "shape_href": shape_href,
            "shape_users": self._usage,
            "text_parts": text_parts,
            "version_path": version_path,
            "wire_example": wire_example,
            "yes_no": yes_no,
        }


__all__ = ["DocRow", "DocsTarget"]
