"""The x-ksyun-* extension vocabulary (generator.extensions): one list, used by
the validator and shown in spec/README.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.extensions import EXTENSIONS, check, markdown_table, place_of

REPO = Path(__file__).resolve().parents[1]


def test_spec_readme_table_is_made_from_the_vocabulary() -> None:
    text = (REPO / "spec" / "README.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- extensions: begin \(generator/extensions.py\) -->\n(.*?)<!-- extensions: end -->",
                  text, re.S)
    assert m is not None, "spec/README.md has no extension table"
    assert m.group(1) == markdown_table()


def test_every_extension_the_code_reads_is_in_the_vocabulary() -> None:
    """An extension used by the generator, the mock or a template but unknown to
    the validator would be refused in every spec that uses it."""
    used: set[str] = set()
    for folder in ("generator", "templates"):
        for path in (REPO / folder).rglob("*"):
            if path.is_file() and path.suffix in (".py", ".j2"):
                used |= set(re.findall(r"x-ksyun-[a-z]+(?:-[a-z]+)*", path.read_text(encoding="utf-8")))
    assert used - {"x-ksyun-"} <= set(EXTENSIONS), sorted(used - set(EXTENSIONS))


def test_the_committed_specs_use_only_known_extensions() -> None:
    for path in (REPO / "spec").rglob("*.yaml"):
        for key in re.findall(r"(x-ksyun-[a-z-]+)\s*:", path.read_text(encoding="utf-8")):
            assert key in EXTENSIONS, f"{path.name}: {key}"


@pytest.mark.parametrize(("pointer", "place"), [
    ("", "document"),
    ("/info", "info"),
    ("/paths/~1#Action=DescribeImages/get", "operation"),
    ("/paths/~1#Action=DescribeImages/post/parameters/3", "parameter"),
    ("/components/schemas/Image/properties/ImageId", "property"),
    ("/paths/~1#Action=X/get/x-ksyun-errors/0", "error"),
    ("/x-ksyun-common-errors/2", "error"),
    ("/components/schemas/Image", None),
])
def test_places(pointer: str, place: str | None) -> None:
    assert place_of(pointer) == place


def test_check_says_what_is_wrong() -> None:
    op = "/paths/~1#Action=X/get"
    assert check("x-ksyun-idempotent", True, op) == []
    assert check("x-ksyun-idempotnet", True, op) == [
        (op + "/x-ksyun-idempotnet", "unknown extension x-ksyun-idempotnet (did you mean x-ksyun-idempotent?)")]
    assert check("x-ksyun-zzz", True, op) == [(op + "/x-ksyun-zzz", "unknown extension x-ksyun-zzz")]
    assert check("x-ksyun-idempotent", 1, op)[0][1] == "x-ksyun-idempotent must be true or false, got 1"
    assert check("x-ksyun-name", "image_id", "/info")[0][1] == (
        "x-ksyun-name does not belong here; it goes on a parameter or a schema property")
    assert check("x-ksyun-common-errors", {"$ref": "../common.yaml#/x"}, "") == []
    assert check("x-ksyun-pagination", {"style": "marker", "item": "Set"}, op) == [
        (op + "/x-ksyun-pagination/item", "x-ksyun-pagination: unknown key 'item' (did you mean items?) "
         "(expected style, items, total, limit, token)")]
