"""Loading a large document region by region, each region's parse cached.

A vendor's service file is one document of thousands of actions (10 MB at
1,000 actions); editing one action must not cost parsing all of it again.
:func:`parse_parts` cuts the text at the entries of its large mappings (the
root, ``paths``, ``components``, ``schemas``...), parses each entry alone and
takes the parse of an entry whose text it has seen before from the cache
(keyed by the entry's exact text, its indentation, its nesting depth and the
loader's code).  The result is the whole parse's: the same data in the same
order and the same line for every JSON pointer.

It only ever answers for texts it can cut without reading YAML's grammar
wrongly, and says None otherwise (the caller then parses the whole text):

* block style, whose mapping entries start at one indentation, or JSON-like
  flow style (``{`` alone on the first line, one entry per indented line
  group, each but the last ending with ``,``);
* no anchor (``&``) anywhere (an alias may only name an anchor of the same
  region, and alias budgets are counted over the whole document);
* no document markers or directives (``---``, ``...``, ``%``), no CR, no tab;
* every region parses alone to a mapping of exactly one key, and no key is
  repeated across regions.

Any problem in any region (a syntax error, a control character, a key that
reads as ``true``...) means None as well: problems are then found and
worded by the whole parse, with the same lines as ever.
"""

from __future__ import annotations

import marshal
import re
from typing import Any

import yaml

# Texts shorter than this are parsed whole (cutting them saves nothing).
PARTS_MIN_CHARS = 1 << 18
# A region larger than this is cut into its own entries when it can be.
SPLIT_MIN_CHARS = 1 << 15

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_JSON_KEY = re.compile(r'"([A-Za-z_][A-Za-z0-9_-]*)"')
# Plain words YAML 1.1 reads as booleans or null: never a container's key here.
_WORDS = {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE",
          "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL"}


class _Uncut(Exception):
    """The text cannot be cut safely: parse it whole."""


class _Parser:
    def __init__(self, text: str, shown: str, flow: bool,
                 plain: Any, loader_cls: Any, cache: Any, code: str) -> None:
        self.text = text
        self.shown = shown
        self.flow = flow
        self.plain = plain
        self.loader_cls = loader_cls
        self.cache = cache
        self.code = code
        self.data_lines: dict[str, int] = {}
        self.stored: list[tuple[str, bytes]] = []
        self._line_at = (0, 1)  # (offset, its line): regions are met in order

    def line(self, offset: int) -> int:
        """The 1-based line of *offset* (offsets are asked for in increasing order)."""
        at, line = self._line_at
        line += self.text.count("\n", at, offset)
        self._line_at = (offset, line)
        return line

    # ------------------------------------------------------------ cutting
    def entries(self, start: int, end: int) -> list[tuple[int, int]]:
        """The ranges of the entries of a mapping whose entries are the text
        [start, end) (whole lines): each starts at the first entry's indentation."""
        first = _CONTENT.search(self.text, start, end)
        if first is None:
            raise _Uncut
        at = len(first.group(1))
        if at and _shallower(at).search(self.text, start, end) is not None:
            raise _Uncut
        starts = [m.start() for m in _starts(at, self.flow).finditer(self.text, start, end)]
        if not starts or starts[0] != first.start():
            raise _Uncut
        return list(zip(starts, [*starts[1:], end], strict=True))

    def container(self, start: int, end: int) -> tuple[str, int, int] | None:
        """(key, first, end) when entry [start, end) is a mapping whose own entries
        are the text [first, end) and worth cutting; None to parse it as one region."""
        if end - start < SPLIT_MIN_CHARS:
            return None
        head_end = self.text.find("\n", start, end) + 1
        if head_end == 0:
            return None  # one line
        head = self.text[start:head_end - 1]
        at = len(head) - len(head.lstrip(" "))
        text = head[at:]
        if self.flow:
            if not text.endswith(": {"):
                return None
            match = _JSON_KEY.fullmatch(text[:-3])
            body = self.text[head_end:end].rstrip()
            last = body.rfind("\n") + 1
            closing = body[last:]
            if match is None or closing.strip(" ") not in ("}", "},") or \
                    len(closing) - len(closing.lstrip(" ")) != at:
                return None
            return match.group(1), head_end, head_end + last
        if not text.endswith(":"):
            return None
        key = text[:-1]
        if _PLAIN_KEY.fullmatch(key) is None or key in _WORDS:
            return None
        nxt = _CONTENT.search(self.text, head_end, end)
        if nxt is None or len(nxt.group(1)) <= at or self.text.startswith("-", nxt.end(1)):
            return None
        return key, head_end, end

    # ------------------------------------------------------------ parsing
    def mapping(self, start: int, end: int, pointer: str, depth: int,
                out: dict[str, Any], last_closes: bool) -> None:
        """Parse the entries in the text [start, end) into *out* (the mapping at
        *pointer*, itself at nesting *depth*); *last_closes*: in flow style,
        whether the last entry is its mapping's last (no comma after it)."""
        ranges = self.entries(start, end)
        for index, (s, e) in enumerate(ranges):
            if self.flow:
                tail = self.text[s:e].rstrip()
                if _COMMENT.search(tail, tail.rfind("\n") + 1) is not None:
                    raise _Uncut  # a comment where the separator is looked for
                final = index == len(ranges) - 1
                if tail.endswith(",") == (final and last_closes):
                    raise _Uncut
            inner = self.container(s, e)
            if inner is not None:
                key, first, stop = inner
                if key in out:
                    raise _Uncut
                child = f"{pointer}/{key}"
                self.data_lines[child] = self.line(s)
                value: dict[str, Any] = {}
                out[key] = value
                self.mapping(first, stop, child, depth + 1, value, True)
                continue
            key, value = self.region(s, e, pointer, depth)
            if key in out:
                raise _Uncut
            out[key] = value

    def region(self, s: int, e: int, pointer: str, depth: int) -> tuple[str, Any]:
        """Parse the text [s, e) alone: one entry of the mapping at *pointer*."""
        body = self.text[s:e]
        if self.flow:
            body = "{" + body.rstrip()
            if body.endswith(","):
                body = body[:-1]
            body += "}"
        from .cache import digest

        key = digest("yaml-region", self.code, "flow" if self.flow else "block", str(depth), body)
        got = self.cache.get_bytes(key) if self.cache is not None else None
        entry: Any = None
        if got is not None:
            try:
                entry = marshal.loads(got)
            except (ValueError, EOFError, TypeError):
                entry = None
        if not (isinstance(entry, tuple) and len(entry) == 3 and isinstance(entry[0], str)
                and isinstance(entry[2], list)):
            entry = self.parse_region(body, depth)
            if self.cache is not None:
                self.stored.append((key, marshal.dumps(entry)))
        name, value, rel = entry
        base = self.line(s) - 1
        lines = self.data_lines
        try:
            placed = [(pointer + sub, line + base) for sub, line in rel]
        except (TypeError, ValueError):  # a damaged entry: this region is parsed again
            name, value, rel = self.parse_region(body, depth)
            placed = [(pointer + sub, line + base) for sub, line in rel]
        lines.update(placed)
        return name, value

    def parse_region(self, body: str, depth: int) -> tuple[str, Any, list[tuple[str, int]]]:
        from .problems import SpecError

        loader = self.loader_cls(body)
        try:
            node = loader.get_single_node()
            if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
                raise _Uncut
            if node.value[0][0].start_mark.line != 0 or node.flow_style != self.flow:
                raise _Uncut  # (a flow mapping alone at a block entry's place is a key)
            rel: dict[str, int] = {}
            data = self.plain(loader, node, "", rel, self.shown, depth)
        except (yaml.YAMLError, SpecError, RecursionError):
            raise _Uncut from None
        finally:
            loader.dispose()
        ((name, value),) = data.items()
        return name, value, list(rel.items())


# Where a comment may start (a string holding " #" is taken for one: no answer, only slower).
_COMMENT = re.compile(r"(?:^|\s)#", re.M)
# A line with content (not blank, not a comment): its indentation is group 1.
_CONTENT = re.compile(r"^( *)[^ \n#]", re.M)


def _shallower(at: int) -> re.Pattern[str]:
    """Lines with content indented less than *at* (a tab counts as content)."""
    return re.compile(rf"^ {{0,{at - 1}}}[^ \n#]", re.M)


def _starts(at: int, flow: bool) -> re.Pattern[str]:
    """Lines starting an entry at indentation *at*: a closing bracket (flow) or a
    compact sequence item (block) there belongs to the entry before it."""
    rest = r"[^ \n#}\]]" if flow else r"(?!-(?: |$))[^ \n#]"
    return re.compile(rf"^ {{{at}}}{rest}", re.M)


def parse_parts(text: str, shown: str, plain: Any, loader_cls: Any, cache: Any,
                code: str) -> tuple[Any, dict[str, int]] | None:
    """(data, lines) exactly as the whole parse gives them, or None when the
    text is small or cannot be cut safely (see the module's docstring)."""
    if len(text) < PARTS_MIN_CHARS or "&" in text or "\r" in text or "\t" in text:
        return None
    if _MARKERS.search(text) is not None:
        return None
    first = _CONTENT.search(text)
    if first is None:
        return None
    flow = text.startswith("{", first.end() - 1)
    try:
        if flow:
            if first.group(1) or text[first.end():].split("\n", 1)[0].strip(" "):
                return None  # "{" alone on its line
            body = text.rstrip()
            last = body.rfind("\n") + 1
            if body[last:].strip(" ") != "}" or last <= first.end():
                return None
            start, end = text.index("\n", first.end()) + 1, last
        else:
            if first.group(1):
                return None
            start, end = first.start(), len(text)
        parser = _Parser(text, shown, flow, plain, loader_cls, cache, code)
        parser.data_lines[""] = 1
        data: dict[str, Any] = {}
        parser.mapping(start, end, "", 1, data, True)
    except _Uncut:
        return None
    if cache is not None:
        for key, blob in parser.stored:
            cache.put_bytes(key, blob)
    return data, parser.data_lines


# Document markers and directives: several documents or a %TAG change what a region means.
_MARKERS = re.compile(r"^(?:---|\.\.\.|%)", re.M)
