"""Go names of the spec's wire names: pure functions, so adding an action
renames nothing.

Every generated name is exported (upper case first), built from the wire
name's words by :func:`generator.naming.pascal`:

* a field or parameter: ``ImageId`` → ``ImageId`` (the wire name as written,
  first letter upper case; ``x-ksyun-name`` pins it: ``options_param`` →
  ``OptionsParam``); a name that starts with a digit gets ``X``
  (``1stDisk`` → ``X1stDisk``); a name of letters in another script keeps
  them after ``X`` (``名称`` → ``X名称``); anything else becomes
  ``Field<hash>``;
* a shape: its name, the same way; an action's parameters are
  ``<Action>Input``, its response ``<Action>Output``; its paginator
  ``<Action>Paginator`` (made by ``New<Action>Paginator``);
* an error code: ``<Code>Error`` (``InvalidParameter.Malformed`` →
  ``InvalidParameterMalformedError``); in package ``ksyun`` a code whose
  name would be one of the runtime's own types gets ``APIError`` instead
  (``Validation`` → ``ValidationAPIError``);
* an enum: the type ``<Owner><Field>`` (``RunInstancesSystemDiskDiskType``),
  a constant per value ``<Type><Value>`` (``…DiskTypeLocalSSD``).

Two spec names that give one Go name are an error (``check_names``), never
a silent rename.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from typing import Any

from ...facts import error_class_base
from ...ir import Operation, Service
from ...naming import pascal, words

# Types and functions of package ksyun (templates/go/ksyun/): a common error
# class may not take one of these names.
RUNTIME_NAMES = frozenset({
    "APIError", "Client", "Config", "ConfigurationError", "Decoder", "DecodeFunc", "ItemsRule",
    "NumberRule", "Operation", "Option", "CallOption", "CallConfig", "Paginator", "Params",
    "Pattern", "RawResponse", "ResponseError", "RetryPolicy", "ServiceInfo", "StringRule",
    "TransportError", "ValidationError", "Validator",
})
# Names a service package declares besides the spec's: no spec name may take them.
PACKAGE_NAMES = frozenset({"Client", "NewClient"})
# Go's keywords: a package (folder) name may not be one.
GO_KEYWORDS = frozenset("""
    break case chan const continue default defer else fallthrough for func go goto if import
    interface map package range return select struct switch type var
""".split())

_ASCII_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _hashed(prefix: str, name: str) -> str:
    return prefix + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]


def _letters(name: str) -> bool:
    """Every character a letter, a digit or ``_`` as Go's identifiers allow them."""
    return bool(name) and all(c == "_" or unicodedata.category(c)[0] == "L" or unicodedata.category(c) == "Nd"
                              for c in name)


@functools.lru_cache(maxsize=1 << 16)
def exported(name: str, fallback: str = "Field") -> str:
    """An exported Go identifier for a wire name (see the module docstring)."""
    base = pascal(name)
    if base and _ASCII_IDENT.fullmatch(base):
        return "X" + base if base[0].isdigit() else base
    if unicodedata.normalize("NFKC", name) == name and _letters(name):
        return "X" + name
    return _hashed(fallback, name)


def field_name(item: Any) -> str:
    """The struct field of a Field or Parameter (``x-ksyun-name`` pins it)."""
    return exported(item.target_name or item.name)


def type_name(shape: str) -> str:
    """A shape's struct type."""
    return exported(shape, "Shape")


def input_type(op: Operation) -> str:
    return exported(op.action, "Action") + "Input"


def output_type(op: Operation) -> str:
    return exported(op.action, "Action") + "Output"


def method_name(action: str) -> str:
    return exported(action, "Action")


def paginator_type(op: Operation) -> str:
    return method_name(op.action) + "Paginator"


def error_type(code: str, runtime: bool = False) -> str:
    """A code's error type; in package ksyun (*runtime*) one that would take a runtime
    type's name ends in ``APIError``."""
    base = exported(error_class_base(code), "Code")
    if runtime and base + "Error" in RUNTIME_NAMES:
        return base + "APIError"
    return base + "Error"


def enum_type(owner: str, item: Any) -> str:
    """The typed string (or number) of an enum member: ``<Owner><Field>``."""
    return owner + field_name(item)


def enum_const(type_: str, value: Any) -> str:
    """A constant of an enum type: ``<Type><Value>`` (``true`` → ``True``; ``-1`` → ``Minus1``;
    ``""`` → ``Empty``; a value with no letters or digits → ``Value<hash>``)."""
    if isinstance(value, bool):
        return type_ + ("True" if value else "False")
    if isinstance(value, (int, float)):
        digits = re.sub(r"[^0-9A-Za-z]+", "_", str(abs(value))).strip("_")
        return type_ + ("Minus" if value < 0 else "") + digits
    text = str(value)
    if text == "":
        return type_ + "Empty"
    base = pascal(text)
    if base and re.fullmatch(r"[A-Za-z0-9]+", base):
        return type_ + base
    return type_ + _hashed("Value", str(value))


def package_name(service: str) -> str:
    """The Go package of a service: ``kec``; letters and digits only, lower case; a keyword,
    ``ksyun`` (the runtime) or ``main`` (a program, which nothing can import) gets ``_``."""
    name = "".join(words(service))
    if not name or not _ASCII_IDENT.fullmatch(name) or name[0].isdigit():
        name = _hashed("service", service)
    return name + "_" if name in GO_KEYWORDS or name in ("ksyun", "main") else name


def version_dir(version: str) -> str:
    """``2016-03-04`` → ``v20160304``; ``V1`` → ``v1``."""
    digits = re.sub(r"[^0-9A-Za-z]+", "", version).lower()
    return digits if digits.startswith("v") else "v" + (digits or "0")


def service_folder(service: Service) -> str:
    return f"{package_name(service.name)}/{version_dir(service.version)}/"
