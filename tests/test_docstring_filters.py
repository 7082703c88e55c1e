"""The filters that write method docstring lines (generator/targets/python/target.py)."""

from __future__ import annotations

import ast

from generator.ir import ErrorCode, Parameter, TypeRef
from generator.targets.python.target import arg_doc, raises_doc


def _as_docstring(line: str) -> str:
    """What Python reads back from *line* placed in a docstring."""
    module = ast.parse(f'def f():\n    """{line}"""\n')
    func = module.body[0]
    assert isinstance(func, ast.FunctionDef)
    return ast.get_docstring(func, clean=False) or ""


def test_arg_doc() -> None:
    s = TypeRef("string")
    assert arg_doc(Parameter("ImageId", s)) == "ImageId"
    assert arg_doc(Parameter("ImageId", s, required=True)) == "ImageId (required)"
    assert arg_doc(Parameter("ImageId", s, description="镜像ID。\n 第二行")) == "ImageId. 镜像ID。 第二行"
    nasty = 'a """quoted""" \\ path {{ x }}'
    line = arg_doc(Parameter('Bad"""Name', s, required=True, description=nasty))
    assert "\n" not in line
    assert _as_docstring(line) == f'Bad"""Name (required). {nasty}'


def test_raises_doc() -> None:
    assert raises_doc(ErrorCode("InternalError", 400, description="暂无")) == "暂无 (HTTP 400)."
    assert raises_doc(ErrorCode("ServiceUnavailable", 500)) == "ServiceUnavailable (HTTP 500)."
    line = raises_doc(ErrorCode("X", 409, description='ends with a quote "'))
    assert _as_docstring(line) == 'ends with a quote " (HTTP 409).'


def test_own_errors_leave_out_the_common_ones() -> None:
    from generator.ir import Api, Operation, Service
    from generator.targets.python.target import error_codes, own_errors

    common = (ErrorCode("ServiceUnavailable", 500), ErrorCode("LimitExceeded", 409))
    op_a = Operation("DescribeA", "GET", errors=(ErrorCode("ANotFound", 404), ErrorCode("ServiceUnavailable", 400)))
    op_b = Operation("DescribeB", "GET", errors=(ErrorCode("ANotFound", 404), ErrorCode("BBusy", 409)))
    service = Service("demo", "2020-01-01", operations=(op_a, op_b))
    api = Api(services=(service,), common_errors=common)
    assert [e.code for e in own_errors(service, api)] == ["ANotFound", "BBusy"]
    assert error_codes(service, api) == ["ANotFound", "BBusy", "LimitExceeded", "ServiceUnavailable"]
