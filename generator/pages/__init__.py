"""KSYUN doc pages, read and written in one place.

| module | what it does |
| --- | --- |
| ``vocab.py`` | the words of the pages (headings, required flags, types, sections), Chinese and English |
| ``tables.py`` | the tables of a page in any layout (pipe, tab, one cell per line, spaced) |
| ``html.py`` | a saved HTML page as lines for ``tables.py`` |
| ``read.py`` | the tables as one action: request rows, response rows with their nesting, errors |
| ``write.py`` | the reverse: an action of the spec as a page (``export-doc``, the docs' Markdown) |
"""

from .read import (
    SCALARS,
    ErrorRow,
    Page,
    Row,
    canonical_type,
    norm,
    parse_page,
    split_example,
    typed_example,
)
from .tables import split_cells
from .write import EXAMPLE_RE, describe, format_row, md_cell, md_unescape

__all__ = [
    "EXAMPLE_RE", "SCALARS", "ErrorRow", "Page", "Row", "canonical_type", "describe", "format_row",
    "md_cell", "md_unescape", "norm", "parse_page", "split_cells", "split_example", "typed_example",
]
