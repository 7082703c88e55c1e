"""Unit tests for the Python target's filters and the neutral name splitting."""

from __future__ import annotations

import ast
import builtins
import keyword

import pytest

from generator.ir import TypeRef
from generator.naming import pascal, snake, words
from generator.targets.python.target import (
    class_name,
    comment,
    doc_line,
    docstring,
    error_class,
    identifier,
    py_literal,
    py_type,
    version_module,
    wrap,
)


@pytest.mark.parametrize(("name", "expected"), [
    ("DescribeImages", ["describe", "images"]),
    ("HTTPStatus", ["http", "status"]),
    ("Ipv6Support", ["ipv6", "support"]),
    ("ImageId", ["image", "id"]),
    ("RequestID", ["request", "id"]),
    ("1stDisk", ["1st", "disk"]),
    ("SSD3.0", ["ssd3", "0"]),
    ("image-snapshot", ["image", "snapshot"]),
    ("Filter.1.Name", ["filter", "1", "name"]),
    ("名称", []),
])
def test_words(name: str, expected: list[str]) -> None:
    assert words(name) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("ImageId", "image_id"), ("SnapshotSet", "snapshot_set"), ("IsNpe", "is_npe"),
    ("Ipv6Support", "ipv6_support"), ("VPCId", "vpc_id"), ("名称", ""),
])
def test_snake(name: str, expected: str) -> None:
    assert snake(name) == expected


def test_pascal() -> None:
    assert pascal("image-snapshot") == "ImageSnapshot"
    assert pascal("ImageSnapshot") == "ImageSnapshot"


@pytest.mark.parametrize(("name", "expected"), [
    ("ImageId", "image_id"),
    ("class", "class_"), ("from", "from_"), ("import", "import_"), ("match", "match_"),
    ("type", "type_"), ("id", "id_"), ("list", "list_"), ("str", "str_"), ("Type", "type_"),
    ("json", "json_"), ("schema", "schema_"), ("model_config", "model_config_"),
    ("ModelName", "model_name"),  # pydantic reserves the model_ prefix
    ("1stDisk", "field_1st_disk"), ("2", "field_2"),
    ("名称", "名称"),
    ("ｆｕｌｌ", "field_" + __import__("hashlib").sha256("ｆｕｌｌ".encode()).hexdigest()[:8]),
])
def test_identifier(name: str, expected: str) -> None:
    assert identifier(name) == expected


@pytest.mark.parametrize("name", ["class", "from", "import", "type", "id", "list", "str",
                                  "json", "schema", "model_config", "1stDisk", "名称",
                                  "ImageId", "ｆｕｌｌ", "None", "True", "self"])
def test_identifier_is_always_safe(name: str) -> None:
    ident = identifier(name)
    assert ident.isidentifier()
    assert not keyword.iskeyword(ident) and not keyword.issoftkeyword(ident)
    assert ident not in dir(builtins)
    compile(f"def f(*, {ident}: int) -> None: pass\nclass C:\n    {ident}: int = 1\n",
            "<test>", "exec")


@pytest.mark.parametrize(("name", "expected"), [
    ("Image", "Image"), ("image-snapshot", "ImageSnapshot"), ("DescribeImagesResponse",
                                                              "DescribeImagesResponse"),
    ("1stThing", "M1stThing"), ("Exception", "Exception_"), ("None", "None_"),
])
def test_class_name(name: str, expected: str) -> None:
    assert class_name(name) == expected


def test_class_name_of_non_ascii_is_a_stable_identifier() -> None:
    assert class_name("名称") == class_name("名称")
    assert class_name("名称").isidentifier() and class_name("名称") != class_name("名字")


@pytest.mark.parametrize(("code", "expected"), [
    ("ImageIdInvalidParameterValue", "ImageIdInvalidParameterValue"),
    ("InvalidParameter.Foo", "InvalidParameterFoo"),
    ("Thing.NotFound", "ThingNotFound"),
    ("MissingParameter", "MissingParameter"),
    ("1stError", "Error1stError"),
    ("404", "Error404"),
])
def test_error_class(code: str, expected: str) -> None:
    assert error_class(code) == expected


@pytest.mark.parametrize(("version", "expected"), [
    ("2016-03-04", "v2016_03_04"), ("2016.03.04", "v2016_03_04"), ("v2", "vv2"),
])
def test_version_module(version: str, expected: str) -> None:
    assert version_module(version) == expected
    assert expected.isidentifier()


NASTY = [
    'Triple """quotes""" inside',
    'trailing quote"',
    'two trailing quotes""',
    "ends with a backslash \\",
    "back\\slash \\\\ and \\n and \\u0041 and \\N{DASH}",
    "{{ jinja }} {% tag %} {# comment #}",
    "</script><script>alert(1)</script>",
    '\'single\' and "double"',
    "中文描述,含全角标点:“引号”",
    '""""""',
    "\\",
    '"',
]


@pytest.mark.parametrize("text", NASTY)
def test_docstring_escaping_round_trips(text: str) -> None:
    source = f'def f() -> None:\n    """{docstring(text)}"""\n'
    tree = ast.parse(source)
    fn = tree.body[0]
    assert isinstance(fn, ast.FunctionDef)
    value = ast.get_docstring(fn, clean=False)
    assert value == text


@pytest.mark.parametrize("text", NASTY)
def test_docstring_escaping_inside_a_multiline_docstring(text: str) -> None:
    source = f'class C:\n    """Head.\n\n    {docstring(text)}\n    """\n'
    value = ast.get_docstring(ast.parse(source).body[0], clean=False)  # type: ignore[arg-type]
    assert value == f"Head.\n\n    {text}\n    "


def test_comment_is_one_line() -> None:
    assert comment("a\nb\t c\r\n") == "a b c"


@pytest.mark.parametrize("text", [*NASTY, 'a"""\nimport os\n'])
def test_doc_line_is_one_line_inside_a_docstring(text: str) -> None:
    # a title between other words on a docstring's first line
    source = f'"""Clients for {doc_line(text)} API."""\n'
    tree = ast.parse(source)
    assert len(tree.body) == 1
    assert ast.get_docstring(tree, clean=False) == f"Clients for {' '.join(text.split())} API."


def test_wrap_keeps_every_character() -> None:
    text = "镜像类别标识," * 20 + " word " * 30
    lines = wrap(text, 40)
    assert all(len(line) <= 40 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize(("t", "expected"), [
    (TypeRef("string"), "str"), (TypeRef("integer"), "int"), (TypeRef("number"), "float"),
    (TypeRef("boolean"), "bool"), (TypeRef("any"), "Any"),
    (TypeRef("array", item=TypeRef("string")), "list[str]"),
    (TypeRef("array", item=TypeRef("array", item=TypeRef("integer"))), "list[list[int]]"),
    (TypeRef("shape", shape="ImageSnapshot"), "ImageSnapshot"),
    (TypeRef("array", item=TypeRef("shape", shape="image-snapshot")), "list[ImageSnapshot]"),
    (TypeRef("string", enum=("fast", 'sl"ow')), 'Literal["fast", "sl\\"ow"]'),
    (TypeRef("integer", enum=(1, 2)), "Literal[1, 2]"),
])
def test_py_type(t: TypeRef, expected: str) -> None:
    assert py_type(t) == expected


@pytest.mark.parametrize("value", ["x", 'q"uote', "中文", "back\\slash", 1, 2.5, True, False, None])
def test_py_literal_evaluates_to_the_value(value: object) -> None:
    assert ast.literal_eval(py_literal(value)) == value
