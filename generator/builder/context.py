"""What every part of the builder shares: the service document being built,
the list its problems go to, where a node is (``Source``), ``$ref``
resolution, and the small readers of spec text (names, descriptions,
``x-ksyun-name``).  Imports no other part of the builder.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ..ir import Source
from ..load import Document, Workspace
from ..problems import Problem, SpecError, join_pointer

NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]*")  # always fullmatch: "$" accepts a final "\n"


class Context:
    """One service document (*doc*) being built in *ws*; every problem found
    is appended to *problems*, none stops the build."""

    __slots__ = ("ws", "doc", "problems")

    def __init__(self, ws: Workspace, doc: Document, problems: list[Problem]) -> None:
        self.ws = ws
        self.doc = doc
        self.problems = problems

    def src(self, doc: Document, pointer: str) -> Source:
        return Source(doc.display, doc.line(pointer))

    def fail(self, doc: Document, pointer: str, message: str) -> None:
        self.problems.append(doc.problem(pointer, message))

    def deref(self, doc: Document, pointer: str, node: Any) -> tuple[Document, str, Any] | None:
        """*node* with its ``$ref`` followed (as it is without one); None, with
        the problem recorded, when the reference dangles."""
        try:
            return self.ws.deref(doc, pointer, node)
        except SpecError as exc:
            self.problems.extend(exc.problems)
            return None

    def target_name(self, doc: Document, pointer: str, node: dict[str, Any]) -> str | None:
        """The ``x-ksyun-name`` of *node* (a property or a parameter), checked."""
        value = node.get("x-ksyun-name")
        if value is None:
            return None
        if not isinstance(value, str) or not re.fullmatch(r"[a-z_][a-z0-9_]*", value):
            self.fail(doc, join_pointer(pointer, "x-ksyun-name"),
                      f"x-ksyun-name must be a snake_case identifier, got {value!r}")
            return None
        return value


def text(value: Any) -> str:
    """*value* when it is a string, else ``""``."""
    return value if isinstance(value, str) else ""


@functools.lru_cache(maxsize=1 << 16)
def pascal_token(name: str) -> str:
    """*name* as a part of an inline shape's name (``disk-type`` → ``DiskType``)."""
    parts = re.split(r"[^0-9A-Za-z]+", name)
    return "".join(p[:1].upper() + p[1:] for p in parts if p) or "Field"
