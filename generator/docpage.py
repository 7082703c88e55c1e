"""Read (and write) KSYUN doc pages: the tables of one action's page.

A page as KSYUN publishes it is plain text with three pipe tables::

    参数名称 | 类型 | 必填 | 描述 |          request parameters
    参数名称 | 类型 | 描述 |                 response fields (flat, in order)
    错误码 | 错误信息 | Http状态码 | 描述 |     errors

Lines starting with ``#`` above the first table are ours, not the page's:
comments such as the ``# Source: <address>`` line that says where a saved
page came from.  They are skipped (they name no method, even if they say
``GET``); further down, a ``#`` line is prose like any other.

Real pages are untidy: trailing pipes or none, missing cells, ``---|``
separators, full-width punctuation (``示例值：``), JSON inside cells, and
prose between the tables (``JSON格式``, ``纯净模式``).  This module turns a
page into rows (keeping the line of each) and back; what the rows mean for
the spec is generator.importdoc's business.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .problems import Fail, Problem, SpecError

# Canonical doc types → JSON schema (without items for lists of objects).
SCALARS: dict[str, dict[str, Any]] = {
    "String": {"type": "string"},
    "Int": {"type": "integer"},
    "Long": {"type": "integer", "format": "int64"},
    "Float": {"type": "number"},
    "Double": {"type": "number", "format": "double"},
    "Boolean": {"type": "boolean"},
}
_TYPE_ALIASES = {
    "string": "String", "str": "String",
    "int": "Int", "integer": "Int", "int32": "Int",
    "long": "Long", "int64": "Long",
    "float": "Float", "number": "Float",
    "double": "Double",
    "boolean": "Boolean", "bool": "Boolean",
    "object": "Object", "map": "Object", "json": "Object",
}
EXAMPLE_RE = re.compile(r"示例值\s*[:：]")
_SEPARATOR_RE = re.compile(r"^[\s|:：\-—]*-{3,}[\s|:：\-—]*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_METHOD_RE = re.compile(r"(请求方式|请求方法|HTTP\s*方法|HTTP\s*Method|Method)\s*[:：]?\s*(GET|POST)\b",
                        re.IGNORECASE)
_ACTION_VALUE_RE = re.compile(r"取值\s*[:：]?\s*([A-Za-z][A-Za-z0-9]*)(?![A-Za-z0-9_\-.]*[A-Za-z0-9_])")
_VERSION_VALUE_RE = re.compile(r"(\d{4}-\d{2}-\d{2})")
_STATUS_RE = re.compile(r"^\d{3}$")

REQUEST_HEADER = ["参数名称", "类型", "必填", "描述"]
RESPONSE_HEADER = ["参数名称", "类型", "描述"]
ERROR_HEADER = ["错误码", "错误信息", "Http状态码", "描述"]


def norm(text: str) -> str:
    """Structural text (names, types, flags): NFKC, so full-width forms read as ASCII."""
    return unicodedata.normalize("NFKC", text).strip()


def canonical_type(raw: str) -> str | None:
    """``Object[]``, ``string``, ``Array of String`` → a canonical doc type, or None."""
    t = norm(raw).replace(" ", "")
    low = t.lower()
    m = re.match(r"^(?:arrayof|array<|list<)(.+?)>?$", low)
    if m:
        inner = _TYPE_ALIASES.get(m.group(1))
        return inner + "[]" if inner else None
    if low.endswith("[]"):
        inner = _TYPE_ALIASES.get(low[:-2])
        return inner + "[]" if inner else None
    return _TYPE_ALIASES.get(low)


@dataclass
class Row:
    """A row of the request or response table."""

    line: int
    name: str
    type: str  # canonical: String, Int, Long, Float, Double, Boolean, Object, X[]
    required: bool = False
    description: str = ""
    example: Any = None
    has_example: bool = False


@dataclass
class ErrorRow:
    line: int
    code: str
    message: str
    status: int
    description: str = ""


@dataclass
class Page:
    display: str
    action: str = ""
    action_line: int = 0
    version: str = ""
    version_line: int = 0
    action_description: str = ""
    version_description: str = ""
    method: str | None = None  # "GET"/"POST" when the page says so
    request: list[Row] = field(default_factory=list)
    response: list[Row] = field(default_factory=list)
    response_line: int = 0
    errors: list[ErrorRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # warnings: PAGE:LINE: text
    title: str = ""  # a Markdown page's H1, else the first line of prose above the tables

    @property
    def summary(self) -> str:
        """The title without the action's name: ``DescribeImages - 查询镜像信息`` → ``查询镜像信息``."""
        text = self.title.strip()
        if self.action and norm(text).startswith(self.action):
            text = text[len(self.action):]
        return text.strip().lstrip("-–—:：|").strip()


def split_cells(line: str, strip: bool = True) -> list[str]:
    """Cells of a pipe-table line; leading/trailing pipes optional, ``\\|`` is a pipe."""
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    cells = [c.replace("\\|", "|") for c in _CELL_SPLIT.split(s)]
    return [c.strip() for c in cells] if strip else cells


def split_example(text: str) -> tuple[str, str | None]:
    """``镜像状态 示例值:active`` → (``镜像状态``, ``active``); no marker → (text, None)."""
    m = EXAMPLE_RE.search(text)
    if m is None:
        return text.strip(), None
    example = text[m.end():].strip()
    if example.endswith("。"):
        example = example[:-1].rstrip()
    return text[: m.start()].strip(), example


def typed_example(doc_type: str, raw: str) -> tuple[Any, bool]:
    """The example *raw* typed by the column type; (None, False) when it does not fit."""
    base = doc_type[:-2] if doc_type.endswith("[]") else doc_type
    value = norm(raw)
    if base in ("Int", "Long"):
        # (at most 64 bits: a longer number is no Int, and int() refuses very long ones)
        if re.fullmatch(r"[-+]?\d{1,19}", value) and -2**63 <= int(value) < 2**63:
            return int(value), True
        return None, False
    if base in ("Float", "Double"):
        try:
            return float(value), True
        except ValueError:
            return None, False
    if base == "Boolean":
        low = value.lower()
        if low in ("true", "false"):
            return low == "true", True
        return None, False
    if base == "Object":
        return None, False
    return raw, True


_STATUS_HEADERS = ("http状态码", "状态码", "http status", "http status code", "httpstatus",
                   "httpcode", "http code", "status")


def _header_kind(cells: list[str]) -> str | None:
    """The table a header row starts, judged by the whole row: a response row
    whose field is named ``Code`` or ``ErrorCode`` is a row, not a header."""
    names = [norm(c).lower() for c in cells if c.strip()]
    if not names:
        return None
    first = names[0]
    if first in ("错误码", "error code", "errorcode", "code") and any(
            n in _STATUS_HEADERS for n in names[1:]) and not any(
            canonical_type(n) for n in names[1:]):
        return "errors"
    if first in ("参数名称", "参数名", "名称", "参数", "parameter", "name") and any(
        n in ("类型", "type") for n in names
    ):
        if any(n in ("必填", "是否必填", "必选", "是否必选", "required") for n in names):
            return "request"
        return "response"
    return None


def _required(raw: str) -> bool | None:
    v = norm(raw).lower()
    if v in ("是", "必填", "必选", "yes", "y", "true"):
        return True
    if v in ("否", "选填", "可选", "no", "n", "false", ""):
        return False
    return None


def md_unescape(cell: str) -> str:
    """A Markdown cell's text as written by the docs target: ``<br>`` is a line
    break, ``&lt;`` ``&gt;`` ``&amp;`` are ``<`` ``>`` ``&``."""
    return (cell.replace("<br>", "\n").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&amp;", "&"))


def parse_page(text: str, display: str) -> Page:
    """Every row of the page; SpecError (``PAGE:LINE: reason``) when it cannot be read.

    A Markdown page (*display* ends in ``.md``) has its cells unescaped by
    :func:`md_unescape`; a text page is read as it is.
    """
    page = Page(display=display)
    markdown = display.lower().endswith(".md")
    problems: list[Problem] = []

    def fail(line: int, message: str) -> None:
        problems.append(Problem(display, line, "", message))

    kind: str | None = None  # the table we are in
    header: list[str] = []
    seen_tables: dict[str, int] = {}
    # Only "\n" ends a row: U+2028, form feed and the other Unicode line breaks
    # that str.splitlines() knows are text inside a cell.
    for number, raw_line in enumerate(text.split("\n"), start=1):
        line = raw_line.strip().lstrip("\ufeff")
        if markdown and line.startswith("# ") and not seen_tables:
            page.title = page.title or line[2:].strip()  # a Markdown page's title is its H1
            continue
        if not line or (line.startswith("#") and not seen_tables):
            continue  # blank, or a comment above the tables ('# Source: <address>')
        if _SEPARATOR_RE.match(line):
            continue
        if "|" not in line:
            kind = None  # prose ends a table
            if not markdown and not seen_tables and not page.title \
                    and not _METHOD_RE.search(norm(line)):
                page.title = line
            m = _METHOD_RE.search(norm(line))
            if m and page.method is None:
                page.method = m.group(2).upper()
            continue
        raw_cells = split_cells(line, strip=False)
        if markdown:
            raw_cells = [md_unescape(c) for c in raw_cells]
        cells = [c.strip() for c in raw_cells]
        new_kind = _header_kind(cells)
        if new_kind is not None:
            if new_kind in seen_tables:
                fail(number, f"a second {new_kind} table (the first starts at line "
                     f"{seen_tables[new_kind]}); one page documents one action")
                kind = "ignored"
                continue
            seen_tables[new_kind] = number
            kind = new_kind
            header = [norm(c).lower() for c in cells if c.strip()]
            if kind == "response":
                page.response_line = number
            continue
        if kind is None:
            continue  # a table this importer does not know (an example, say)
        if kind == "ignored":
            continue
        if kind == "errors":
            _error_row(page, raw_cells, number, fail)
        else:
            _param_row(page, kind, header, raw_cells, number, fail)
    if "request" not in seen_tables:
        fail(1, "no request table (a header line '参数名称 | 类型 | 必填 | 描述')")
    elif not page.action:
        fail(seen_tables["request"], "no Action row (expected 'Action | String | 是 | "
             "公共参数,本接口取值:<Action>。')")
    if problems:
        raise SpecError(problems)
    return page


def _column(header: list[str], *names: str, default: int) -> int:
    for i, h in enumerate(header):
        if h in names:
            return i
    return default


def _param_row(page: Page, kind: str, header: list[str], cells: list[str], number: int,
               fail: Fail) -> None:
    i_name = _column(header, "参数名称", "参数名", "名称", "参数", "parameter", "name", default=0)
    i_type = _column(header, "类型", "type", default=1)
    i_req = _column(header, "必填", "是否必填", "必选", "是否必选", "required", default=-1)
    i_desc = _column(header, "描述", "说明", "description", default=len(header) - 1)
    width = len(header)
    if len(cells) > width and i_desc == width - 1:
        # The description is free text: a '|' inside it made extra cells.
        cells = cells[: i_desc] + ["|".join(cells[i_desc:])]
    cells = [c.strip() for c in cells] + [""] * (width - len(cells))
    name = norm(cells[i_name])
    raw_type = cells[i_type]
    if not name:
        fail(number, "row without a parameter name")
        return
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_\-]*(\.([A-Za-z][A-Za-z0-9_\-]*|N))*", name):
        fail(number, f"{name!r} is not a parameter name (letters and digits, dotted, "
             "'.N' for lists)")
        return
    if not raw_type.strip():
        fail(number, f"{name}: the type cell is empty")
        return
    doc_type = canonical_type(raw_type)
    if doc_type is None:
        fail(number, f"{name}: unknown type {raw_type.strip()!r} (expected String, Int, Long, "
             "Float, Boolean, Object, Object[] or String[]/Int[])")
        return
    required = False
    if kind == "request" and i_req >= 0:
        flag = _required(cells[i_req])
        if flag is None:
            fail(number, f"{name}: the required cell says {cells[i_req]!r} (expected 是 or 否)")
            return
        required = flag
    description, raw_example = split_example(cells[i_desc])
    example, has_example = None, False
    if raw_example:
        example, has_example = typed_example(doc_type, raw_example)
        if not has_example:
            page.notes.append(f"{page.display}:{number}: note: example {raw_example!r} of "
                              f"{name} is not a {doc_type}; left out")
    row = Row(number, name, doc_type, required, description, example, has_example)
    if kind == "response":
        page.response.append(row)
        return
    if name == "Action":
        m = _ACTION_VALUE_RE.search(norm(description))
        if m is None:
            fail(number, "the Action row does not say the action name (expected "
                 "'本接口取值:<Action>')")
            return
        page.action, page.action_line, page.action_description = m.group(1), number, description
        return
    if name == "Version":
        m = _VERSION_VALUE_RE.search(norm(description))
        if m is None:
            fail(number, "the Version row does not say the version (expected "
                 "'本接口取值:YYYY-MM-DD')")
            return
        page.version, page.version_line, page.version_description = m.group(1), number, description
        return
    page.request.append(row)


def _error_row(page: Page, raw: list[str], number: int, fail: Fail) -> None:
    cells = [c.strip() for c in raw]
    code = norm(cells[0])
    if not code:
        fail(number, "error row without a code")
        return
    # The status is the first cell after the message that is a 3-digit number;
    # message and description are free text and may hold '|'.
    status_at = next((i for i in range(2, len(cells)) if _STATUS_RE.match(norm(cells[i]))), None)
    if status_at is None:
        got = cells[2] if len(cells) > 2 else ""
        fail(number, f"error {code}: no HTTP status (got {got!r}; expected a number such as 400)")
        return
    message = "|".join(raw[1:status_at]).strip()
    description = "|".join(raw[status_at + 1:]).strip()
    page.errors.append(ErrorRow(number, code, message, int(norm(cells[status_at])), description))


# ---- writing ------------------------------------------------------------------

def format_row(cells: list[str]) -> str:
    """One table line in the page's own style (``a | b | c |``)."""
    return " | ".join(c.replace("|", "\\|") if i < len(cells) - 1 else c
                      for i, c in enumerate(cells)).rstrip() + " |"


def describe(description: str, example: Any, has_example: bool) -> str:
    """A description cell: the text, then ``示例值:<example>`` when there is one."""
    if not has_example:
        return description
    if isinstance(example, bool):
        shown = "true" if example else "false"
    else:
        shown = str(example)
    return f"{description} 示例值:{shown}" if description else f"示例值:{shown}"
