"""Find the tables of a page in any of the layouts KSYUN's pages are copied in.

A page is a list of lines, each with its line number (generator.pages.html
turns a saved HTML page into such lines).  A table starts at a header row
(generator.pages.vocab.heading) and its rows follow in the header's layout:

| layout | header | rows |
| --- | --- | --- |
| pipe | ``名称 \\| 类型 \\| 描述 \\|`` (Markdown's leading pipe or not) | one line each; a row with no closing ``\\|`` goes on over the next lines; a line starting with ``\\|`` under a header that does not, adds cells to the row above |
| tab | cells separated by tabs, as a browser copies a table | one line each |
| cell per line | one heading per line, each ending in ``\\|`` | one cell per line (or more, up to its ``\\|``); a lone ``\\|`` is an empty cell |
| spaced | ``名称 类型 必须 描述`` | ``Name Type [是/否] description…``: read by what each word is |

Everything else is prose, kept with its line for the page reader (titles,
section headings, captions such as ``QuotaApplication参数说明:``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .vocab import (
    DESCRIPTION as DESCRIPTION_ROLE,
)
from .vocab import (
    EXTRA,
    NAME,
    OPTIONAL,
    PARAM_HEADINGS,
    REQUIRED,
    STATUS,
    TYPE,
    Heading,
    UnknownHeading,
    caption,
    doc_type,
    heading,
    is_heading_word,
    key,
    required_flag,
    section,
    split_spaced_header,
)

Line = tuple[int, str]

SEPARATOR_RE = re.compile(r"^[\s|:：\-—]*-{3,}[\s|:：\-—]*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*(\.[A-Za-z0-9_\-]+)*")
_STATUS_RE = re.compile(r"^\d{3}$")

# Bounds: a cell continued over more lines than this is not a cell; a header of the
# one-cell-per-line layout has at most MAX_HEADER_CELLS cells, with at most
# MAX_BLANK_RUN blank lines between two of them.
MAX_CONTINUATION_LINES = 200
MAX_HEADER_CELLS = 12
MAX_BLANK_RUN = 3


@dataclass
class TRow:
    line: int
    cells: list[str]
    closed: bool = True  # the row's last cell was closed by a '|' (or the layout has none)


@dataclass
class Table:
    heading: Heading
    line: int
    cells: list[str]  # the header's cells as written
    layout: str  # pipe, tab, cells, spaced
    rows: list[TRow] = field(default_factory=list)
    cut: bool = False  # the page ends inside this table
    glued: list[int] = field(default_factory=list)  # lines of error rows read without separators


@dataclass
class Prose:
    line: int
    text: str


@dataclass
class Problem:
    line: int
    message: str


def split_cells(line: str, strip: bool = True) -> list[str]:
    """Cells of a pipe-table line; leading/trailing pipes optional, ``\\|`` is a pipe.
    (A leading U+3000 is kept: it is the first cell's indentation.)"""
    s = line.strip(" \t\r\n\xa0\ufeff")
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    cells = [c.replace("\\|", "|") for c in _CELL_SPLIT.split(s)]
    # (U+3000 is kept: one at the start of a name is a level of nesting)
    return [c.strip(" \t\r\n\xa0") for c in cells] if strip else cells


def _has_pipe(text: str) -> bool:
    return bool(_CELL_SPLIT.search(text))


def _ends_with_pipe(text: str) -> bool:
    s = text.rstrip()
    return s.endswith("|") and not s.endswith("\\|")


def _single_cell(text: str) -> str | None:
    """The one cell of a line of the cell-per-line layout (``名称 |``), else None."""
    s = text.strip()
    if "\t" in s:
        return None
    cells = [c for c in split_cells(s)] if _has_pipe(s) else [s]
    filled = [c for c in cells if c]
    if len(filled) == 1 and (not _has_pipe(s) or _ends_with_pipe(s)) and len(cells) <= 2:
        return filled[0]
    return None


def _header_at(lines: list[Line], i: int) -> tuple[Heading, list[str], str, int] | None:
    """(heading, cells, layout, index after the header) when a header starts at *i*."""
    number, text = lines[i]
    s = text.strip()
    if not s:
        return None
    if "\t" in s:
        cells = [c.strip() for c in s.split("\t")]
        h = heading(cells)
        if h:
            return h, cells, "tab", i + 1
    if _has_pipe(s) and len([c for c in split_cells(s) if c]) >= 2:
        cells = split_cells(s)
        h = heading(cells)
        if h:
            return h, cells, "pipe", i + 1
        # a header glued to the prose above it: '注意:……结果名称 | 必选 | 类型 | 描述 |'
        tail = _heading_suffix(cells[0])
        if tail is not None:
            h = heading([tail, *cells[1:]])
            if h:
                return h, [tail, *cells[1:]], "pipe", i + 1
        return None
    first = _single_cell(s)
    if first is not None and is_heading_word(first):
        # one heading a line: the header is the run of lines that are headings, each
        # closed by '|' (cell per line) or none of them (a browser's copy: rows then
        # 'Name Type' with the text below, or each cell on a line of its own)
        piped = _has_pipe(s)
        cells, end = _heading_run(lines, i, first, piped)
        h = heading(cells)
        if h is not None and (piped or len(cells) >= 3):
            return h, cells, "cells" if piped else "lines", end
        return None
    spaced = split_spaced_header(s)
    if spaced:
        h = heading(spaced)
        if h:
            return h, spaced, "spaced", i + 1
    return None


def _heading_run(lines: list[Line], i: int, first: str, piped: bool) -> tuple[list[str], int]:
    """The heading cells from line *i* on, one a line (at most MAX_HEADER_CELLS, at
    most MAX_BLANK_RUN blank lines apart), and the index after the last one."""
    cells, j, end = [first], i + 1, i + 1
    while j < len(lines) and len(cells) < MAX_HEADER_CELLS and j - end <= MAX_BLANK_RUN:
        nxt = lines[j][1].strip()
        if not nxt:
            j += 1
            continue
        one = _single_cell(nxt) if piped else (None if _has_pipe(nxt) else nxt)
        if one is None or _has_pipe(nxt) != piped or not is_heading_word(one):
            break
        cells.append(one)
        j += 1
        end = j
    return cells, end


def _heading_suffix(text: str) -> str | None:
    """The heading word a longer cell ends with (``…结果名称`` → ``名称``), or None."""
    if len(text) < 6:
        return None
    for size in range(min(8, len(text) - 1), 1, -1):
        if is_heading_word(text[-size:]):
            return text[-size:]
    return None


def scan(lines: list[Line]) -> tuple[list[Table | Prose], list[Problem]]:
    """The tables and the prose of a page, in order."""
    out: list[Table | Prose] = []
    problems: list[Problem] = []
    i = 0
    while i < len(lines):
        number, text = lines[i]
        try:
            found = _header_at(lines, i)
        except UnknownHeading as exc:
            problems.append(Problem(number, str(exc)))
            i += 1
            continue
        if found is None:
            bullets = _bullet_table(lines, i)
            if bullets is not None:
                table, i = bullets
                out.append(table)
                continue
            if text.strip() and not SEPARATOR_RE.match(text.strip()):
                out.append(Prose(number, text.strip()))
            i += 1
            continue
        h, cells, layout, j = found
        table = Table(h, number, cells, layout)
        reader = {"pipe": _pipe_rows, "tab": _tab_rows, "cells": _cell_rows, "spaced": _spaced_rows,
                  "lines": _loose_rows}
        i = reader[layout](lines, j, table, problems, text.strip().startswith("|"))
        out.append(table)
    return out, problems


BULLETS = ("•", "·", "●", "-", "*", "◦")
BULLET_HEADING = Heading("params", (NAME, TYPE, REQUIRED, OPTIONAL, DESCRIPTION_ROLE, EXTRA))
_KEYED = re.compile(r"^([^:：]{1,20})[:：]\s*(.*)$")


def _bullet(text: str) -> str | None:
    """The text of a bullet line (``• 类型: String``), or None."""
    s = text.strip()
    for mark in BULLETS:
        if s.startswith(mark) and len(s) > len(mark) and s[len(mark)] in " \t":
            return s[len(mark):].strip()
    return None


def _bullet_group(lines: list[Line], i: int) -> tuple[list[str], int] | None:
    """A parameter written as a name line and bullets below it (``InstanceId.N`` /
    ``• 待关闭实例ID列表`` / ``• 类型: String 列表`` / ``• 是否可缺省: 否``): its cells
    in BULLET_HEADING's order and the index after it; None when no bullet says a type."""
    name = lines[i][1].strip()
    if not _NAME_RE.fullmatch(name):
        return None
    cells = [name] + [""] * (len(BULLET_HEADING.roles) - 1)
    j, typed = i + 1, False
    while j < len(lines) and j - i <= MAX_CONTINUATION_LINES:
        text = lines[j][1].strip()
        if not text:
            j += 1
            continue
        item = _bullet(text)
        if item is None:
            break
        m = _KEYED.match(item)
        role = PARAM_HEADINGS.get(key(m.group(1))) if m else None
        if m is not None and role in (TYPE, REQUIRED, OPTIONAL, DESCRIPTION_ROLE, EXTRA):
            at = BULLET_HEADING.column(role)
            cells[at] = (cells[at] + " " + m.group(2)).strip() if role == EXTRA else m.group(2)
            typed = typed or role == TYPE
        else:
            at = BULLET_HEADING.column(DESCRIPTION_ROLE)
            cells[at] = (cells[at] + "\n" + item).strip()
        j += 1
    return (cells, j) if typed else None


def _bullet_table(lines: list[Line], i: int) -> tuple[Table, int] | None:
    """Parameters as a list of name lines with bullets (KSYUN's older pages)."""
    first = _bullet_group(lines, i)
    if first is None:
        return None
    table = Table(BULLET_HEADING, lines[i][0], ["名称", "类型", "必须", "是否可缺省", "描述", "其他"],
                  "bullets")
    group: tuple[list[str], int] | None = first
    while group is not None:
        table.rows.append(TRow(lines[i][0], group[0]))
        i = group[1]
        while i < len(lines) and not lines[i][1].strip():
            i += 1
        group = _bullet_group(lines, i) if i < len(lines) else None
    return table, i


def _starts_table(lines: list[Line], i: int) -> bool:
    try:
        return _header_at(lines, i) is not None
    except UnknownHeading:
        return True


def _pipe_rows(lines: list[Line], i: int, table: Table, problems: list[Problem],
               leading: bool) -> int:
    closing = _ends_with_pipe(lines[i - 1][1])
    rows = table.rows
    while i < len(lines):
        number, raw = lines[i]
        s = raw.strip()
        current = rows[-1] if rows else None
        if current is not None and not current.closed:
            # the row above has no closing '|': the lines up to the next one that
            # ends with '|' go on with its last cell; with none before a blank line,
            # a header or a new row, the row simply had no closing pipe
            if s == "|":
                current.closed = True
                i += 1
                continue
            end = _closing_line(lines, i, table)
            if end is None:
                current.closed = True
                if i >= len(lines):
                    break
                continue
            for k in range(i, end + 1):
                t = lines[k][1].strip()
                if not t:
                    continue
                more = split_cells(t, strip=False) if _has_pipe(t) else [t]
                if t.startswith("|"):
                    current.cells.extend(more)  # '| text |': the next cell(s)
                else:
                    current.cells[-1] = (current.cells[-1].rstrip() + "\n" + more[0].strip())
                    current.cells.extend(more[1:])
            current.closed = True
            i = end + 1
            continue
        if not s:
            i += 1
            if i < len(lines) and lines[i][1].strip().startswith("|") and not leading and rows:
                continue  # a blank line, then a continuation row
            return i
        if SEPARATOR_RE.match(s):
            i += 1
            continue
        if _starts_table(lines, i):
            return i
        if not _has_pipe(s) or s.lower().startswith(_EXAMPLE_STARTS):
            return i  # prose ends the table (a request example's 'curl -X GET|POST' too)
        if s.startswith("|") and not leading and rows and s != "|":
            rows[-1].cells.extend(split_cells(s, strip=False))  # '| more |' under a table whose rows start bare
            i += 1
            continue
        if s == "|":
            i += 1
            continue
        if rows and len(rows[-1].cells) < len(table.cells) and not _looks_like_row(s, table):
            rows[-1].cells.extend(split_cells(s, strip=False))  # the rest of a short row
            i += 1
            continue
        lone = [c for c in split_cells(s) if c]
        if rows and len(lone) == 1 and not s.startswith("|") and not _NAME_RE.fullmatch(lone[0]):
            # 'more text |' under a full row: its description goes on
            last = rows[-1].cells
            at = max((k for k, c in enumerate(last) if c.strip()), default=len(last) - 1)
            last[at] = last[at].rstrip() + "\n" + lone[0]
            i += 1
            continue
        cells = split_cells(raw, strip=False)
        rows.append(TRow(number, cells, closed=not closing or _ends_with_pipe(s)))
        i += 1
    if rows and not rows[-1].closed:
        table.cut = True  # the page ends inside a row that the table's layout would close
    elif rows and i >= len(lines) and len([c for c in rows[-1].cells if c.strip()]) < _needed(table):
        table.cut = True  # the page's last row stops before the cells every row has
    return i


def _needed(table: Table) -> int:
    h = table.heading
    if h.kind == "errors":
        return 2
    return max(h.column(TYPE), h.column(NAME)) + 1


_EXAMPLE_STARTS = ("curl ", "http://", "https://", "-h ", "-d ", "get /", "post /")


def _closing_line(lines: list[Line], i: int, table: Table) -> int | None:
    """The index of the line that closes an open row (it ends with '|'), looking
    from *i* past no blank line, header or new row; None when there is none."""
    for k in range(i, min(len(lines), i + MAX_CONTINUATION_LINES)):
        t = lines[k][1].strip()
        if not t or _starts_table(lines, k):
            return None
        if _has_pipe(t) and _looks_like_row(t, table) and not t.startswith("|"):
            return None
        if _ends_with_pipe(t):
            return k
    return None


def _looks_like_row(text: str, table: Table) -> bool:
    cells = split_cells(text)
    h = table.heading
    if h.kind == "errors":
        return len(cells) >= 3 and any(_STATUS_RE.match(c) for c in cells)
    i_type = h.column(TYPE)
    return (len(cells) >= max(2, len(h.roles) - 2) and bool(_NAME_RE.fullmatch(cells[0]))
            and 0 <= i_type < len(cells) and doc_type(cells[i_type]) is not None)


def _next_text(lines: list[Line], i: int) -> str:
    """The next non-blank line from *i* (within MAX_BLANK_RUN blank lines), or ''."""
    for k in range(i, min(len(lines), i + MAX_BLANK_RUN + 1)):
        if lines[k][1].strip():
            return lines[k][1].strip()
    return ""


def _tab_rows(lines: list[Line], i: int, table: Table, problems: list[Problem],
              leading: bool) -> int:
    while i < len(lines):
        number, raw = lines[i]
        s = raw.strip()
        if not s or _starts_table(lines, i):
            return i if s else i + 1
        if "\t" not in s:
            nxt = _next_text(lines, i + 1)
            if table.rows and "\t" in nxt and _continues(s) and not _starts_table(lines, i + 1):
                table.rows[-1].cells[-1] += "\n" + s  # a cell's text that wrapped onto its own line
                i += 1
                continue
            return i
        table.rows.append(TRow(number, [c.strip() for c in raw.strip("\n").split("\t")]))
        i += 1
    return i


def _cell_rows(lines: list[Line], i: int, table: Table, problems: list[Problem],
               leading: bool) -> int:
    """One cell per line; a cell ends at its '|' (it may span lines); a lone '|' is empty."""
    width = len(table.cells)
    cells: list[str] = []
    start = 0
    buffer: list[str] = []
    while i < len(lines):
        number, raw = lines[i]
        s = raw.strip()
        if not buffer and not cells:
            if not s:
                i += 1
                continue
            if _starts_table(lines, i) or not _ends_with_pipe(s):
                return i  # a row starts with a one-line name cell, closed by '|'
            start = number
        elif not buffer and not s:
            i += 1
            continue
        if len(buffer) > MAX_CONTINUATION_LINES:
            problems.append(Problem(number, f"a cell goes on for more than "
                                    f"{MAX_CONTINUATION_LINES} lines"))
            return i
        if _ends_with_pipe(s):
            body = s[:-1].rstrip()
            if body.startswith("|"):
                body = body[1:].strip()
            buffer.append(body)
            cells.append("\n".join(b for b in buffer if b).strip())
            buffer = []
            if len(cells) == width:
                wrong = _misplaced(table, cells)
                if wrong is not None:
                    problems.append(Problem(start, f"the cells from line {start} do not line up with "
                                            f"the header at line {table.line}: {wrong} (a cell "
                                            "left out? an empty cell is a lone '|')"))
                    table.rows.append(TRow(start, cells))
                    return len(lines)  # (the rest of the table would only repeat it)
                table.rows.append(TRow(start, cells))
                cells = []
        else:
            buffer.append(s)
        i += 1
    if cells or buffer:
        table.cut = True
        if cells or buffer:
            table.rows.append(TRow(start, cells + (["\n".join(buffer)] if buffer else []), closed=False))
    return i


def _misplaced(table: Table, cells: list[str]) -> str | None:
    """Why a row of the one-cell-per-line layout cannot be in its place, or None."""
    h = table.heading
    if h.kind != "params":
        at = h.column(STATUS)
        if 0 <= at < len(cells) and cells[at] and not _STATUS_RE.match(cells[at]):
            return f"{cells[at]!r} stands where the HTTP status belongs"
        return None
    checks: list[tuple[str, Callable[[str], bool]]] = [
        (TYPE, lambda c: doc_type(c) is not None),
        (REQUIRED, lambda c: required_flag(c) is not None),
        (NAME, lambda c: bool(_NAME_RE.fullmatch(c))),
    ]
    for role, ok in checks:
        at = h.column(role)
        if 0 <= at < len(cells) and cells[at] and not ok(cells[at]):
            return f"{cells[at]!r} stands where the {role} cell belongs"
    return None


def _parse_spaced(words: list[str], h: Heading) -> list[str] | None:
    """``Name [flag] Type [flag] text…`` as the header's cells, or None when the words
    do not start a row.  The type may be up to three words (``Array of X``)."""
    if len(words) < 2 or not _NAME_RE.fullmatch(words[0]):
        return None
    k, required = 1, ""
    if h.column(REQUIRED) >= 0 and required_flag(words[1]) is not None and len(words) > 2:
        required, k = words[1], 2  # required before the type ('参数名称 必选 类型 描述')
    for n in (3, 2, 1):
        t = doc_type(" ".join(words[k:k + n])) if len(words) >= k + n else None
        # (a lone capitalised word is a named type only in a table with cells: in running
        # text 'The ID of the kite.' it is prose)
        if t is not None and not (n == 1 and t.named and t.canonical == "Object"):
            break
    else:
        return None
    rest = words[k + n:]
    if not required and h.column(REQUIRED) >= 0 and rest and required_flag(rest[0]) is not None \
            and rest[0] != "-":
        required, rest = rest[0], rest[1:]
    return _place(h, [NAME, TYPE, REQUIRED, "description"],
                  [words[0], " ".join(words[k:k + n]), required, " ".join(rest)])


def _error_words(words: list[str]) -> list[str] | None:
    """``Code message… 400 description…``: the status is the first three-digit word after
    the message; None when there is none."""
    at = next((k for k in range(2, len(words)) if _STATUS_RE.match(words[k])), None)
    if at is None or not _NAME_RE.fullmatch(words[0]):
        return None
    return [words[0], " ".join(words[1:at]), words[at], " ".join(words[at + 1:])]


_ERROR_ROLES = ["code", "message", STATUS, "description"]
DESCRIPTION_COLUMN = "description"
# Words an error code ends with, where a copy glued the code to its message
# ('ProductSellOutInvalidproduct already sell out.400…').
CODE_ENDINGS = ("Invalid", "NotFound", "NotSupported", "Exceeded", "Required", "Conflict", "Error",
                "Failed", "Denied", "Unavailable", "Malformed", "Duplicate", "InUse", "Expired",
                "Insufficient", "Missing", "OutOfRange", "NotExist", "NotExists", "Exists",
                "Forbidden", "Unauthorized", "Timeout", "Limit", "Mismatch", "Incorrect", "Empty")
# Words an English error message starts with ('…ParameterValueAn invalid value …').
MESSAGE_OPENERS = frozenset(("A", "An", "The", "This", "That", "These", "Those", "Your", "You",
                             "No", "It", "There", "Please", "One", "Some", "Specified", "Current"))
MAX_GLUED_ROW = 2000  # characters of a line read as a glued error row
_GLUED = re.compile(r"^([A-Za-z][A-Za-z0-9.]*)(.*?)(?<![0-9])([1-5][0-9]{2})(?![0-9])(.*)$")


def _glued_error(text: str) -> list[str] | None:
    """An error row whose cells a copy glued together: code, message, status and
    description told apart by the status (the first three-digit number) and by
    the word a code ends with; None when the line is no such row."""
    m = _GLUED.match(text) if len(text) <= MAX_GLUED_ROW else None
    if m is None:
        return None
    head, rest, status, description = m.groups()
    if not rest and not any(ch.isascii() for ch in head):
        return None
    code = head
    cut = max((head.rfind(e) + len(e) for e in CODE_ENDINGS if head.rfind(e) > 0), default=-1)
    caps = [i for i in range(1, len(head)) if head[i].isupper() and head[i - 1].islower()]
    opener = head[caps[-1]:] if caps else ""
    if 0 < cut < len(head) and (head[cut].islower() or opener not in MESSAGE_OPENERS):
        # 'ProductSellOutInvalid' + 'product …', 'ClusterIdRequired' + 'ClusterId is …'
        code, rest = head[:cut], head[cut:] + rest
    elif rest[:1] not in (" ", ""):
        pass  # 'InvalidParameter暂无': the code ends where the ASCII does
    else:
        # 'FooBarThe message…': the message starts with the last capitalised word
        if caps and rest.startswith(" "):
            code, rest = head[:caps[-1]], head[caps[-1]:] + rest
    if len(code) < 3 or not re.fullmatch(r"[A-Za-z][A-Za-z0-9.]*", code):
        return None
    return [code, rest.strip(), status, description.strip()]


def _spaced_rows(lines: list[Line], i: int, table: Table, problems: list[Problem],
                 leading: bool) -> int:
    """``ApplyId String 配额申请uuid``: name, type, a required flag if the table has
    one and the row says it, then the description; for errors the status is
    the first three-digit word after the message."""
    h = table.heading
    while i < len(lines):
        number, raw = lines[i]
        s = raw.strip()
        if not s or _starts_table(lines, i):
            return i + 1 if not s and table.rows else i
        words = s.split()
        if h.kind == "errors":
            found = _error_words(words)
            if found is None:
                return i
            table.rows.append(TRow(number, _place(h, _ERROR_ROLES, found)))
            i += 1
            continue
        cells = _parse_spaced(words, h)
        if cells is None:
            if table.rows and _continues(s):
                _append_text(table, s)  # a description's next line
                i += 1
                continue
            return i
        table.rows.append(TRow(number, cells))
        i += 1
    return i


def _loose_rows(lines: list[Line], i: int, table: Table, problems: list[Problem],
                leading: bool) -> int:
    """Rows as a browser copies a table whose cells are blocks: ``Name Type`` (and a
    required flag) on one line, or each cell on a line (or paragraph) of its own,
    the description on the lines below.  Read by what each line is: a name that a
    type or a flag follows starts a row; then a type, a flag, and text."""
    h = table.heading
    filled: set[str] = set()
    while i < len(lines):
        number, raw = lines[i]
        s = raw.strip()
        if not s:
            i += 1
            continue
        words = s.split()
        waiting = bool(table.rows) and TYPE not in filled  # the row above still lacks its type
        lone_name = len(words) == 1 and bool(_NAME_RE.fullmatch(s)) and not waiting \
            and _cell_kind(_next_text(lines, i + 1))
        if _starts_table(lines, i) or section(s) is not None or _has_pipe(s) \
                or (caption(s) is not None and not lone_name and _table_follows(lines, i + 1)):
            return i
        row = table.rows[-1].cells if table.rows else None
        if h.kind == "errors":
            found = _error_words(words)
            glued = _glued_error(s) if found is None and (row is None or STATUS in filled) else None
            if found is not None or glued is not None:
                table.rows.append(TRow(number, _place(h, _ERROR_ROLES, found or glued or [])))
                filled = {"code", STATUS}
                if glued is not None:
                    table.glued.append(number)
            elif len(words) == 1 and _NAME_RE.fullmatch(s) and not _STATUS_RE.match(s) \
                    and (row is None or STATUS in filled):
                table.rows.append(TRow(number, _place(h, ["code"], [s])))
                filled = {"code"}
            elif row is not None and _STATUS_RE.match(s) and STATUS not in filled \
                    and h.column(STATUS) >= 0:
                row[h.column(STATUS)] = s
                filled.add(STATUS)
            elif row is not None:
                at = h.column("description" if STATUS in filled else "message")
                if at >= 0:
                    row[at] = (row[at] + "\n" + s).strip()
            else:
                return i
            i += 1
            continue
        # (a row waiting for its flag or type takes it first: 'string list' under
        # 'instanceIds' is its type, not a row named 'string')
        cells = None if waiting else _parse_spaced(words, h)
        at_text = h.column(DESCRIPTION_COLUMN)
        if cells is not None and at_text >= 0 and cells[at_text]:
            cells = None  # 'Total number of records.' is text: rows here are 'Name Type' alone
        if row is not None and h.column(REQUIRED) >= 0 and REQUIRED not in filled \
                and "description" not in filled and s and required_flag(s) is not None:
            row[h.column(REQUIRED)] = s
            filled.add(REQUIRED)
        elif row is not None and TYPE not in filled and doc_type(s) is not None:
            row[h.column(TYPE)] = s
            filled.add(TYPE)
        elif cells is not None:
            table.rows.append(TRow(number, cells))
            filled = {NAME, TYPE}
            if h.column(REQUIRED) >= 0 and cells[h.column(REQUIRED)]:
                filled.add(REQUIRED)
        elif lone_name:
            table.rows.append(TRow(number, _place(h, [NAME], [s])))  # a name on its own line
            filled = {NAME}
        elif row is not None:
            _append_text(table, s)
            filled.add("description")
        else:
            return i
        i += 1
    return i


def _table_follows(lines: list[Line], i: int) -> bool:
    """Whether a table starts at the next non-blank line from *i* (a caption's table)."""
    for k in range(i, min(len(lines), i + MAX_BLANK_RUN + 1)):
        if lines[k][1].strip():
            return _starts_table(lines, k)
    return False


def _cell_kind(text: str) -> bool:
    """Whether *text* is a type or a required flag (what follows a name on its own line)."""
    t = doc_type(text) if text else None
    # (a lone capitalised word is no type here, 'Array of AlarmPolicyObject' is)
    named_word = t is not None and t.named is not None and " " not in text.strip() \
        and t.canonical == "Object"
    return (t is not None and not named_word) or (bool(text) and required_flag(text) is not None)


def _continues(text: str) -> bool:
    """A line under a spaced row that goes on with its description (not prose that ends it)."""
    return section(text) is None and caption(text) is None


def _append_text(table: Table, text: str) -> None:
    row = table.rows[-1]
    at = table.heading.column("description")
    at = at if at >= 0 else len(row.cells) - 1
    row.cells[at] = (row.cells[at] + "\n" + text).strip()


def _place(h: Heading, roles: list[str], values: list[str]) -> list[str]:
    """Cells in the header's column order from (role, value) pairs."""
    out = [""] * len(h.roles)
    for role, value in zip(roles, values, strict=True):
        at = h.column(role)
        if at >= 0:
            out[at] = value
        elif role == "description" and value:
            out[-1] = (out[-1] + " " + value).strip()
    return out
