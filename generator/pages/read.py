"""Read a KSYUN doc page: its tables (generator.pages.tables) as one action's
request rows, response rows (with the nesting the page states) and errors.

What the page says where:
- the action: the ``Action`` row (``本接口取值:X``, ``固定值:X``, ``Set the value to X``,
  ``Fixed value for this API: X``, or a cell that is just ``X``), else the prose
  (``接口名:X``, ``API Name | X``, ``The Action field for this API is X``), else
  the page's title when it starts with the action's name;
- the version: a ``YYYY-MM-DD`` in any cell of the ``Version`` row, else in the prose;
- which table is which: the section heading above it (``请求参数``, ``返回参数``,
  ``Response parameters``...), else the columns (a required column: the request);
  a table under a caption (``QuotaApplication参数说明:``, ``Volumes结构``) holds the
  members of the field (or of the named type) it names;
- nesting: a sub-table, the indentation of a name (``　Member``: one U+3000 a
  level, as the docs target writes it), dotted names in the request
  (``SystemDisk.DiskType``, ``Filter.N.Name``; ``.n`` is ``.N``).  A flat
  response table with no such marks is left to the planner, which guesses.

Lines starting with ``#`` above the first table of a text page are ours, not
the page's (``# Source: <address>``); a Markdown page's ``# `` line is its title.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..problems import Problem, SpecError
from . import vocab
from .html import html_lines
from .tables import Line, Prose, Table, TRow, scan
from .write import ESCAPED_MARK, EXAMPLE_RE, SAFE_TO_RETRY, md_unescape, page_unescape

SCALARS: dict[str, dict[str, Any]] = {
    "String": {"type": "string"},
    "Int": {"type": "integer"},
    "Long": {"type": "integer", "format": "int64"},
    "Float": {"type": "number"},
    "Double": {"type": "number", "format": "double"},
    "Boolean": {"type": "boolean"},
}
_METHOD_RE = re.compile(r"(请求方式|请求方法|HTTP\s*方法|HTTP\s*Method|Request\s*Method|Method)"
                        r"\s*[:：|]?\s*(GET|POST)\b", re.IGNORECASE)
_ACTION_PATTERNS = [
    re.compile(r"(?:取值|固定值|Set the value to|Fixed value for this API|the value used for this API"
               r"|value for this API)\s*[:：]?\s*(" + vocab.IDENT + r")(?![A-Za-z0-9_\-.]*[A-Za-z0-9_])",
               re.IGNORECASE),
]
_PROSE_ACTION = [
    re.compile(r"^(?:接口名称?|API\s*Name|Action)\s*[:：|=]\s*(" + vocab.IDENT + r")\s*\|?$",
               re.IGNORECASE),
    re.compile(r"Action\s*(?:字段|field)\s*(?:为|是|for this API is)\s*[:：]?\s*(" + vocab.IDENT + ")",
               re.IGNORECASE),
    re.compile(r"本接口取值\s*[:：]\s*(" + vocab.IDENT + ")"),
    # the request example: '?Action=DescribeInstances&Version=2020-01-14'
    re.compile(r"[?&]Action=(" + vocab.IDENT + r")(?![A-Za-z0-9_])"),
]
# Weaker: prose that names the action in passing ('本接口(DescribeVolumes)用于…',
# '调用 GetMetricStatistics 接口…', 'Call the GetMetricStatisticsBatch API…').
_PROSE_ACTION_WEAK = [
    re.compile(r"本?接口\s*[(（]\s*(" + vocab.IDENT + r")\s*[)）]"),
    re.compile(r"^调用\s*(" + vocab.IDENT + r")\s*接口"),
    re.compile(r"^(?:Call|Calls|You can call)\s+(?:the\s+)?(" + vocab.IDENT + r")\s+(?:API|operation|action)",
               re.IGNORECASE),
]
_VERSION_RE = re.compile(r"(\d{4}-\d{2}-\d{2}|(?<![A-Za-z0-9])V[0-9]{1,3}(?![A-Za-z0-9]))")
# what follows '取值:' in an Action row (empty when the copy lost the value)
_SAID_VALUE = re.compile(r"(?:取值|固定值|固定为|Set the value to|Fixed value for this API)\s*[:：]?(.*)$",
                         re.IGNORECASE)
# REST-style pages name the action in the request path: '/2016-09-01/domain/GetDomainConfigs'
_PATH_ACTION = re.compile(r"/(\d{4}-\d{2}-\d{2})/[A-Za-z0-9_\-/]*?/?(" + vocab.IDENT + r")(?![A-Za-z0-9_/])")
_PROSE_VERSION = re.compile(r"(?:^(?:Version|版本)\s*[:：|=]\s*|[?&]Version=)(\d{4}-\d{2}-\d{2})(?:\s*\|?$|(?!\d))",
                            re.IGNORECASE)
_SAFE_RE = re.compile(re.escape(SAFE_TO_RETRY.split("{}")[0]).replace("\\ ", "\\s*") + r"\s*(yes|no)\b",
                      re.IGNORECASE)
_STATUS_RE = re.compile(r"^\d{3}$")
# (one way to match a name: no alternation a long dotted name could backtrack through)
_NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*(?:\.[A-Za-z][A-Za-z0-9_\-]*)*")
INDENT = "\u3000"  # one level of a member's indentation in the docs' tables
MAX_DEPTH = 32  # sub-tables within sub-tables
MAX_PAGE_CHARS = 4_000_000  # a page longer than this is refused unread
# What a spec cannot hold (generator.load refuses it): C0/C1 controls but tab and line ends.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


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
    named: str | None = None  # the type's own name (QuotaApplication), when the page gives one
    members: list[str] | None = None  # an object's members, when the page states them
    depth: int = 0  # the name's indentation (docs' Markdown pages): its level in the response
    stated: str = ""  # every cell but name, type and required flag (where Action/Version say their value)


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
    guesses: list[str] = field(default_factory=list)  # PAGE:LINE: guess: ... (a hint pins it)
    title: str = ""  # a Markdown page's H1, else the first line of prose above the tables
    idempotent: bool | None = None  # 'Safe to retry: yes/no' (the docs' pages say it)
    escaped: bool = False  # export-doc's page: its cells and title escaped (write.page_escape)

    @property
    def summary(self) -> str:
        """The title without the action's name: ``DescribeImages - 查询镜像信息`` → ``查询镜像信息``."""
        text = self.title.strip()
        if self.action and norm(text).startswith(self.action):
            text = text[len(self.action):]
        if self.escaped:  # export-doc's title: 'Action summary', the summary exactly
            return text[1:] if text.startswith(" ") else text
        text = text.strip().lstrip("-–—:：|").strip()
        if len(text) > 2 and text[0] in "(（" and text[-1] in ")）":
            text = text[1:-1].strip()  # 'DescribeInstance(查询实例信息)'
        return text


def norm(text: str) -> str:
    """Structural text (names, types, flags): NFKC, so full-width forms read as ASCII."""
    return unicodedata.normalize("NFKC", text).strip()


def canonical_type(raw: str) -> str | None:
    """``Object[]``, ``string``, ``Array of String`` → a canonical doc type, or None."""
    t = vocab.doc_type(raw)
    return None if t is None or t.named else t.canonical


def split_example(text: str, exact: bool = False) -> tuple[str, str | None]:
    """``镜像状态 示例值:active`` → (``镜像状态``, ``active``); no marker → (text, None).
    A page's ``示例值:web-1。`` loses its full stop; *exact* (export-doc's escaped
    pages, whose example is the rest of the cell) keeps every character."""
    m = EXAMPLE_RE.search(text)
    if m is None:
        return text.strip(), None
    if exact:
        return text[: m.start()].strip(), text[m.end():]
    example, _, after = text[m.end():].strip().partition("\n")  # ('true\n默认值:true')
    example = example.strip()
    if example.endswith("。"):
        example = example[:-1].rstrip()
    return "\n".join(t for t in (text[: m.start()].strip(), after.strip()) if t), example


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


# ---- the page -------------------------------------------------------------------------

@dataclass
class _Sub:
    """A table under a caption (or under none, after the main tables)."""

    table: Table
    name: str | None
    line: int
    used: bool = False


def page_lines(text: str, display: str) -> list[Line]:
    """The page as numbered lines; a saved HTML page as the text of its elements."""
    low = display.lower()
    if low.endswith((".html", ".htm")) or text.lstrip("\ufeff \n").lower().startswith(("<!doctype html", "<html")):
        return html_lines(text)
    # Only "\n" ends a row: U+2028, form feed and the other Unicode line breaks
    # that str.splitlines() knows are text inside a cell.
    lines = [(n, raw.lstrip("\ufeff").rstrip("\r")) for n, raw in enumerate(text.split("\n"), start=1)]
    while lines and not lines[-1][1].strip():
        lines.pop()
    return lines


def parse_page(text: str, display: str) -> Page:
    """Every row of the page; SpecError (``PAGE:LINE: reason``) when it cannot be read.

    A Markdown page (*display* ends in ``.md``) has its cells unescaped by
    :func:`md_unescape`; a text page is read as it is.
    """
    page = Page(display=display)
    low = display.lower()
    markdown = low.endswith(".md")
    titled = markdown or low.endswith((".html", ".htm"))
    problems: list[Problem] = []

    def fail(line: int, message: str) -> None:
        problems.append(Problem(display, line, "", message))

    if len(text) > MAX_PAGE_CHARS:
        raise SpecError([Problem(display, None, "", f"the page is {len(text):,} characters long; "
                                 f"pages up to {MAX_PAGE_CHARS:,} are read")])
    bad = _CONTROL.search(text)
    if bad is not None:  # (the spec could not carry it: refused here, not written)
        raise SpecError([Problem(display, text.count("\n", 0, bad.start()) + 1, "",
                                 f"the page holds the control character U+{ord(bad.group()):04X}; "
                                 "a doc page is text (remove it)")])
    lines = page_lines(text, display)
    page.escaped = any(t.strip() == ESCAPED_MARK for _n, t in lines[:8])
    # '#' comments above the first table of a text page (and a Markdown page's title)
    first_table = len(lines)
    items, scan_problems = scan(lines)
    for p in scan_problems:
        fail(p.line, p.message)
    for item in items:
        if isinstance(item, Table):
            first_table = item.line
            break
    section: str | None = None
    last_prose: Prose | None = None
    request_tables: list[Table] = []
    response_table: Table | None = None
    error_table: Table | None = None
    subs: list[_Sub] = []
    prose_action: tuple[int, str] | None = None
    prose_version: tuple[int, str] | None = None
    weak_action: tuple[int, str] | None = None
    above: list[str] = []  # prose lines above the first table (a text page's title is one)
    for item in items:
        if isinstance(item, Prose):
            line = item.text
            if line.startswith("#") and item.line < first_table:
                bare = line.lstrip("#").strip()
                if titled and line.startswith("# "):
                    page.title = page.title or bare
                elif vocab.section(bare) is not None:
                    section = vocab.section(bare)
                    section = None if section == "other" else section
                elif re.match(r"#\s+[A-Z][A-Za-z0-9]+(?:\s|$)", line) and ":" not in line \
                        and "：" not in line:
                    page.title = page.title or bare  # '# DescribeFoo' heads the page
                continue  # else a comment above the tables ('# Source: <address>')
            if markdown and line.startswith("# "):
                page.title = page.title or line[2:].strip()
                continue
            if page.escaped and not page.title and item.line < first_table:
                # (its text is the summary, nothing else)
                page.title = page_unescape(line.replace("\\|", "|"))
                continue
            n = norm(line)
            m = _METHOD_RE.search(n)
            if m and page.method is None:
                page.method = m.group(2).upper()
            safe = _SAFE_RE.search(n)
            if safe and page.idempotent is None:
                page.idempotent = safe.group(1).lower() == "yes"
            for pattern in _PROSE_ACTION:
                hit = pattern.search(n)
                if hit and prose_action is None:
                    prose_action = (item.line, hit.group(1))
            for pattern in _PROSE_ACTION_WEAK:
                hit = pattern.search(n)
                if hit and weak_action is None and _action_from_title(hit.group(1)):
                    weak_action = (item.line, hit.group(1))
            hit_path = _PATH_ACTION.search(n)
            if hit_path and _action_from_title(hit_path.group(2)):
                if weak_action is None:
                    weak_action = (item.line, hit_path.group(2))
                if prose_version is None:
                    prose_version = (item.line, hit_path.group(1))
            hit = _PROSE_VERSION.search(n)
            if hit and prose_version is None:
                prose_version = (item.line, hit.group(1))
            kind = vocab.section(line.lstrip("#").strip())
            if kind is not None:
                section = None if kind == "other" else kind
                last_prose = None
                continue
            if not titled and item.line < first_table and m is None and not line.startswith("#") \
                    and not vocab.chrome(line):
                above.append(line)
                if not page.title:
                    page.title = line
            last_prose = item
            continue
        table = item
        if markdown:
            for row in table.rows:
                row.cells = [md_unescape(c) for c in row.cells]
        named = vocab.caption(last_prose.text) if last_prose is not None else None
        # a caption is the line right above the table (a blank line between is fine)
        if named is not None and last_prose is not None and table.line - last_prose.line > 3:
            named = None
        last_prose = None
        if table.cut or any(table.line <= p.line for p in scan_problems):
            if table.cut and not scan_problems:  # (else the cause is said already)
                where = table.rows[-1].line if table.rows else table.line
                what = {"errors": "error"}.get(table.heading.kind, "parameter")
                fail(where, f"the page ends inside the {what} table that starts at line "
                     f"{table.line} (the page is cut off); refused, nothing written")
            continue
        if table.glued:
            page.guesses.append(
                f"{display}:{table.glued[0]}: guess: {len(table.glued)} error row(s) without "
                "separators, read as code, message, status (the first three-digit number) and "
                "description; check the codes in the spec")
        if table.heading.kind == "errors":
            if error_table is not None:
                fail(table.line, f"a second error table (the first starts at line "
                     f"{error_table.line}); one page documents one action")
                continue
            error_table = table
            for row in table.rows:
                _error_row(page, table, row, fail)
            continue
        has_required = table.heading.column(vocab.REQUIRED) >= 0 \
            or table.heading.column(vocab.OPTIONAL) >= 0 or any(
                norm(_cell(r.cells, table.heading.column(vocab.NAME))) in ("Action", "Version")
                for r in table.rows[:3])
        if named is not None and (response_table is not None or request_tables):
            subs.append(_Sub(table, named, table.line))
        elif section == "request" or (section is None and has_required and response_table is None):
            if request_tables and section is None:
                page.guesses.append(
                    f"{display}:{table.line}: guess: a second request table with no heading above "
                    "it; its rows are read as more request parameters")
            request_tables.append(table)
            section = None if section is None else section
        elif response_table is None and (section == "response" or request_tables or section is None):
            response_table = table
            page.response_line = table.line
        else:
            subs.append(_Sub(table, None, table.line))
        if section == "request" and request_tables and request_tables[-1] is table:
            section = "request-read"
        if section == "response" and response_table is table:
            section = "response-read"
    for table in request_tables:
        for trow in table.rows:
            read = _param_row(page, table, trow, "request", fail)
            if read is not None:
                _request_row(page, read, fail)
    if response_table is not None:
        rows = [r for r in (_param_row(page, response_table, t, "response", fail)
                            for t in response_table.rows) if r is not None]
        page.response = _indented(_dotted(rows))
    elif request_tables:
        page.response = _response_from_example(page, [i for i in items if isinstance(i, Prose)
                                                      and i.line > request_tables[-1].line])
    _resolve_subtables(page, subs, fail)
    _members_from_example(page, [i for i in items if isinstance(i, Prose)
                                 and i.line > (response_table.line if response_table else 0)])
    if not page.action and prose_action is not None:
        page.action, page.action_line = prose_action[1], prose_action[0]
    elif page.action and prose_action is not None and prose_action[1] != page.action:
        # the Action row against the page's own example: the one its title or file names wins
        stem = re.split(r"[\\/]", display)[-1].rsplit(".", 1)[0]
        titled_names = set(re.findall(vocab.IDENT, norm(page.title))) | {stem}
        if prose_action[1] in titled_names and page.action not in titled_names:
            page.notes.append(f"{page.display}:{page.action_line}: note: the Action row says "
                              f"{page.action}, the page's example and title (or file) "
                              f"{prose_action[1]}; read as {prose_action[1]}")
            page.action = prose_action[1]
        else:
            page.notes.append(f"{page.display}:{prose_action[0]}: note: the page's example says "
                              f"{prose_action[1]}, its Action row {page.action}; read as "
                              f"{page.action}")
    if not page.action:
        guess = _action_from_title(page.title)
        if guess:
            page.action, page.action_line = guess, first_table if first_table < len(lines) else 1
    if not page.action and weak_action is not None:
        page.action, page.action_line = weak_action[1], weak_action[0]
    if not page.action:
        stem = re.split(r"[\\/]", display)[-1].rsplit(".", 1)[0]
        if _action_from_title(stem) == stem:
            page.action, page.action_line = stem, 1
            page.guesses.append(f"{display}:1: guess: the page names no action; {stem} is its file's "
                                "name. Add an Action row to say so")
    if page.action and not norm(page.title).startswith(page.action):
        # the title is the line that starts with the action's name ('RebootInstances 重启实例'),
        # not a note above it
        page.title = next((t for t in above if norm(t).startswith(page.action)), page.title)
    if not page.version and prose_version is not None:
        page.version, page.version_line = prose_version[1], prose_version[0]
    if not any(isinstance(item, Table) for item in items):
        fail(1, "no parameter table: expected a header row such as '参数名称 | 类型 | 必填 | 描述' "
             "or 'Parameter | Type | Required | Description' (as a pipe table, one cell per line, "
             "tab-separated, or an HTML <table>)")
    elif not page.action and not problems:
        fail(page.action_line or (request_tables[0].line if request_tables else 1),
             "no action name: no Action row that says it ('Action | String | 是 | "
             "本接口取值:<Action>'), no '接口名:<Action>' or '?Action=<Action>' line and no "
             "title starting with the action's name")
    if problems:
        raise SpecError(problems)
    return page


def _action_from_title(title: str) -> str | None:
    t = norm(title).lstrip("#").strip()
    m = re.match(r"(" + vocab.IDENT + r")(?![A-Za-z0-9_])", t)
    if m and re.fullmatch(r"[A-Z][a-z]+(?:[A-Z0-9][A-Za-z0-9]*)+", m.group(1)):
        return m.group(1)
    return None


def _cell(cells: list[str], i: int) -> str:
    return cells[i] if 0 <= i < len(cells) else ""


def _param_row(page: Page, table: Table, trow: TRow, kind: str, fail: Any) -> Row | None:
    h = table.heading
    width = len(h.roles)
    raw = list(trow.cells)
    i_desc = h.column(vocab.DESCRIPTION)
    if len(raw) > width:
        if i_desc == width - 1:
            # The description is free text: a '|' inside it made extra cells.
            raw = raw[:i_desc] + ["|".join(raw[i_desc:]).strip().strip("|").strip()]
        elif all(not c.strip() for c in raw[width:]):
            raw = raw[:width]
        else:
            fail(trow.line, f"the row has {len(raw)} cells but its header at line {table.line} has "
                 f"{width} ({' | '.join(table.cells)}); which cell is which cannot be told")
            return None
    cells = [c for c in raw] + [""] * (width - len(raw))
    number = trow.line
    name_cell = _cell(cells, h.column(vocab.NAME)).strip(" \t\r\n\xa0")
    depth = len(name_cell) - len(name_cell.lstrip(INDENT))
    name = norm(name_cell).strip("`*").strip()
    cells = [c.strip() for c in cells]
    if page.escaped:  # (the description after its example is split off: see below)
        cells = [c if i == i_desc else page_unescape(c) for i, c in enumerate(cells)]
    if not name:
        if not any(cells):
            return None
        fail(number, "row without a parameter name")
        return None
    name = re.sub(r"\.n(?=\.|$)", ".N", name)
    if len(raw) < h.column(vocab.TYPE) + 1:
        fail(number, f"{name}: the row has {len(raw)} cell(s) but its header at line {table.line} "
             f"has {width}; the type cell is missing")
        return None
    if not _NAME_RE.fullmatch(name):
        fail(number, f"{name!r} is not a parameter name (letters and digits, dotted, "
             "'.N' for lists)")
        return None
    if table.layout == "cells" and (vocab.doc_type(name) in (vocab.DocType("String"), vocab.DocType("Int"))
                                    or vocab.required_flag(name) is not None):
        fail(number, f"the cells from line {number} do not line up with the header at line "
             f"{table.line}: {name!r} stands where a name belongs (a cell left out above?)")
        return None
    raw_type = _cell(cells, h.column(vocab.TYPE))
    lost = ("type" if name.lower() in vocab.SCALAR_WORDS else "required flag"
            if name.lower() in vocab.REQUIRED_WORDS else None)
    if lost is not None and vocab.doc_type(raw_type) is None:
        fail(number, f"the row has no parameter name: it starts with the {lost} {name!r} (the "
             "name was lost in the copy? write it in the first cell)")
        return None
    if not raw_type:
        fail(number, f"{name}: the type cell is empty")
        return None
    t = vocab.doc_type(raw_type)
    if t is None and len(raw) < width and not raw_type.isascii() and not _cell(cells, i_desc):
        # 'data | 账户余额数据 |' under 'Name | Type | Description': the type cell left out
        page.guesses.append(f"{page.display}:{number}: guess: {name} has no type cell (its text "
                            f"{raw_type!r} stands where the type belongs); read as String. Write "
                            "its type on the page to say so")
        cells[h.column(vocab.TYPE)], raw_type = "String", "String"
        if i_desc >= 0:
            cells[i_desc] = _cell(raw, h.column(vocab.TYPE)).strip()
        t = vocab.doc_type(raw_type)
    if t is None or (t.named and _near_scalar(t.named)):
        near = _near_scalar(t.named) if t is not None and t.named else None
        fail(number, f"{name}: unknown type {raw_type!r}"
             + (f"; did you mean {near}?" if near else " (expected String, Integer, Long, Double, "
                "Boolean, Object, Array, Array of X, X[] or a type named by a sub-table)"))
        return None
    required = False
    i_req = h.column(vocab.REQUIRED)
    i_opt = h.column(vocab.OPTIONAL)
    if kind == "request" and (i_req >= 0 or i_opt >= 0):
        # (a page with both columns, as a bullet list may be, says it in one of them)
        at = i_req if i_req >= 0 and (_cell(cells, i_req) or i_opt < 0) else i_opt
        flag = vocab.required_flag(_cell(cells, at))
        if flag is None:
            fail(number, f"{name}: the {'required' if i_req >= 0 else 'may-be-omitted'} cell says "
                 f"{_cell(cells, at)!r} (expected 是 or 否, Yes or No, Y or N)")
            return None
        required = flag if at == i_req else not flag
    text = _cell(cells, i_desc)
    if not text:
        # a page whose cells slid left: the text sits in an extra column
        # (the last such cell: a length limit or format before it is no description)
        extras = [c for c, r in zip(cells, h.roles, strict=True) if r == vocab.EXTRA and c]
        text = extras[-1] if extras else ""
    description, raw_example = split_example(text, exact=page.escaped)
    if page.escaped:
        description = page_unescape(description)
        raw_example = None if raw_example is None else page_unescape(raw_example)
    i_ex = h.column(vocab.EXAMPLE)
    if raw_example is None and i_ex >= 0 and _cell(cells, i_ex):
        raw_example = _cell(cells, i_ex)
    example, has_example = None, False
    if raw_example:
        example, has_example = typed_example(t.canonical, raw_example)
        if not has_example and not t.canonical.startswith("Object"):
            page.notes.append(f"{page.display}:{number}: note: example {raw_example!r} of "
                              f"{name} is not a {t.canonical}; left out")
    row = Row(number, name, t.canonical, required, description, example, has_example, t.named)
    row.depth = depth
    skip = {h.column(vocab.NAME), h.column(vocab.TYPE), h.column(vocab.REQUIRED), i_opt}
    row.stated = " | ".join(c for i, c in enumerate(cells) if i not in skip and c)
    return row


def _near_scalar(named: str) -> str | None:
    hit = difflib.get_close_matches(named.lower(), list(vocab.SCALAR_WORDS), n=1, cutoff=0.75)
    if not hit or named.lower() in vocab.SCALAR_WORDS:
        return None
    return vocab.SCALAR_WORDS[hit[0]]


def _request_row(page: Page, row: Row, fail: Any) -> None:
    if row.name in ("X-Action", "X-Version"):  # the same, sent as headers (REST-style pages)
        row.name = row.name[2:]
    if row.name == "Action":
        value = _stated_value(row, _ACTION_PATTERNS, page.title)
        page.action_description = row.description
        said = _SAID_VALUE.search(norm(row.description))
        if value is None and said is not None and said.group(1).strip(" 。."):
            fail(row.line, f"the Action row does not say the action name: {said.group(1).strip()!r} "
                 "is no action name (expected '本接口取值:<Action>' or 'Set the value to <Action>')")
            return
        if value is None:
            # (the copy lost the value, a code span on the site: the prose may still say it)
            page.notes.append(f"{page.display}:{row.line}: note: the Action row does not say the "
                              "action's name; it is taken from the rest of the page")
            page.action_line = row.line
            return
        page.action, page.action_line = value, row.line
        return
    if row.name == "Version":
        m = _VERSION_RE.search(norm(row.description)) or _VERSION_RE.search(norm(row.stated))
        page.version_description = row.description
        if m is None:
            page.version_line = row.line
            return  # (the version given on the command line holds)
        page.version, page.version_line = m.group(1), row.line
        return
    page.request.append(row)


def _stated_value(row: Row, patterns: list[re.Pattern[str]], title: str = "") -> str | None:
    """The action an Action row states: a cell that is just the name, or the name
    after 取值:/Set the value to; where they differ, the one the title names."""
    text = norm(row.description)
    found: list[str] = []
    for cell in (text.rstrip("。. "), *(c.strip().rstrip("。. ") for c in norm(row.stated).split("|"))):
        if re.fullmatch(vocab.IDENT, cell) and cell[0].isupper() and cell not in ("String",):
            found.append(cell)
    for pattern in patterns:
        found += [m.group(1) for m in pattern.finditer(text)]
        found += [m.group(1) for m in pattern.finditer(norm(row.stated))]
    named = re.findall(vocab.IDENT, norm(title))
    for candidate in found:
        if candidate in named:
            return candidate
    return found[0] if found else None


_LIST_MARKS = ("N", "n", "member", "item")


def _dotted(rows: list[Row]) -> list[Row]:
    """A response table that names members dotted (``Users.member.UserName``,
    ``Result.Items.N.Id``): each row at its depth below its object (an object row
    the page leaves out is added), so that :func:`_indented` nests them."""
    if not any("." in r.name for r in rows):
        return rows
    out: list[Row] = []
    seen: dict[str, Row] = {}
    for row in rows:
        parts = row.name.split(".")
        if len(parts) > 1 and parts[-1] in _LIST_MARKS:  # 'Tags.N | String': a list of strings
            parts = parts[:-1]
            if not row.type.endswith("[]"):
                row.type = "Object[]" if row.type == "Object" else row.type + "[]"
        path: list[str] = []
        for k, part in enumerate(parts[:-1]):
            if part in _LIST_MARKS:
                continue
            path.append(part)
            key = ".".join(path)
            is_list = parts[k + 1] in _LIST_MARKS
            parent = seen.get(key)
            if parent is None:  # an object the page names only through its members
                parent = Row(row.line, part, "Object[]" if is_list else "Object", depth=len(path) - 1)
                seen[key] = parent
                out.append(parent)
            elif is_list and parent.type == "Object":
                parent.type = "Object[]"
        row.depth = len(path)
        row.name = parts[-1]
        seen[".".join([*path, row.name])] = row
        out.append(row)
    return out


def _indented(rows: list[Row]) -> list[Row]:
    """A response table whose names are indented (one U+3000 a level): each
    object's members stated exactly."""
    depths = [r.depth for r in rows]
    if not any(depths):
        for r in rows:
            r.members = None
        return rows
    stack: list[tuple[int, Row]] = []
    for row, depth in zip(rows, depths, strict=True):
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if stack:
            parent = stack[-1][1]
            assert parent.members is not None
            parent.members.append(row.name)
        row.members = [] if row.type.startswith("Object") else None
        if row.type.startswith("Object"):
            stack.append((depth, row))
    return rows


MAX_EXAMPLE_TRIES = 20  # JSON examples tried per page
MAX_XML_CHARS = 1_000_000  # of XML examples read per page
_XML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9_.\-]*)(?:\s[^<>]*?)?(/?)>")


def example_keys(prose: list[Prose]) -> dict[str, set[str]]:
    """From the page's JSON and XML response examples: each key (lower case) → the
    keys (lower case) of the objects it holds, directly or in a list."""
    lines = [p.text for p in prose]
    out: dict[str, set[str]] = {}

    def walk(value: Any, depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        if isinstance(value, list):
            for v in value:
                walk(v, depth + 1)
        elif isinstance(value, dict):
            for k, v in value.items():
                inner = v if isinstance(v, dict) else next(
                    (x for x in v if isinstance(x, dict)), None) if isinstance(v, list) else None
                if isinstance(inner, dict):
                    for item in (v if isinstance(v, list) else [v]):
                        if isinstance(item, dict):
                            out.setdefault(str(k).lower(), set()).update(
                                str(x).lower() for x in item)
                walk(v, depth + 1)

    # XML examples: '<Datapoints><member><Average>9.41</Average>…' (a list's items are <member>s)
    stack: list[str] = []
    for tag in _XML_TAG.finditer("\n".join(t for t in lines if "<" in t)[:MAX_XML_CHARS]):
        closing, name, empty = tag.group(1), tag.group(2).lower(), tag.group(3)
        if closing:
            if name in stack:
                del stack[stack.index(name, max(0, len(stack) - MAX_DEPTH)):]
            continue
        if stack:
            out.setdefault(stack[-1], set()).add(name)
            if stack[-1] == "member" and len(stack) > 1:  # a list's items stand for the list
                out.setdefault(stack[-2], set()).add(name)
        if not empty and len(stack) < MAX_DEPTH:
            stack.append(name)

    for _at, value in json_examples(lines):
        walk(value, 0)
    return out


MAX_EXAMPLE_LINES = 2000  # lines one JSON example may span


def json_examples(lines: list[str]) -> Iterator[tuple[int, Any]]:
    """(index, value) of each JSON example among prose *lines*: one starts at a line
    that starts with ``{``; at most MAX_EXAMPLE_TRIES are tried, each over at most
    MAX_EXAMPLE_LINES lines; text that is no JSON, or nests past what the decoder
    can (RecursionError), is no example."""
    tries = 0
    decoder = json.JSONDecoder()
    for at, line in enumerate(lines):
        if not line.startswith("{"):
            continue
        if tries >= MAX_EXAMPLE_TRIES:
            return
        tries += 1
        try:
            value, _end = decoder.raw_decode("\n".join(lines[at:at + MAX_EXAMPLE_LINES]))
        except (ValueError, RecursionError):
            continue
        yield at, value


def _response_from_example(page: Page, prose: list[Prose]) -> list[Row]:
    """A page with no response table (an action that returns nothing but its
    RequestId, or a page that shows its response only as an example): the rows
    of its JSON example, else RequestId alone; a guess either way."""
    for at, value in json_examples([p.text for p in prose]):
        if isinstance(value, dict) and value:
            rows = _example_rows(value, prose[at].line, 0)
            page.guesses.append(f"{page.display}:{prose[at].line}: guess: no response table; the "
                                "response is read from the page's JSON example (its names and "
                                "the types of its values). Add the response table to the page "
                                "to say so")
            return rows
    where = prose[0].line if prose else 1
    page.guesses.append(f"{page.display}:{where}: guess: no response table; the response is "
                        "RequestId alone (an action that returns nothing else; is the page cut "
                        "off?)")
    return [Row(where, "RequestId", "String", description="请求ID")]


def _example_rows(value: dict[str, Any], line: int, depth: int) -> list[Row]:
    rows: list[Row] = []
    for name, v in value.items():
        if not re.fullmatch(vocab.IDENT, str(name)) or depth > MAX_DEPTH:
            continue
        items = [x for x in v if isinstance(x, dict)] if isinstance(v, list) else []
        inner: dict[str, Any] = {}
        for x in items or ([v] if isinstance(v, dict) else []):
            inner.update(x)
        if isinstance(v, dict) or items:
            row = Row(line, str(name), "Object[]" if items else "Object", depth=depth)
            children = _example_rows(inner, line, depth + 1)
            row.members = [c.name for c in children if c.depth == depth + 1]
            rows += [row, *children]
            continue
        scalar = v[0] if isinstance(v, list) and v else v
        t = ("Boolean" if isinstance(scalar, bool) else "Int" if isinstance(scalar, int)
             else "Float" if isinstance(scalar, float) else "String")
        if isinstance(v, list):
            t += "[]"
        rows.append(Row(line, str(name), t, example=None if isinstance(v, list) else v,
                        has_example=not isinstance(v, (list, type(None))), depth=depth))
    return rows


def _members_from_example(page: Page, prose: list[Prose]) -> None:
    """A flat response's objects whose members the page does not state: the JSON
    example on the page says which rows below each belong to it.  An object of a
    named type with no sub-table and no example holds none of the rows below it."""
    pending = [r for r in page.response if r.type.startswith("Object") and r.members is None]
    if not pending:
        return
    keys = example_keys(prose)
    for at, row in enumerate(page.response):
        if row.members is not None or not row.type.startswith("Object"):
            continue
        inner = keys.get(row.name.lower())
        if inner:
            row.members = [r.name for r in page.response[at + 1:] if r.name.lower() in inner]
        elif row.named:
            row.members = []  # 'Array of MetricDataPoint' with nothing more on the page


def _resolve_subtables(page: Page, subs: list[_Sub], fail: Any) -> None:
    """Members of named types and of fields whose sub-table is further down."""
    if not subs:
        return
    by_name: dict[str, _Sub] = {}
    for s in subs:
        if s.name is not None:
            if s.name in by_name:
                fail(s.line, f"a second sub-table for {s.name} (the first starts at line "
                     f"{by_name[s.name].line})")
                continue
            by_name[s.name] = s
    unnamed = [s for s in subs if s.name is None]

    def find(row: Row, chain: frozenset[str], side: str) -> _Sub | None:
        """The sub-table of *row*: by its type's name (a type may serve several fields),
        else by the field's own name (once), on the row's side of the response table
        first; else, for an object the page says nothing more of, the next table
        without a caption (a guess)."""
        base = row.name.split(".")[-1] if not row.name.endswith(".N") else row.name.split(".")[-2]

        def here(s: _Sub) -> bool:
            return not page.response_line or (s.line < page.response_line) == (side == "request")

        for strict in (True, False):
            if row.named and row.named in by_name and (here(by_name[row.named]) or not strict):
                if row.named in chain:
                    page.notes.append(f"{page.display}:{row.line}: note: {row.named} holds itself "
                                      f"(through {row.name}); read as a free-form object there")
                    row.members = []  # (exact: nothing below it belongs to it)
                    return None
                return by_name[row.named]
            s = by_name.get(base)
            if s is not None and not s.used and (here(s) or not strict) and base not in chain:
                return s
        near = [u for u in unnamed if here(u)]
        if row.type.startswith("Object") and near and (row.named or _is_bare(row)):
            s = near[0]
            unnamed.remove(s)
            page.guesses.append(
                f"{page.display}:{s.line}: guess: the table at line {s.line} has no caption; "
                f"read as the members of {row.name} (line {row.line}). Put a caption line "
                f"'{row.named or base}参数说明:' above it to say so")
            return s
        return None

    def members(table: Table, kind: str, depth: int) -> list[Row]:
        if depth > MAX_DEPTH:
            fail(table.line, f"sub-tables nest deeper than {MAX_DEPTH}")
            return []
        rows = [r for r in (_param_row(page, table, t, kind, fail) for t in table.rows) if r is not None]
        return rows

    def expand(rows: list[Row], depth: int, chain: frozenset[str], side: str) -> list[Row]:
        """Each sub-table's rows spliced in below its field, depth first: in the
        response as the field's stated members, in the request as dotted names
        (``Metrics.N.InstanceID``)."""
        out: list[Row] = []
        for row in rows:
            out.append(row)
            if not row.type.startswith("Object"):
                continue
            s = find(row, chain, side)
            if s is None:
                continue
            s.used = True
            inner = members(s.table, side, depth + 1)
            if side == "response":
                row.members = [r.name for r in inner]
            elif row.type == "Object[]" and not row.name.endswith(".N"):
                row.name += ".N"
            inner = expand(inner, depth + 1, chain | {s.name or ""}, side)
            if side == "request":
                for r in inner:
                    r.name = f"{row.name}.{r.name}"
            out.extend(inner)
        return out

    page.request = expand(page.request, 0, frozenset(), "request")
    page.response = expand(page.response, 0, frozenset(), "response")
    for s in subs:
        if not s.used:
            if s.name is not None:
                fail(s.line, f"a sub-table for {s.name}, but no field of the page is named "
                     f"{s.name} or has the type {s.name}")
            else:
                page.notes.append(f"{page.display}:{s.line}: note: the table at line {s.line} has no "
                                  "caption and no field is left for it to describe; left out (a "
                                  "caption line such as 'Xxx参数说明:' above it says whose members "
                                  "it holds)")


def _is_bare(row: Row) -> bool:
    return row.type in ("Object", "Object[]") and row.members is None


def _error_row(page: Page, table: Table, trow: TRow, fail: Any) -> None:
    h = table.heading
    unstripped = trow.cells
    raw = [c.strip() for c in trow.cells]
    number = trow.line
    i_code = h.column(vocab.CODE)
    code = norm(_cell(raw, i_code))
    if not code:
        if any(raw):
            fail(number, "error row without a code")
        return
    i_status = h.column(vocab.STATUS)
    i_msg = h.column(vocab.MESSAGE)
    i_desc = h.column(vocab.DESCRIPTION)
    status_at: int | None = None
    if 0 <= i_status < len(raw) and _STATUS_RE.match(norm(raw[i_status])):
        status_at = i_status
    if status_at is None:
        # message and description are free text and may hold '|': the status is the
        # first three-digit cell after the message
        start = (i_msg + 1) if i_msg >= 0 else i_code + 1
        status_at = next((i for i in range(start, len(raw)) if _STATUS_RE.match(norm(raw[i]))), None)
    if status_at is None:
        got = _cell(raw, i_status) if i_status >= 0 else ""
        fail(number, f"error {code}: no HTTP status (got {got!r}; expected a number such as 400)")
        return
    if i_msg >= 0 and i_msg < status_at:
        message = "|".join(unstripped[i_msg:status_at]).strip()
    else:
        message = _cell(raw, i_msg)
    if i_desc >= 0 and (i_desc > i_status or i_status < 0):
        # after the status: free text, '|' and all
        description = "|".join(unstripped[status_at + 1:]).strip()
    elif i_desc < 0:
        description = ""
    else:
        description = _cell(raw, i_desc)
    if page.escaped:
        code, message, description = (page_unescape(code), page_unescape(message),
                                      page_unescape(description))
    row = ErrorRow(number, code, message, int(norm(raw[status_at])), description)
    twin = next((e for e in page.errors if (e.code, e.message, e.status, e.description)
                 == (row.code, row.message, row.status, row.description)), None)
    if twin is not None:  # the same row twice (a page's copy-paste): one is enough
        page.notes.append(f"{page.display}:{number}: note: error {code} is the same as at line "
                          f"{twin.line}; read once")
        return
    same = next((e for e in page.errors if e.code == row.code and e.status == row.status), None)
    if same is not None:  # one code, two wordings of its message: one error, both texts
        page.notes.append(f"{page.display}:{number}: note: error {code} again, with another "
                          f"message; one error with the message of line {same.line} (this "
                          "row's text added to its description)")
        extra = " / ".join(t for t in (row.message, row.description) if t)
        same.description = f"{same.description}\n{extra}".strip() if extra else same.description
        return
    page.errors.append(row)
