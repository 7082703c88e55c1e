"""Language-neutral name splitting: ``DescribeImages`` → words.

Targets build their identifiers from these words (see generator.targets).
"""

from __future__ import annotations

import functools
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


# Terms written in mixed case that a person reads as one word: ``SetvCPU`` is
# set + vcpu, ``IPv6Address`` is ipv6 + address.  Matched case-sensitively,
# longest first, before the regular split.
MIXED_CASE_TERMS = ("vCPUs", "vCPU", "vGPU", "IPv4", "IPv6")
_TERMS = re.compile("(" + "|".join(MIXED_CASE_TERMS) + ")")


def words(name: str) -> list[str]:
    """Split a wire name into lower-case words.

    Rules, in order: non-alphanumerics separate words; a mixed-case term
    (``vCPU``, ``IPv6``; see MIXED_CASE_TERMS) is one word; an acronym ends
    before a capitalised word (``GPUSpec`` → gpu, spec); digits stay with the
    word before them (``Ipv6``, ``DNS1``).

    >>> words("DescribeImages"), words("HTTPStatus"), words("Ipv6Support"), words("SetvCPU")
    (['describe', 'images'], ['http', 'status'], ['ipv6', 'support'], ['set', 'vcpu'])
    """
    return list(_words(name))


@functools.lru_cache(maxsize=1 << 16)
def _words(name: str) -> tuple[str, ...]:
    out: list[str] = []
    for chunk in re.split(r"[^0-9A-Za-z]+", name):
        for piece in _TERMS.split(chunk):
            if piece in MIXED_CASE_TERMS:
                out.append(piece.lower())
            else:
                out.extend(m.group(0).lower() for m in _BOUNDARY.finditer(piece))
    return tuple(out)


@functools.lru_cache(maxsize=1 << 16)
def snake(name: str) -> str:
    """``ImageId`` → ``image_id``; non-ASCII-only names give ``''``."""
    return "_".join(_words(name))


@functools.lru_cache(maxsize=1 << 16)
def pascal(name: str) -> str:
    """``image-snapshot`` → ``ImageSnapshot``; a name already in PascalCase is kept."""
    return "".join(w[:1].upper() + w[1:] for w in re.split(r"[^0-9A-Za-z]+", name) if w)


def verb(action: str) -> str:
    """The first word of an action, capitalised: ``DescribeImages`` → ``Describe``."""
    parts = words(action)
    return parts[0].capitalize() if parts else "Action"


def name_key(*tokens: str) -> str:
    """A key of ``Target.public_names``: wire-name tokens joined by ``/``, each
    escaped as in a JSON pointer (``name_key("actions", "DescribeImages")``)."""
    return "/".join(t.replace("~", "~0").replace("/", "~1") for t in tokens)
