"""The SDK a Python user expects (issue 9), against the mock on 127.0.0.1, sync and async:
typed constructor, strict requests, paging, raw responses, extra headers and
parameters, filters, both HTTP methods, two services side by side."""

from __future__ import annotations

import asyncio
import inspect
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from _mock_support import ACCESS_KEY, REGION, SECRET_KEY, mock_config
from generator.mock import MockServer
from generator.pipeline import load_api
from conftest import SPEC
from ksyun_sdk import CallOptions, ConfigurationError, RawResponse, RequestValidationError
from ksyun_sdk.kec.v2016_03_04 import AsyncKecClient, KecClient, errors, models
from ksyun_sdk.vpc.v2016_03_04 import AsyncVpcClient, VpcClient

ITEMS = 1000


@pytest.fixture(scope="module")
def mock() -> Iterator[MockServer]:
    with MockServer(load_api(SPEC), mock_config(page_items=ITEMS)) as server:
        yield server


def kec(server: MockServer, **kw: Any) -> KecClient:
    return KecClient(access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION, endpoint=server.url, **kw)


def akec(server: MockServer, **kw: Any) -> AsyncKecClient:
    return AsyncKecClient(access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION, endpoint=server.url, **kw)


# -- typed constructor ----------------------------------------------------------------
@pytest.mark.parametrize("cls", [KecClient, AsyncKecClient, VpcClient, AsyncVpcClient])
def test_constructor_spells_out_every_argument(cls: type) -> None:
    params = inspect.signature(cls.__init__).parameters
    assert list(params)[1:] == ["access_key", "secret_key", "security_token", "region", "endpoint",
                                "timeout", "retry", "credentials", "profile", "http_client",
                                "max_response_bytes"]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for name, p in params.items() if name != "self")
    assert "region: Region such as" in (cls.__init__.__doc__ or "")


def test_misspelt_argument_names_the_client_class() -> None:
    with pytest.raises(TypeError, match=r"KecClient.__init__\(\) got an unexpected keyword argument 'regoin'"):
        KecClient(access_key="AKLTx0000000", secret_key="s", regoin="cn-beijing-6")  # type: ignore[call-arg]


# -- strict requests ---------------------------------------------------------------------
def test_nested_request_objects_forbid_unknown_fields_and_enforce_required() -> None:
    with pytest.raises(Exception, match="disk_typ"):
        models.RunInstancesSystemDisk(disk_typ="ESSD_PL1")  # type: ignore[call-arg]
    with pytest.raises(Exception, match="Name"):
        models.Filter(value=["x"])  # type: ignore[call-arg]
    with pytest.raises(Exception, match="nme"):
        models.Filter(name="a", nme="b")  # type: ignore[call-arg]


@pytest.mark.parametrize("arguments, needle", [
    ({"max_results": 1}, "max_results: Input should be greater than or equal to 5"),
    ({"max_results": 1001}, "max_results: Input should be less than or equal to 1000"),
    ({"filter_": [{"nme": "x"}]}, "filter_[0].nme: Extra inputs are not permitted (did you mean 'name'?)"),
    ({"filter_": [{"value": ["x"]}]}, "filter_[0].name: Field required"),
])
def test_constraints_fail_on_the_client(mock: MockServer, arguments: dict[str, Any], needle: str) -> None:
    before = mock.stats.requests
    with kec(mock) as client, pytest.raises(RequestValidationError, match=re.escape(needle)):
        client.describe_instances(**arguments)
    assert mock.stats.requests == before  # nothing was sent


def test_run_instances_enum_and_range_are_checked_before_sending(mock: MockServer) -> None:
    base: dict[str, Any] = dict(image_id="i", instance_type="N3.2B", max_count=1, min_count=1,
                                subnet_id="s", security_group_id=["g"], charge_type="Daily")
    with kec(mock) as client:
        with pytest.raises(RequestValidationError, match="system_disk.disk_type: Input should be"):
            client.run_instances(**base, system_disk={"disk_type": "FLOPPY"})  # type: ignore[typeddict-item]
        with pytest.raises(RequestValidationError, match="system_disk.disk_size: Input should be greater"):
            client.run_instances(**base, system_disk={"disk_size": 5})
        # wire-name keys are still read (not type-checked), and told in Python names
        with pytest.raises(RequestValidationError, match="system_disk.disk_size: Input should be greater"):
            client.run_instances(**base, system_disk={"DiskSize": 5})  # type: ignore[typeddict-unknown-key]
        with pytest.raises(RequestValidationError, match="max_count|MaxCount"):
            client.run_instances(**{**base, "max_count": 0})


def test_response_lists_default_to_empty_and_descriptions_are_in_fields() -> None:
    resp = models.DescribeImagesResponse.model_validate({"RequestId": "r"})
    assert resp.images_set == []
    field = models.Image.model_fields["image_state"]
    assert field.description == "镜像状态"
    assert field.examples is None  # placeholders like "xx" stay in the spec
    assert "model_name" not in models.Image.model_fields  # and nothing named model_name_
    schema = models.Image.model_json_schema()
    assert schema["properties"]["ImageState"]["description"] == "镜像状态"


# -- POST with nested objects, and both methods at the mock -----------------------------------
def test_run_instances_posts_a_form_with_nested_objects(mock: MockServer) -> None:
    seen: list[httpx.Request] = []
    http = httpx.Client(event_hooks={"request": [seen.append]})
    with kec(mock, http_client=http) as client:
        resp = client.run_instances(
            image_id="31c78c89-98bd-4d5b-8ddf-7eff4622cc", instance_type="N3.2B", max_count=1, min_count=1,
            subnet_id="s", security_group_id=["g1", "g2"], charge_type="Daily",
            system_disk={"disk_type": "ESSD_PL1", "disk_size": 40},
            data_disk=[models.RunInstancesDataDisk(type_="SSD3.0", size=50), {"type_": "EHDD", "size": 60}],
        )
    http.close()
    assert resp.instances_set and resp.instances_set[0].instance_id
    request = seen[-1]
    assert request.method == "POST"
    body = request.content.decode()
    for part in ("SystemDisk.DiskType=ESSD_PL1", "SystemDisk.DiskSize=40", "DataDisk.1.Type=SSD3.0",
                 "DataDisk.2.Size=60", "SecurityGroupId.2=g2"):
        assert part in body


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_mock_accepts_get_and_post_for_every_action(mock: MockServer, method: str) -> None:
    from _mock_support import send, signed

    for action in ("DescribeImages", "DescribeInstances", "RunInstances", "StartInstances", "DescribeVpcs"):
        service = "vpc" if action == "DescribeVpcs" else "kec"
        params = [("Action", action), ("Version", "2016-03-04")]
        if action == "StartInstances":
            params.append(("InstanceId.1", first_instance(mock)))
        if action == "RunInstances":
            params += [("ImageId", "i"), ("InstanceType", "N3.2B"), ("MaxCount", "1"), ("MinCount", "1"),
                       ("SubnetId", "s"), ("SecurityGroupId.1", "g"), ("ChargeType", "Daily")]
        status, body, _ = send(signed(mock.url, params, method=method, access_key=ACCESS_KEY,
                                      secret_key=SECRET_KEY, service=service))
        assert status == 200, (action, body)


def first_instance(server: MockServer) -> str:
    with kec(server) as client:
        return str(client.describe_instances(max_results=5).instances_set[0].instance_id)


# -- filters and ids narrow the data ------------------------------------------------------
def test_instance_ids_and_filters_narrow_the_seeded_items(mock: MockServer) -> None:
    with kec(mock) as client:
        everything = list(client.paginate_describe_instances(max_results=1000))
        wanted = [everything[3].instance_id or "", everything[700].instance_id or ""]
        picked = client.describe_instances(instance_id=wanted, max_results=1000)
        assert [i.instance_id for i in picked.instances_set] == wanted
        assert picked.instance_count == 2
        by_id = client.describe_instances(
            filter_=[{"name": "instance-id", "value": wanted[::-1]}], max_results=1000)
        assert [i.instance_id for i in by_id.instances_set] == wanted  # in the data's order
        # a nested field, matched through a list: network-interface-set.network-interface-id
        nic = everything[9].network_interface_set[1].network_interface_id or ""
        by_nic = client.describe_instances(
            filter_=[{"name": "network-interface-set.network-interface-id", "value": [nic]}])
        assert [i.instance_id for i in by_nic.instances_set] == [everything[9].instance_id]
        state = everything[0].instance_state
        assert state is not None and state.name
        same = client.describe_instances(filter_=[{"name": "instance-state.name", "value": [state.name]}])
        assert same.instance_count == ITEMS  # the seeded items share their example state
        other = client.describe_instances(filter_=[{"name": "instance-state.name", "value": ["no-such-state"]}])
        assert other.instance_count == 0 and other.instances_set == []
        with pytest.raises(errors.InvalidFilterName):
            client.describe_instances(filter_=[{"name": "no-such-field", "value": ["x"]}])


# -- paging -------------------------------------------------------------------------------------
def test_marker_paginator_walks_1000_items_once_each(mock: MockServer) -> None:
    with kec(mock) as client:
        pages = list(client.paginate_describe_instances(max_results=37).pages())
        items = [i.instance_id for page in pages for i in page.instances_set]
    assert len(items) == ITEMS and len(set(items)) == ITEMS
    assert len(pages) == -(-ITEMS // 37)
    assert [p.marker for p in pages[:3]] == [0, 37, 74]


def test_token_paginator_walks_1000_items_once_each_sync_and_async(mock: MockServer) -> None:
    kw = dict(access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION, endpoint=mock.url)
    with VpcClient(**kw) as vpc:  # type: ignore[arg-type]
        ids = [v.vpc_id for v in vpc.paginate_describe_vpcs(max_results=100)]
        pages = list(vpc.paginate_describe_vpcs(max_results=100).pages())
    assert len(ids) == ITEMS and len(set(ids)) == ITEMS
    assert [p.next_token for p in pages][-1] is None and pages[0].next_token == "page-100"

    async def walk() -> list[str | None]:
        async with AsyncVpcClient(**kw) as client:  # type: ignore[arg-type]
            return [s.subnet_id async for s in client.paginate_describe_subnets(max_results=250)]

    subnets = asyncio.run(walk())
    assert len(subnets) == ITEMS and len(set(subnets)) == ITEMS


def test_async_marker_pages(mock: MockServer) -> None:
    async def walk() -> list[int]:
        async with akec(mock) as client:
            return [len(p.instances_set) async for p in client.paginate_describe_instances(max_results=400).pages()]

    assert asyncio.run(walk()) == [400, 400, 200]


# -- raw responses, extra headers and parameters --------------------------------------------
def test_raw_response_sync_and_async(mock: MockServer) -> None:
    with kec(mock) as client:
        raw = client.with_raw_response.describe_images()
    assert isinstance(raw, RawResponse) and raw.http_status == 200
    assert raw.headers["content-type"].startswith("application/json")
    assert raw.parse().request_id == raw.request_id == raw.headers["x-ksc-request-id"]
    assert b'"ImagesSet"' in raw.content

    async def go() -> RawResponse[Any]:
        async with akec(mock) as client:
            return await client.with_raw_response.describe_instances(max_results=5)

    araw = asyncio.run(go())
    assert araw.http_status == 200 and len(araw.parse().instances_set) == 5


def test_raw_response_still_raises_typed_errors(mock: MockServer) -> None:
    with kec(mock) as client, pytest.raises(errors.ImageIdInvalidParameterValue):
        client.with_raw_response.describe_images(image_id="nope")


def test_extra_headers_and_params_are_sent_and_signed(server: Any) -> None:
    # the signature-verifying test server (botocore) checks every signed header
    from sigv4_server import Reply

    server.reply = lambda _req: Reply.json(200, {"RequestId": "r"})
    with KecClient(access_key=server.access_key, secret_key=server.secret_key, region=server.region,
                   endpoint=server.url) as client:
        client.describe_images(options=CallOptions(headers={"X-Trace-Id": "t-1"},
                                                    extra_params={"NewParam.1": "a b"}))
    assert not server.rejected
    request = server.received[-1]
    assert request.headers["x-trace-id"] == "t-1"
    assert "x-trace-id" in request.headers["authorization"]
    assert request.params["NewParam.1"] == "a b"


def test_extra_params_reach_the_mock_which_checks_them(mock: MockServer) -> None:
    with kec(mock) as client, pytest.raises(errors.InvalidQueryParameter, match="NoSuch"):
        client.describe_images(options=CallOptions(extra_params={"NoSuch": "1"}))


def test_reserved_headers_cannot_be_overridden() -> None:
    with pytest.raises(ConfigurationError, match="Authorization"):
        CallOptions(headers={"Authorization": "x"})
    with pytest.raises(ConfigurationError, match="Action"):
        CallOptions(extra_params={"Action": "x"})


def test_cli_page_items_reach_the_server() -> None:
    from generator.cli import _parser
    from generator.mock import _config
    from _mock_support import send, signed

    config = _config(_parser().parse_args(["mock", "--page-items", "12", "--access-key", ACCESS_KEY,
                                            "--secret-key", SECRET_KEY]))
    assert not isinstance(config, str), config
    with MockServer(load_api(SPEC), config) as server:
        status, body, _ = send(signed(server.url, [("Action", "DescribeInstances"), ("Version", "2016-03-04"),
                                                   ("MaxResults", "5"), ("Marker", "10")]))
    assert status == 200 and body is not None
    assert body["InstanceCount"] == 12 and body["Marker"] == 10 and len(body["InstancesSet"]) == 2
    bad = _config(_parser().parse_args(["mock", "--page-items", "-1"]))
    assert bad == "--page-items must be between 0 and 100000, got -1"


def test_async_client_checks_requests_before_sending(mock: MockServer) -> None:
    async def go() -> None:
        async with akec(mock) as client:
            with pytest.raises(RequestValidationError, match="max_results"):
                await client.describe_instances(max_results=2)
            with pytest.raises(RequestValidationError, match="system_disk.disk_size"):
                await client.run_instances(image_id="i", instance_type="t", max_count=1, min_count=1,
                                           subnet_id="s", security_group_id=["g"], charge_type="Daily",
                                           system_disk={"disk_size": 9000})

    before = mock.stats.requests
    asyncio.run(go())
    assert mock.stats.requests == before


def test_the_mock_checks_the_spec_constraints_too(mock: MockServer) -> None:
    from _mock_support import send, signed

    status, body, _ = send(signed(mock.url, [("Action", "DescribeInstances"), ("Version", "2016-03-04"),
                                             ("MaxResults", "1")]))
    assert status == 400 and body is not None and body["Error"]["Code"] == "InvalidParameterValue"
    assert "minimum" in body["Error"]["Message"]
