"""Spec names that collide with the SDK's own: error codes named like the
runtime's error classes, actions named like client attributes or package
modules, a service named like a module of ``ksyun_sdk``.  Each is renamed by
the one documented rule (a trailing ``_``), the code passes mypy --strict and
behaves: a refused connection is raised as ``TransportError``, never returned.
"""

from __future__ import annotations

import importlib
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from conftest import ACCESS_KEY, FIXTURES, REGION, SECRET_KEY, run_cli, sdk_on_path
from sigv4_server import Reply, SigV4Server
from test_mypy import mypy_strict

from generator.naming import RUNTIME_ERROR_CLASSES
from generator.targets.python.target import client_attributes, error_class, method_name, module_name

ACTIONS = ["Close", "Region", "Retry", "Endpoint", "Timeout", "Shapes", "Errors"]
CODES = ["KsyunError", "ApiError", "TransportError", "ResponseError", "ERRORS", "CallOptions"]


def _action(name: str) -> str:
    return (
        f"  /#Action={name}:\n"
        f"    get:\n"
        f"      operationId: {name}\n"
        f"      parameters:\n"
        f"        - {{name: Action, in: query, required: true, schema: {{type: string, enum: [{name}]}}}}\n"
        f"        - {{name: Version, in: query, required: true, schema: {{type: string, enum: ['2020-01-01']}}}}\n"
        f"      responses:\n"
        f"        '200':\n"
        f"          description: OK\n"
        f"          content: {{application/json: {{schema: {{$ref: '#/components/schemas/Done'}}}}}}\n"
    )


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("names") / "spec"
    shutil.copytree(FIXTURES / "minimal", root)
    (root / "demo").rename(root / "errors")
    path = root / "errors" / "2020-01-01.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("x-ksyun-service: demo", "x-ksyun-service: errors")
    text = text.replace("components:\n  schemas:\n", "".join(_action(a) for a in ACTIONS)
                        + "components:\n  schemas:\n"
                        "    Done:\n      type: object\n      properties:\n"
                        "        RequestId: {type: string}\n")
    codes = "".join(f"        - {{code: {c}, message: m, httpStatus: 400}}\n" for c in CODES)
    text = text.replace("      x-ksyun-errors:\n", "      x-ksyun-errors:\n" + codes, 1)
    path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def out(spec: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("names-out")
    code, _stdout, err = run_cli("generate", "--spec", spec, "--out", dest)
    assert code == 0, err
    return dest / "python"


@pytest.fixture(scope="module")
def pkg(out: Path) -> Iterator[ModuleType]:
    with sdk_on_path(out):
        yield importlib.import_module("ksyun_sdk.errors_.v2020_01_01")


def test_the_rule() -> None:
    assert {"close", "aclose", "region", "retry", "endpoint", "timeout"} <= client_attributes()
    assert [method_name(a) for a in ACTIONS] == [
        "close_", "region_", "retry_", "endpoint_", "timeout_", "shapes", "errors"]
    assert module_name("Shapes") == "shapes_" and module_name("errors") == "errors_"
    for name in RUNTIME_ERROR_CLASSES:
        assert error_class(name) == name + "_"


def test_generated_code_passes_mypy_strict(out: Path, tmp_path: Path) -> None:
    result = mypy_strict(out, tmp_path / "cache")
    assert result.returncode == 0, result.stdout + result.stderr


def test_package_layout(out: Path) -> None:
    assert (out / "ksyun_sdk" / "errors.py").is_file()  # the runtime's, not the service's
    assert (out / "ksyun_sdk" / "errors_" / "v2020_01_01" / "client.py").is_file()
    models = out / "ksyun_sdk" / "errors_" / "v2020_01_01" / "models"
    assert (models / "shapes_.py").is_file() and (models / "shapes" / "__init__.py").is_file()


def test_a_refused_connection_is_raised_as_the_runtime_transport_error(pkg: ModuleType) -> None:
    from ksyun_sdk.errors import ApiError, KsyunError, TransportError

    errors = pkg.errors
    assert errors.TransportError is TransportError and errors.ApiError is ApiError
    assert errors.ERRORS["TransportError"] is errors.TransportError_
    assert issubclass(errors.TransportError_, ApiError)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed once the block ends: nothing listens
    client = pkg.ErrorsClient(access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION,
                              endpoint=f"http://127.0.0.1:{port}")
    with client, pytest.raises(KsyunError) as caught:
        client.describe_things()
    assert isinstance(caught.value, TransportError)


def test_an_error_code_named_like_a_runtime_class_is_its_own_class(pkg: ModuleType) -> None:
    from ksyun_sdk.errors import ApiError

    server = SigV4Server(ACCESS_KEY, SECRET_KEY, REGION, service="errors").start()
    try:
        server.reply = lambda _r: Reply.json(400, {"RequestId": "r", "Error": {
            "Code": "ApiError", "Message": "m", "Type": "Sender"}})
        with pkg.ErrorsClient(access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION,
                              endpoint=server.url) as client, \
                pytest.raises(pkg.errors.ApiError_) as caught:
            client.describe_things()
        assert type(caught.value) is not ApiError and caught.value.code == "ApiError"
    finally:
        server.stop()


def test_renamed_actions_call_their_action_and_the_client_keeps_its_attributes(
        pkg: ModuleType) -> None:
    server = SigV4Server(ACCESS_KEY, SECRET_KEY, REGION, service="errors").start()
    try:
        server.reply = lambda r: Reply.json(200, {"RequestId": r.action})
        client = pkg.ErrorsClient(access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION,
                                  endpoint=server.url)
        assert client.region == REGION and client.endpoint == server.url
        for action in ACTIONS:
            response = getattr(client, method_name(action))()
            assert response.request_id == action
        client.close()  # still the runtime's close
    finally:
        server.stop()
