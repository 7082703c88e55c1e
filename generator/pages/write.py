"""Write KSYUN doc pages: the reverse of generator.pages.read, in the same format.

``export-doc`` prints an action as a text page in the seed's layout (pipe
rows, ``---|`` separators), the docs target writes Markdown pages; both take
their cells from here, so a change to the page format is made once and read
back by the reader beside it.  Lists are ``Name.N``, request objects are
dotted (``SystemDisk.DiskType``), response members are indented one U+3000 a
level below their ``Object``/``Object[]`` row (the reader takes the nesting
from it exactly), examples follow ``示例值:``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..ir import Operation, Service, TypeRef

INDENT = "\u3000"

# The three tables' header rows, as KSYUN's pages head them (the reader knows every
# other wording too: generator.pages.vocab).
HEADERS = {
    "request": ("参数名称", "类型", "必填", "描述"),
    "response": ("参数名称", "类型", "描述"),
    "errors": ("错误码", "错误信息", "Http状态码", "描述"),
}
# How a page says whether an action may be retried; generator.pages.read reads it back.
SAFE_TO_RETRY = "Safe to retry: {}."


def flag(required: bool) -> str:
    """The required cell of a KSYUN page."""
    return "是" if required else "否"


def md_header(table: str) -> str:
    """A Markdown table's header row and rule for one of HEADERS."""
    cells = HEADERS[table]
    return "| " + " | ".join(cells) + " |\n" + "| " + " | ".join("---" for _ in cells) + " |"


def retry_fact(idempotent: bool) -> str:
    """The sentence a page says an action's retry behaviour in."""
    if idempotent:
        return (SAFE_TO_RETRY.format("yes") + " The SDK retries this action on throttling, HTTP "
                "429/503, connection failures and timeouts, with full-jitter backoff.")
    return (SAFE_TO_RETRY.format("no") + " The SDK sends this action once; it retries only when "
            "the connection could not be opened, never after a request may have reached KSYUN.")


def indented(name: str, depth: int) -> str:
    """A response row's name cell: one ideographic space a level shows the nesting."""
    return INDENT * depth + name


def format_row(cells: list[str]) -> str:
    """One table line in the page's own style (``a | b | c |``)."""
    return " | ".join(c.replace("|", "\\|") if i < len(cells) - 1 else c
                      for i, c in enumerate(cells)).rstrip() + " |"


def describe(description: str, example: Any, has_example: bool,
             escape: Callable[[str], str] = lambda text: text) -> str:
    """A description cell: the text, then ``示例值:<example>`` when there is one
    (each through *escape*)."""
    description = escape(description)
    if not has_example:
        return description
    if isinstance(example, bool):
        shown = "true" if example else "false"
    else:
        shown = escape(str(example))
    return f"{description} 示例值:{shown}" if description else f"示例值:{shown}"


# Where a description cell's example starts ('镜像状态 示例值:active', 'Example: 20').
EXAMPLE_RE = re.compile(r"(?:示例值|Example)\s*[:：]", re.IGNORECASE)

# export-doc's text pages escape their cells (and title) so that any text reads back
# as it was: the line below the title says so, and the reader undoes it.
ESCAPED_MARK = "# ksyun-codegen page: cell text escaped (\\| <br> &lt; &gt; &amp; &#58;)"
_UNESCAPES = {"&lt;": "<", "&gt;": ">", "&amp;": "&", "&#58;": ":", "&#65306;": "：", "<br>": "\n",
              "&#13;": "\r"}
_UNESCAPE_RE = re.compile("|".join(re.escape(k) for k in _UNESCAPES))


def page_escape(text: str) -> str:
    """Text as one cell of an escaped page: ``& < >`` as entities, ``|`` as ``\\|``,
    line breaks as ``<br>``, and the colon of a ``示例值:`` in the text as ``&#58;``
    (so that only the example the writer adds reads as one)."""
    s = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = s.replace("\r", "&#13;").replace("\n", "<br>")
    s = EXAMPLE_RE.sub(lambda m: m.group(0)[:-1] + ("&#58;" if m.group(0)[-1] == ":" else "&#65306;"), s)
    return s.replace("|", "\\|")


def page_unescape(text: str) -> str:
    """The text :func:`page_escape` wrote (one pass: ``&amp;lt;`` is ``&lt;``)."""
    return _UNESCAPE_RE.sub(lambda m: _UNESCAPES[m.group(0)], text)


_SCALAR_NAMES = {"string": "String", "integer": "Int", "number": "Float", "boolean": "Boolean"}


def md_cell(text: Any) -> str:
    """Spec text made one Markdown table cell (the docs target's pages; :func:`md_unescape`
    reads it back): ``& < >`` and ``[`` as entities (no tag, autolink, link or image can
    start), ``|`` as ``\\|`` (no new cell), line breaks as ``<br>`` (no new row)."""
    s = str(text).replace("\r\n", "\n").replace("\r", "\n")
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("[", "&#91;")
    return s.replace("|", "\\|").replace("\n", "<br>").strip()


_MD_UNESCAPES = {"<br>": "\n", "&lt;": "<", "&gt;": ">", "&#91;": "[", "&amp;": "&"}
_MD_UNESCAPE_RE = re.compile("|".join(re.escape(k) for k in _MD_UNESCAPES))


def md_unescape(cell: str) -> str:
    """A Markdown cell's text as :func:`md_cell` wrote it, in one pass: ``<br>`` is a
    line break, ``&lt;`` ``&gt;`` ``&#91;`` ``&amp;`` are ``<`` ``>`` ``[`` ``&``
    (so ``&amp;lt;`` is ``&lt;``)."""
    return _MD_UNESCAPE_RE.sub(lambda m: _MD_UNESCAPES[m.group(0)], cell)


def doc_type(t: TypeRef) -> str:
    """The page's type for *t*: String, Int, Long, Float, Double, Boolean, Object, X[]."""
    if t.kind == "integer" and t.format == "int64":
        return "Long"
    if t.kind == "number" and t.format == "double":
        return "Double"
    if t.kind in _SCALAR_NAMES:
        return _SCALAR_NAMES[t.kind]
    if t.kind == "array":
        inner = doc_type(t.item or TypeRef("any"))
        return "Object[]" if inner.startswith("Object") or inner.endswith("[]") else inner + "[]"
    return "Object"


def request_rows(service: Service, name: str, t: TypeRef, required: bool, description: str,
                 example: Any, has_example: bool, seen: frozenset[str] = frozenset()) -> list[list[str]]:
    """Rows for one request parameter (or a member of one), flattened KSYUN style
    (cells escaped by :func:`page_escape`)."""
    if t.kind == "array" and t.item is not None and t.item.kind != "shape":
        return [[f"{name}.N", doc_type(t.item), flag(required),
                 describe(description, example, has_example, page_escape)]]
    if t.kind == "array" and t.item is not None and t.item.shape:
        rows = [[f"{name}.N", "Object[]", flag(required), page_escape(description)]]
        return rows + _members(service, f"{name}.N", t.item.shape, seen)
    if t.kind == "shape" and t.shape:
        rows = [[name, "Object", flag(required), page_escape(description)]]
        return rows + _members(service, name, t.shape, seen)
    return [[name, doc_type(t), flag(required),
             describe(description, example, has_example, page_escape)]]


def _members(service: Service, prefix: str, shape: str, seen: frozenset[str]) -> list[list[str]]:
    if shape in seen:
        return []
    rows: list[list[str]] = []
    for f in service.shape(shape).fields:
        rows.extend(request_rows(service, f"{prefix}.{f.name}", f.type, f.required, f.description,
                                 f.example, f.has_example, seen | {shape}))
    return rows


def response_rows(service: Service, shape: str, seen: frozenset[str] = frozenset(),
                  depth: int = 0) -> list[list[str]]:
    """Response rows in order, each member indented one U+3000 a level below its object."""
    rows: list[list[str]] = []
    if shape in seen:
        return rows
    for f in service.shape(shape).fields:
        rows.append([indented(f.name, depth), doc_type(f.type),
                     describe(f.description, f.example, f.has_example, page_escape)])
        inner = f.type.shapes()
        if inner:
            rows.extend(response_rows(service, inner[0], seen | {shape}, depth + 1))
    return rows


def _row(cells: list[str]) -> str:
    """One table line of cells already escaped."""
    return " | ".join(cells).rstrip() + " |"


def export_page(service: Service, op: Operation) -> str:
    """An action as a text page (export-doc): the seed's layout, its cells escaped."""
    lines = [f"{op.action} {page_escape(op.summary)}".rstrip(), ESCAPED_MARK,
             f"请求方式:{op.method}"]
    lines.append(format_row(list(HEADERS["request"])))
    lines.append("---|")
    lines.append(_row(["Action", "String", "是", page_escape(op.action_description)]))
    lines.append(_row(["Version", "String", "是", page_escape(op.version_description)]))
    for p in op.parameters:
        for row in request_rows(service, p.name, p.type, p.required, p.description,
                                p.example, p.has_example):
            lines.append(_row(row))
    lines.append(format_row(list(HEADERS["response"])))
    lines.append("---|")
    for row in response_rows(service, op.response):
        lines.append(_row(row))
    lines.append("JSON格式")
    if op.errors:
        lines.append("以下仅列出了接口业务逻辑相关的错误码,其他错误码详见公共错误码")
        lines.append(format_row(list(HEADERS["errors"])))
        lines.append("---|")
        for e in op.errors:
            lines.append(_row([page_escape(e.code), page_escape(e.message), str(e.http_status),
                               page_escape(e.description)]))
    return "\n".join(lines) + "\n"
