"""Generation from tests/fixtures/naming: names that are Python keywords,
builtins, pydantic's own names, non-ASCII or start with a digit; descriptions
that could break a docstring or a template; lists, nested and inline objects,
enums, and a POST action.  The output is imported and run against the SigV4
server (mypy --strict on it is in test_mypy.py)."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import ACCESS_KEY, FIXTURES, REGION, SECRET_KEY, run_cli, sdk_on_path
from sigv4_server import Reply, SigV4Server, error_envelope

from generator.ir import Api, Service
from generator.pipeline import load_api
from generator.targets.python.target import class_name

NAMING = FIXTURES / "naming"
PKG = "ksyun_sdk.edge.v2021_02_03"

# The naming rule (generator.targets.python.target.identifier): keywords, builtins and
# pydantic's names get a trailing '_', a leading digit gets 'field_', non-ASCII
# names that Python accepts stay as written.
EXPECTED_ATTRS = {
    "class": "class_", "from": "from_", "import": "import_", "type": "type_", "id": "id_",
    "list": "list_", "str": "str_", "json": "json_", "schema": "schema_",
    "model_config": "model_config_", "名称": "名称", "1stDisk": "field_1st_disk", "Tags": "tags",
}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("naming") / "out"
    code, _stdout, err = run_cli("generate", "--spec", NAMING, "--out", dest)
    assert code == 0, err
    return dest / "python"


@pytest.fixture(scope="module")
def edge(out: Path) -> Iterator[ModuleType]:
    with sdk_on_path(out):
        module = importlib.import_module(PKG)
        assert Path(module.__file__ or "").is_relative_to(out)
        yield module


@pytest.fixture(scope="module")
def ir() -> Service:
    api: Api = load_api(NAMING)
    (service,) = api.services
    return service


@pytest.fixture
def edge_server() -> Iterator[SigV4Server]:
    srv = SigV4Server(ACCESS_KEY, SECRET_KEY, REGION, service="edge").start()
    try:
        yield srv
    finally:
        srv.stop()


def client(edge: ModuleType, server: SigV4Server, cls: str = "EdgeClient") -> Any:
    no_retry = importlib.import_module("ksyun_sdk").NO_RETRY
    return getattr(edge, cls)(access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION,
                              endpoint=server.url, retry=no_retry)


def thing_wire() -> dict[str, Any]:
    return {"class": "c", "from": 1, "import": True, "type": "t", "id": "i", "list": "l",
            "str": "s", "json": "j", "schema": "sc", "model_config": "mc", "名称": "名",
            "1stDisk": 20, "Tags": ["a", "b"]}


# -- models -----------------------------------------------------------------------------------
def test_attribute_names_follow_the_rule(edge: ModuleType) -> None:
    fields = edge.models.Thing.model_fields
    assert {f.validation_alias: name for name, f in fields.items()} == EXPECTED_ATTRS
    assert all(f.serialization_alias == f.validation_alias for f in fields.values())
    request = edge.models.DescribeThingsRequest.model_fields
    for wire, attr in EXPECTED_ATTRS.items():
        if wire != "Tags":
            assert request[attr].validation_alias == wire
    assert request["options_param"].validation_alias == "options"  # pinned with x-ksyun-name


def test_response_from_wire_json_round_trips(edge: ModuleType) -> None:
    wire = {"RequestId": "r-1", "ThingSet": [thing_wire()],
            "Detail": {"Inner": "x", "Count": 2}, "Unknown": {"kept": True}}
    resp = edge.models.DescribeThingsResponse.model_validate(wire)
    thing = resp.thing_set[0]
    for key, attr in EXPECTED_ATTRS.items():
        assert getattr(thing, attr) == wire["ThingSet"][0][key], attr
    assert resp.detail.count == 2
    assert type(resp.detail).__name__ == "DescribeThingsResponseDetail"  # inline shape
    assert resp.model_extra == {"Unknown": {"kept": True}}
    assert resp.model_dump(by_alias=True, exclude_none=True) == wire
    assert edge.models.DescribeThingsResponse.model_validate_json(
        resp.model_dump_json(by_alias=True, exclude_none=True)) == resp


def test_models_accept_attribute_names_too(edge: ModuleType) -> None:
    by_name = edge.models.Thing(**{EXPECTED_ATTRS[k]: v for k, v in thing_wire().items()})
    assert by_name == edge.models.Thing.model_validate(thing_wire())
    assert by_name.model_dump(by_alias=True, exclude_none=True) == thing_wire()


def test_model_docstrings_and_field_descriptions_carry_the_text_exactly(edge: ModuleType, ir: Service) -> None:
    checked = 0
    for shape in ir.shapes:
        cls = getattr(edge.models, class_name(shape.name))
        if shape.description:
            assert inspect.cleandoc(cls.__doc__) == shape.description, shape.name
            checked += 1
        by_alias = {f.validation_alias: f for f in cls.model_fields.values()}
        for f in shape.fields:
            if f.description:
                assert by_alias[f.name].description == f.description, f"{shape.name}.{f.name}"
                checked += 1
    request = edge.models.DescribeThingsRequest
    by_alias = {f.validation_alias: f for f in request.model_fields.values()}
    for p in ir.operation("DescribeThings").parameters:
        if p.description:
            assert by_alias[p.name].description == p.description, p.name
            checked += 1
    assert checked >= 12
    # the tricky ones, spelled out
    thing = edge.models.Thing.model_fields
    assert thing["class_"].description == 'Triple """quotes""" inside'
    assert thing["id_"].description == "back\\slash \\\\ double \\n not a newline"
    assert thing["field_1st_disk"].description == 'trailing quote"'
    assert thing["type_"].description == "{{ jinja }} and {% tag %}"
    detail = edge.models.DescribeThingsResponseDetail.model_fields
    assert detail["inner"].description == "ends with a backslash \\"


def test_client_and_error_docstrings(edge: ModuleType, ir: Service) -> None:
    op = ir.operation("DescribeThings")
    doc = edge.EdgeClient.describe_things.__doc__
    assert doc.startswith(op.summary)
    assert op.description in doc
    err = next(e for e in op.errors if e.code == "Thing.NotFound")
    cls = edge.errors.ThingNotFound
    assert err.message in cls.__doc__ and err.description in cls.__doc__
    assert ir.description in edge.__doc__


# -- errors -------------------------------------------------------------------------------------
def test_error_classes_for_odd_codes(edge: ModuleType) -> None:
    errors = edge.errors
    assert errors.ERRORS["Thing.NotFound"] is errors.ThingNotFound
    assert errors.ERRORS["1stError"] is errors.Error1stError
    assert errors.Error1stError.code_name == "1stError"


def test_odd_error_code_at_the_server(edge: ModuleType, edge_server: SigV4Server) -> None:
    edge_server.reply = lambda _r: Reply.json(404, error_envelope("Thing.NotFound", "gone", "r9"))
    with client(edge, edge_server) as c:
        with pytest.raises(edge.errors.ThingNotFound) as info:
            c.describe_things(mode="fast")
    assert info.value.code == "Thing.NotFound" and info.value.http_status == 404


# -- serialization, observed at the server ------------------------------------------------------------
def test_get_parameters_are_flattened(edge: ModuleType, edge_server: SigV4Server) -> None:
    models = edge.models
    edge_server.reply = lambda _r: Reply.json(200, {"RequestId": "r", "ThingSet": [thing_wire()]})
    with client(edge, edge_server) as c:
        resp = c.describe_things(
            mode="fast",
            instance_id=["i-1", "i-2"],
            filter_=[models.DescribeThingsFilterItem(name="zone", value=["a", "b"]),
                     models.DescribeThingsFilterItem(name="state", value=["on"])],
            system_disk=models.DescribeThingsSystemDisk(disk_type="SSD3.0", disk_size=50),
            level=2, dry_run=True, import_=False, class_="k", 名称="名 字",
            field_1st_disk="d", options_param="o", json_="{}",
        )
    assert resp.thing_set[0].field_1st_disk == 20
    assert not edge_server.rejected, edge_server.rejected
    (req,) = edge_server.received
    assert req.method == "GET" and req.body == b""
    assert req.params == {
        "Action": "DescribeThings", "Version": "2021-02-03", "Mode": "fast",
        "InstanceId.1": "i-1", "InstanceId.2": "i-2",
        "Filter.1.Name": "zone", "Filter.1.Value.1": "a", "Filter.1.Value.2": "b",
        "Filter.2.Name": "state", "Filter.2.Value.1": "on",
        "SystemDisk.DiskType": "SSD3.0", "SystemDisk.DiskSize": "50",
        "Level": "2", "DryRun": "true", "import": "false", "class": "k", "名称": "名 字",
        "1stDisk": "d", "options": "o", "json": "{}",
    }


def test_nested_arguments_accept_wire_dicts(edge: ModuleType, edge_server: SigV4Server) -> None:
    edge_server.reply = lambda _r: Reply.json(200, {"RequestId": "r"})
    with client(edge, edge_server) as c:
        c.describe_things(mode="slow", filter_=[{"Name": "n", "Value": ["v"]}],
                          system_disk={"DiskType": "EHDD"})
    (req,) = edge_server.received
    assert req.params["Filter.1.Name"] == "n" and req.params["Filter.1.Value.1"] == "v"
    assert req.params["SystemDisk.DiskType"] == "EHDD"
    assert "SystemDisk.DiskSize" not in req.params


@pytest.mark.parametrize("bad", [{"mode": "medium"}, {"mode": "fast", "level": 4},
                                 {"mode": "fast", "system_disk": {"DiskType": "floppy"}}])
def test_enums_are_checked_before_sending(edge: ModuleType, edge_server: SigV4Server,
                                          bad: dict[str, Any]) -> None:
    with client(edge, edge_server) as c:
        with pytest.raises(edge.errors.RequestValidationError):
            c.describe_things(**bad)
    assert not edge_server.received and not edge_server.rejected


def test_post_action_sends_a_signed_form(edge: ModuleType, edge_server: SigV4Server) -> None:
    edge_server.reply = lambda _r: Reply.json(200, {"RequestId": "r", "ThingId": "t-9",
                                                    "Done": True})
    with client(edge, edge_server) as c:
        resp = c.create_thing(thing_name="n 1", enabled=False,
                              tag=[edge.models.CreateThingTagItem(key="k", value="v")])
    assert (resp.request_id, resp.thing_id, resp.done) == ("r", "t-9", True)
    assert type(resp).__name__ == "CreateThingResponse"  # an inline response schema
    assert not edge_server.rejected, edge_server.rejected
    (req,) = edge_server.received
    assert req.method == "POST" and req.raw_query == ""
    assert req.headers["content-type"] == "application/x-www-form-urlencoded"
    assert req.params == {"Action": "CreateThing", "Version": "2021-02-03", "ThingName": "n 1",
                          "Enabled": "false", "Tag.1.Key": "k", "Tag.1.Value": "v"}


async def test_async_post_action(edge: ModuleType, edge_server: SigV4Server) -> None:
    edge_server.reply = lambda _r: Reply.json(200, {"RequestId": "r", "Done": False})
    async with client(edge, edge_server, "AsyncEdgeClient") as c:
        resp = await c.create_thing(thing_name="x")
    assert resp.done is False
    (req,) = edge_server.received
    assert req.method == "POST" and req.params["ThingName"] == "x"


# -- retries follow the spec's default idempotency (neither action sets x-ksyun-idempotent) ----------
def test_defaulted_read_is_retried_and_defaulted_write_is_sent_once(
        edge: ModuleType, edge_server: SigV4Server) -> None:
    top = importlib.import_module("ksyun_sdk")
    policy = top.RetryPolicy(max_attempts=3, base_delay=0.001, max_delay=0.001)
    edge_server.reply = lambda _r: Reply.json(503, error_envelope("ServiceUnavailable", "busy", "r-503"))
    with getattr(edge, "EdgeClient")(access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION,
                                     endpoint=edge_server.url, retry=policy) as c:
        with pytest.raises(edge.errors.ApiError) as read:
            c.describe_things(mode="fast")
        with pytest.raises(edge.errors.ApiError) as write:
            c.create_thing(thing_name="n")
    actions = [r.action for r in edge_server.received]
    assert actions == ["DescribeThings"] * 3 + ["CreateThing"]
    assert read.value.attempts == 3 and write.value.attempts == 1
    assert not edge_server.rejected
