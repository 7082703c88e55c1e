"""Problems found in a spec: one line each, ``FILE:LINE: message``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    file: str
    line: int | None
    pointer: str
    message: str

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.file}:{self.line}: {self.message}"
        return f"{self.file}: {self.pointer or '/'}: {self.message}"


# A parser's way to record a problem without stopping: fail(line, message).
Fail = Callable[[int, str], None]


class SpecError(Exception):
    """Raised by a stage that cannot go on; carries every problem it found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=_sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))


class GeneratorBug(Exception):
    """The generator made something it cannot finish (e.g. Python that black
    cannot parse): a bug in ksyun-codegen, not in the spec.  Reported in one
    line with what failed; nothing is written."""


def _sort_key(p: Problem) -> tuple[str, int, str, str]:
    return (p.file, p.line if p.line is not None else 0, p.pointer, p.message)


def escape_pointer_token(token: str) -> str:
    """Escape one JSON pointer token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def unescape_pointer_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join_pointer(pointer: str, *tokens: str | int) -> str:
    if len(tokens) == 1:  # (the common case, on every node of a walk)
        token = tokens[0] if isinstance(tokens[0], str) else str(tokens[0])
        if "~" in token or "/" in token:
            token = escape_pointer_token(token)
        return f"{pointer}/{token}"
    out = pointer
    for raw in tokens:
        token = raw if isinstance(raw, str) else str(raw)
        out += "/" + (escape_pointer_token(token) if "~" in token or "/" in token else token)
    return out


class ManifestError(ValueError):
    """A target's manifest (``templates/<target>/manifest.yaml``) says something the
    renderer cannot do: one line naming the file and the key (exit 2)."""
