"""generator/wire.py: the flattened wire paths of parameters, the encoding rule and
the endpoint, which every target reads instead of working them out again."""

from __future__ import annotations

import pytest
from conftest import SPEC

from generator import examples, wire
from generator.ir import Field, Parameter, Service, Shape, TypeRef
from generator.pipeline import load_api


def test_paths_of_run_instances_number_lists_and_dot_objects() -> None:
    kec = next(s for s in load_api(SPEC).services if s.name == "kec")
    params = {p.name: p for p in kec.operation("RunInstances").parameters}
    assert [p.pattern for p in wire.wire_paths(kec, params["DataDisk"])] == [
        "DataDisk.N.Type", "DataDisk.N.Size", "DataDisk.N.DeleteWithInstance"]
    assert [p.pattern for p in wire.wire_paths(kec, params["SystemDisk"])] == [
        "SystemDisk.DiskType", "SystemDisk.DiskSize"]
    ids = wire.wire_paths(kec, params["SecurityGroupId"])
    assert [(p.pattern, p.lists, p.type.kind) for p in ids] == [("SecurityGroupId.N", 1, "string")]
    filters = {p.name: p for p in kec.operation("DescribeInstances").parameters}["Filter"]
    value = [p for p in wire.wire_paths(kec, filters) if p.pattern.endswith("Value.N")][0]
    assert value.pattern == "Filter.N.Value.N" and value.name(2, 3) == "Filter.2.Value.3"


def test_a_path_needs_one_index_per_list() -> None:
    path = wire.WirePath("DataDisk.N.Type", TypeRef("string"), 1)
    assert path.name(1) == "DataDisk.1.Type"
    with pytest.raises(ValueError, match="needs 1 index"):
        path.name()


def test_a_shape_that_holds_itself_ends() -> None:
    node = Shape("Node", fields=(Field("Name", TypeRef("string")), Field("Child", TypeRef("shape", shape="Node"))))
    service = Service("x", "2020-01-01", shapes=(node,))
    paths = wire.wire_paths(service, Parameter("Root", TypeRef("shape", shape="Node")))
    assert len(paths) == wire.MAX_PATH_DEPTH
    assert paths[1].pattern == "Root.Child.Name"


@pytest.mark.parametrize("text, encoded", [("a b", "a%20b"), ("x+y/z*~", "x%2By%2Fz%2A~"), ("镜像", "%E9%95%9C%E5%83%8F"),
                                           ("-_.~", "-_.~")])
def test_encoding_is_sigv4s(text: str, encoded: str) -> None:
    assert wire.encode(text) == encoded


def test_canonical_query_matches_the_examples_wire_query() -> None:
    kec = next(s for s in load_api(SPEC).services if s.name == "kec")
    op = kec.operation("RunInstances")
    args = examples.request_example(kec, op)
    pairs = [("Action", op.action), ("Version", kec.version)] + [
        pair for name, value in args.items() for pair in examples.flatten(value, name)]
    assert wire.canonical_query(pairs) == examples.wire_query(kec, op, args)


def test_endpoint_is_the_specs_or_ksyuns_default() -> None:
    assert wire.endpoint(Service("kec", "2016-03-04")) == "https://kec.api.ksyun.com"
    assert wire.endpoint(Service("kec", "2016-03-04", endpoint="https://kec.cn-beijing-6.api.ksyun.com")) == \
        "https://kec.cn-beijing-6.api.ksyun.com"
