"""Python names both the client templates (targets.python.target) and the models
(targets.python.models) need: a pure function of the wire name, so adding an
action never renames anything."""

from __future__ import annotations

import builtins
import functools
import hashlib
import keyword
import re
import unicodedata

from ...ir import Field, Operation, Parameter
from ...naming import RUNTIME_ERROR_CLASSES, pascal, snake

# Names a generated attribute or argument must not take as they are.
_PYDANTIC_RESERVED = {
    "model_config", "model_fields", "model_computed_fields", "model_extra",
    "model_fields_set", "model_construct", "model_copy", "model_dump",
    "model_dump_json", "model_json_schema", "model_parametrized_name",
    "model_post_init", "model_rebuild", "model_validate", "model_validate_json",
    "model_validate_strings", "copy", "dict", "json", "parse_obj", "parse_raw",
    "parse_file", "from_orm", "construct", "schema", "schema_json", "validate",
    "update_forward_refs", "fields", "self", "cls",
}
RESERVED = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | frozenset(
    n for n in dir(builtins) if not n.startswith("_")
) | _PYDANTIC_RESERVED

# Names generated modules import or define beside the spec's classes: a
# class of that name would shadow them (``errors.ERRORS``, ``CallOptions``...).
_BUILTINS = frozenset(dir(builtins))  # every builtin name, private ones too (class_name)
MODULE_LEVEL_NAMES = RUNTIME_ERROR_CLASSES | frozenset({
    "AsyncClient", "COMMON_ERRORS", "CallOptions", "ERRORS", "Field", "Literal", "Mapping",
    "RequestModel", "ResponseModel", "SyncClient", "TYPE_CHECKING", "Any",
})

# Module names the package itself uses where a spec name becomes a module:
# ``ksyun_sdk/errors.py`` beside service packages, ``models/shapes/`` beside
# action modules.
PACKAGE_MODULES = frozenset({"errors", "shapes"})


@functools.lru_cache(maxsize=1 << 16)
def identifier(name: str, reserved: frozenset[str] = RESERVED) -> str:
    """A safe snake_case Python identifier for the wire name *name*.

    ``ImageId`` → ``image_id``; keywords, builtins and pydantic's own names
    get a trailing ``_`` (``class_``, ``type_``); a leading digit gets
    ``field_``; a non-ASCII name stays when Python keeps it as written
    (NFKC-stable), else becomes ``field_<hash>``.
    """
    base = snake(name)
    if not base:
        normal = unicodedata.normalize("NFKC", name)
        if normal == name and name.isidentifier():
            base = name
        else:
            base = "field_" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    if base[0].isdigit():
        base = "field_" + base
    # pydantic reserves its own attribute names and the namespaces
    # model_validate* / model_dump*; other model_ names (model_name) are free.
    if base in reserved or base.startswith(("model_validate", "model_dump")):
        base += "_"
    return base


def field_name(field: Field | Parameter) -> str:
    """Attribute name of a Field or argument name of a Parameter."""
    if field.target_name:
        return field.target_name
    return identifier(field.name)


def class_name(name: str) -> str:
    """A PascalCase class name: ``image-snapshot`` → ``ImageSnapshot``."""
    base = pascal(name)
    if base[:1].isdigit():
        base = "M" + base
    if not base or not base.isidentifier():
        base = "Model" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    if keyword.iskeyword(base) or base in _BUILTINS or base in MODULE_LEVEL_NAMES:
        base += "_"
    return base


def module_name(name: str) -> str:
    """A module name for a wire name (``ImageSnapshot`` → ``image_snapshot``);
    one the package itself uses gets a trailing ``_`` (``errors_``, ``shapes_``)."""
    return identifier(name, RESERVED | PACKAGE_MODULES)


def version_module(version: str) -> str:
    """``2016-03-04`` → ``v2016_03_04``; ``V1`` → ``v1``."""
    if re.fullmatch(r"V[0-9]+", version):
        return version.lower()
    return "v" + re.sub(r"[^0-9A-Za-z]+", "_", version).strip("_")


def request_class(op: Operation) -> str:
    return class_name(op.action) + "Request"



def comment(text: str) -> str:
    """Text safe on one ``#`` comment line."""
    return " ".join(text.split())
