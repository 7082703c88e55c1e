"""A saved HTML page as the numbered lines the table reader reads.

Python's own ``html.parser`` reads the page (it never fails on bad markup
and runs no script); each ``<tr>`` becomes one pipe row (``| a | b |``,
a ``|`` in a cell escaped as ``\\|``), headings and paragraphs become prose
lines, ``<h1>`` becomes ``# title``.  Each line keeps the line of the page
its element starts on.  Scripts, styles and templates are skipped.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

Line = tuple[int, str]

_BLOCKS = {"p", "div", "section", "article", "li", "ul", "ol", "h2", "h3", "h4", "h5", "h6",
           "pre", "blockquote", "dt", "dd", "header", "footer", "main", "caption", "br", "hr",
           "table", "thead", "tbody"}
_SKIP = {"script", "style", "template", "noscript", "svg", "head"}
MAX_CELL = 100_000  # characters of one cell


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self.text: list[str] = []
        self.text_line = 1
        self.skip = 0
        self.row: list[str] | None = None
        self.row_line = 0
        self.cell: list[str] | None = None
        self.h1 = False

    def flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.text)).strip()
        if text:
            self.lines.append((self.text_line, ("# " + text) if self.h1 else text))
        self.text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        if tag == "tr":
            self.flush()
            self.row, self.row_line = [], self.getpos()[0]
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif self.cell is not None:
            if tag in ("br", "p", "li", "div") and self.cell:
                self.cell.append(" ")
        elif tag == "h1" or tag in _BLOCKS:
            self.flush()
            self.h1 = tag == "h1"
            self.text_line = self.getpos()[0]

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            text = re.sub(r"\s+", " ", "".join(self.cell)).strip()[:MAX_CELL]
            self.row.append(text.replace("|", "\\|"))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.cell is not None:
                self.handle_endtag("td")
            if any(self.row):
                self.lines.append((self.row_line, "| " + " | ".join(self.row) + " |"))
            self.row = None
        elif tag == "table":
            self.lines.append((self.getpos()[0], ""))  # a table ends: a blank line
        elif tag == "h1" or tag in _BLOCKS:
            self.flush()
            self.h1 = False
            self.text_line = self.getpos()[0]

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif self.row is None:
            if not self.text:
                self.text_line = self.getpos()[0]
            self.text.append(data)


def html_lines(text: str) -> list[Line]:
    reader = _Reader()
    reader.feed(text)
    reader.close()
    reader.flush()
    return reader.lines
