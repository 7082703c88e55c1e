"""Language-neutral name splitting: ``DescribeImages`` → words.

Targets build their identifiers from these words (see generator.targets).
"""

from __future__ import annotations

import re

# The SDK's own error classes (``ksyun_sdk.errors``).  An error code with one
# of these names would shadow the base class a client raises: targets rename
# the code's class, and import-doc refuses such a code on a page.
RUNTIME_ERROR_CLASSES = frozenset({
    "ApiError", "ConfigurationError", "KsyunError", "RequestTimeoutError",
    "RequestValidationError", "ResponseError", "ThrottlingError", "TransportError",
})

_BOUNDARY = re.compile(
    r"""
    [A-Z]+(?=[A-Z][a-z])   # an acronym before a capitalised word: HTTP|Status
    | [A-Z]?[a-z]+[0-9]*   # a word, with trailing digits: Ipv6, Disk
    | [A-Z]+[0-9]*         # an acronym: ID, HTTP2
    | [0-9]+[a-z]*          # digits, with a unit: 1st, 2x
    """,
    re.VERBOSE,
)


def words(name: str) -> list[str]:
    """Split a wire name into lower-case words.

    >>> words("DescribeImages"), words("HTTPStatus"), words("Ipv6Support")
    (['describe', 'images'], ['http', 'status'], ['ipv6', 'support'])
    """
    out: list[str] = []
    for chunk in re.split(r"[^0-9A-Za-z]+", name):
        out.extend(m.group(0).lower() for m in _BOUNDARY.finditer(chunk))
    return out


def snake(name: str) -> str:
    """``ImageId`` → ``image_id``; non-ASCII-only names give ``''``."""
    return "_".join(words(name))


def pascal(name: str) -> str:
    """``image-snapshot`` → ``ImageSnapshot``; a name already in PascalCase is kept."""
    return "".join(w[:1].upper() + w[1:] for w in re.split(r"[^0-9A-Za-z]+", name) if w)


def verb(action: str) -> str:
    """The first word of an action, capitalised: ``DescribeImages`` → ``Describe``."""
    parts = words(action)
    return parts[0].capitalize() if parts else "Action"
