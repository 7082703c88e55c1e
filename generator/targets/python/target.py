"""The Python target: names, types and escaping for the generated SDK.

Templates call these as filters; each is a small pure function with unit
tests (tests/test_python_target.py).  Models come from
datamodel-code-generator (generator.targets.python.models).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from ...facts import all_errors, error_actions, error_class_base, error_codes, own_errors
from ...ir import Api, ErrorCode, Operation, Parameter, Service, Shape, TypeRef
from ...naming import name_key
from ...problems import Problem
from ..base import ExampleCall, Target, action_groups
from .names import (
    RESERVED,
    class_name,
    comment,
    field_name,
    identifier,
    module_name,
    request_class,
    version_module,
)

# Client keyword arguments that every method has besides the action's own.
CLIENT_KWARGS = frozenset({"options"})

PY_TYPES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "any": "Any"}


def error_class(code: str) -> str:
    """Exception class for an error code: ``InvalidParameter.Foo`` → ``InvalidParameterFoo``."""
    return class_name(error_class_base(code))


def method_name(action: str) -> str:
    """``DescribeImages`` → ``describe_images``; a name the client already has
    (``close``, ``region``, ``retry``...) gets a trailing ``_``: ``close_``."""
    return identifier(action, RESERVED | client_attributes())


_CLIENT_CLASSES = ("_Base", "SyncClient", "AsyncClient")


@functools.cache
def client_attributes() -> frozenset[str]:
    """Public attributes of the runtime's clients (methods and ``self.x``),
    read from the runtime's source, so a new attribute is reserved at once."""
    import ast

    from ..base import TEMPLATES

    tree = ast.parse((TEMPLATES / "python" / "ksyun_sdk" / "_runtime" / "client.py")
                     .read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name in _CLIENT_CLASSES:
            for item in ast.walk(node):
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    names.add(item.name)
                elif isinstance(item, ast.Attribute) and isinstance(item.value, ast.Name) \
                        and item.value.id == "self" and isinstance(item.ctx, ast.Store):
                    names.add(item.attr)
    return frozenset(n for n in names if not n.startswith("_"))


def client_class(service: Service) -> str:
    """``kec`` → ``KecClient``."""
    return class_name(service.name) + "Client"


def py_type(t: TypeRef) -> str:
    """The annotation for a type in client signatures (models are imported by name)."""
    if t.kind == "array":
        return f"list[{py_type(t.item or TypeRef('any'))}]"
    if t.kind == "shape":
        return class_name(t.shape or "")
    if t.enum and t.kind in ("string", "integer"):
        return "Literal[" + ", ".join(py_literal(v) for v in t.enum) + "]"
    return PY_TYPES.get(t.kind, "Any")


def dict_class(shape: str) -> str:
    """The TypedDict beside a request object: ``RunInstancesSystemDisk`` → ``RunInstancesSystemDiskDict``."""
    return class_name(shape) + "Dict"


def arg_type(t: TypeRef) -> str:
    """A method argument's annotation: a request object is its model or its
    TypedDict (``SystemDisk | SystemDiskDict``), lists of them likewise."""
    if t.kind == "array":
        return f"list[{arg_type(t.item or TypeRef('any'))}]"
    if t.kind == "shape":
        return f"{class_name(t.shape or '')} | {dict_class(t.shape or '')}"
    return py_type(t)


def dict_value_type(t: TypeRef) -> str:
    """A TypedDict value's annotation: nested objects are their TypedDicts."""
    if t.kind == "array":
        return f"list[{dict_value_type(t.item or TypeRef('any'))}]"
    if t.kind == "shape":
        return dict_class(t.shape or "")
    return py_type(t)


def request_dicts(service: Service) -> list[Shape]:
    """Request objects (reached from parameters), dependencies first, then by name."""
    from .models import request_shapes

    wanted = request_shapes(service)
    by_name = {s.name: s for s in service.shapes}
    done: list[Shape] = []
    seen: set[str] = set()

    def visit(name: str) -> None:
        if name in seen or name not in by_name:
            return
        seen.add(name)
        for f in by_name[name].fields:
            for dep in f.type.shapes():
                visit(dep)
        done.append(by_name[name])

    for name in sorted(wanted):
        visit(name)
    return done


def _typing_of(t: TypeRef) -> set[str]:
    """Names from ``typing`` the annotation of *t* needs (``Any``, ``Literal``)."""
    if t.kind == "array" and t.item is not None:
        return _typing_of(t.item)
    if t.kind == "any":
        return {"Any"}
    if t.enum and t.kind in ("string", "integer"):
        return {"Literal"}
    return set()


def dict_typing(shapes: list[Shape]) -> list[str]:
    """Names from ``typing`` the TypedDicts of *shapes* use."""
    found = {"TypedDict"}
    for shape in shapes:
        for f in shape.fields:
            found |= _typing_of(f.type)
            if f.required:
                found.add("Required")
    return sorted(found)


def dict_imports(operations: list[Operation]) -> list[str]:
    """TypedDicts the signatures of *operations* name, sorted."""
    return sorted({dict_class(s) for op in operations for p in op.parameters for s in p.type.shapes()})


def py_literal(value: Any) -> str:
    """A Python literal for a JSON value (strings in double quotes)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "True" if value else "False"
    if value is None:
        return "None"
    if isinstance(value, (int, float)):
        return repr(value)
    return repr(value)


def docstring(text: str) -> str:
    """Text made safe inside a triple-quoted docstring.

    Backslashes are doubled and ``\"\"\"`` cannot close the string early; a
    trailing quote is escaped.
    """
    body = text.rstrip('"')
    # Quotes at the end would run into the closing """: escape each of them.
    trailing = len(text) - len(body)
    body = body.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return body + '\\"' * trailing


def arg_doc(param: Parameter) -> str:
    """One ``Args:`` line of a method docstring: ``ImageId (required). 镜像ID。``"""
    text = doc_line(param.name) + (" (required)" if param.required else "")
    if param.description:
        text += ". " + docstring(comment(param.description))
    return text


def raises_doc(error: ErrorCode) -> str:
    """One ``Raises:`` line: the description (else the code) and the documented status."""
    what = docstring(comment(error.description)) if error.description else doc_line(error.code)
    return f"{what} (HTTP {error.http_status})."


def doc_line(text: str) -> str:
    """Spec text (a title, say) made one line and safe inside a docstring."""
    return docstring(comment(text))


def toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def response_class(op: Operation) -> str:
    return class_name(op.response)


def request_module(op: Operation) -> str:
    return module_name(op.action)


def param_shapes(op: Operation) -> list[str]:
    """Shapes named in the method's signature (for TYPE_CHECKING imports)."""
    return sorted({s for p in op.parameters for s in p.type.shapes()})


def signature_params(op: Operation) -> list[Parameter]:
    """Required parameters first (spec order), then optional ones (spec order)."""
    return [p for p in op.parameters if p.required] + [p for p in op.parameters if not p.required]


def paginated(operations: list[Operation]) -> list[Operation]:
    """The operations that page (``x-ksyun-pagination``)."""
    return [op for op in operations if op.pagination is not None]


def item_class(service: Service, op: Operation) -> str:
    """The model of one paged item (``InstancesSet`` → ``Instance``)."""
    assert op.pagination is not None
    for f in service.shape(op.response).fields:
        if f.name == op.pagination.items:
            shapes = f.type.shapes()
            if shapes:
                return class_name(shapes[0])
            return py_type(f.type.item or TypeRef("any"))
    raise KeyError(op.pagination.items)


def item_attr(service: Service, op: Operation) -> str:
    """The response attribute holding the items (``instances_set``)."""
    assert op.pagination is not None
    for f in service.shape(op.response).fields:
        if f.name == op.pagination.items:
            return field_name(f)
    raise KeyError(op.pagination.items)


def typing_names(operations: list[Operation]) -> list[str]:
    """Names from ``typing`` that these methods' signatures use (``Any``, ``Literal``)."""
    return sorted({name for op in operations for p in op.parameters for name in _typing_of(p.type)})


def actions_class(group: str, sync: bool = True, raw: bool = False) -> str:
    """The class holding one verb's methods: ``_DescribeActions`` / ``_AsyncDescribeActions``,
    and their raw views ``_RawDescribeActions`` / ``_AsyncRawDescribeActions``."""
    return f"_{'' if sync else 'Async'}{'Raw' if raw else ''}{class_name(group)}Actions"


def wrap(text: str, width: int = 72) -> list[str]:
    """Lines of at most *width* characters for docstrings (CJK text wraps anywhere)."""
    import textwrap

    out: list[str] = []
    for para in text.splitlines() or [""]:
        out.extend(textwrap.wrap(para, width=width, break_long_words=True) or [""])
    return out


class PythonTarget(Target):
    name = "python"
    service_local = True  # (see Target.service_local)

    def example_call(self, service: Service, op: Operation) -> ExampleCall:
        from .example import python_example

        return ExampleCall("Python", "python", python_example(service, op))

    def filters(self) -> dict[str, Callable[..., Any]]:
        from .models import client_imports, model_index, op_imports
        from .style import bracketed, import_from

        return {
            "action_groups": action_groups,
            "arg_type": arg_type,
            "dict_class": dict_class,
            "dict_imports": dict_imports,
            "dict_typing": dict_typing,
            "item_attr": item_attr,
            "item_class": item_class,
            "paginated": paginated,
            "dict_value_type": dict_value_type,
            "request_dicts": request_dicts,
            "actions_class": actions_class,
            "all_errors": all_errors,
            "arg_doc": arg_doc,
            "class_name": class_name,
            "client_class": client_class,
            "client_imports": client_imports,
            "import_from": import_from,
            "bracketed": bracketed,
            "comment": comment,
            "doc_line": doc_line,
            "docstring": docstring,
            "error_actions": error_actions,
            "error_class": error_class,
            "common_error_entry": lambda code: f"{py_literal(code)}: {error_class(code)}",
            "error_codes": error_codes,
            "field_name": field_name,
            "identifier": identifier,
            "method_name": method_name,
            "model_index": model_index,
            "module_name": module_name,
            "op_imports": op_imports,
            "own_errors": own_errors,
            "param_shapes": param_shapes,
            "py_literal": py_literal,
            "py_type": py_type,
            "raises_doc": raises_doc,
            "request_class": request_class,
            "request_module": request_module,
            "response_class": response_class,
            "signature_params": signature_params,
            "toml_string": toml_string,
            "typing_names": typing_names,
            "version_module": version_module,
            "wrap": wrap,
        }

    def check(self, api: Api) -> list[Problem]:
        return check_names(api)

    def public_names(self, service: Service, api: Api) -> dict[str, str]:
        """Names the Python SDK's users write (see Target.public_names); no enum
        constants: an enum is a ``Literal`` of the wire values."""
        names = {
            "client": client_class(service),
            "module": f"ksyun_sdk.{module_name(service.name)}.{version_module(service.version)}",
        }
        for op in service.operations:
            names[name_key("actions", op.action)] = method_name(op.action)
            names[name_key("actions", op.action, "request")] = request_class(op)
            if op.pagination is not None:
                names[name_key("actions", op.action, "paginator")] = "paginate_" + method_name(op.action)
            for p in op.parameters:
                names[name_key("actions", op.action, "parameters", p.name)] = field_name(p)
        for shape in service.shapes:
            names[name_key("shapes", shape.name)] = class_name(shape.name)
            for f in shape.fields:
                names[name_key("shapes", shape.name, "fields", f.name)] = field_name(f)
        for code in error_codes(service, api):
            names[name_key("errors", code)] = error_class(code)
        return names

    def extra_files(self, api: Api) -> dict[str, str]:
        from .models import model_files

        return model_files(api)

    def service_folder(self, service: Service) -> str:
        return f"ksyun_sdk/{module_name(service.name)}/{version_module(service.version)}/"

    def postprocess(self, files: dict[str, str]) -> dict[str, str]:
        from ...fmt import format_python

        return format_python(files)


def _collide(problems: list[Problem], what: str, names: dict[str, Any], name: str, item: Any) -> None:
    other = names.get(name)
    if other is not None:
        problems.append(Problem(
            item.source.file, item.source.line, "",
            f"{what} {item.name!r} and {other.name!r} both become the Python name {name!r}; "
            "pin one with x-ksyun-name",
        ))
    else:
        names[name] = item


def check_names(api: Api) -> list[Problem]:
    """Two spec names that would become one Python name are an error, not a rename."""
    problems: list[Problem] = []
    for service in api.services:
        for shape in service.shapes:
            fields: dict[str, Any] = {}
            for f in shape.fields:
                _collide(problems, f"fields of {shape.name}:", fields, field_name(f), f)
        classes: dict[str, Any] = {}
        for shape in service.shapes:
            _collide(problems, "shapes", classes, class_name(shape.name), shape)
        from .models import request_shapes, response_shapes

        for name in sorted(request_shapes(service) & response_shapes(service)):
            shape = service.shape(name)
            problems.append(Problem(
                shape.source.file, shape.source.line, "",
                f"shape {name!r} is both a request parameter and part of a response; "
                "give the request its own schema (requests are strict, responses lenient)",
            ))
        for op in service.operations:
            params: dict[str, Any] = {n: _Named(n) for n in CLIENT_KWARGS}
            for p in op.parameters:
                _collide(problems, f"parameters of {op.action}:", params, field_name(p), p)
            req = request_class(op)
            if req in classes:
                problems.append(Problem(op.source.file, op.source.line, "",
                                        f"shape {req!r} clashes with the request model of {op.action}"))
        methods: dict[str, Any] = {}
        for op in service.operations:
            _collide(problems, "actions", methods, method_name(op.action), _Named(op.action, op.source))
        errors: dict[str, Any] = {}
        for err in [*api.common_errors, *all_errors(service)]:
            item = _Named(err.code, err.source)
            if errors.get(error_class(err.code)) is not None and errors[error_class(err.code)].name == err.code:
                continue
            _collide(problems, "error codes", errors, error_class(err.code), item)
    return problems


class _Named:
    def __init__(self, name: str, source: Any = None) -> None:
        from ...ir import NOWHERE

        self.name = name
        self.source = source or NOWHERE
