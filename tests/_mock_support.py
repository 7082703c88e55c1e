"""Helpers of the mock-server, retry and soak tests (and of tests/soak.py).

* :func:`write_fixture_spec`: a copy of spec/ whose KEC spec also has the
  write action of tests/fixtures/mock/run_instances.yaml (not idempotent).
* :func:`generate_sdk`: the SDK generated from a spec folder.
* :func:`signed`: a request signed by botocore's SigV4Auth, an implementation
  independent of both the mock's verifier and the SDK's signer.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from ruamel.yaml import YAML

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SPEC = REPO / "spec"
FIXTURE = HERE / "fixtures" / "mock" / "run_instances.yaml"
PAGING_FIXTURE = HERE / "fixtures" / "mock" / "paging.yaml"

ACCESS_KEY = "AKLTmockTest0123456789"
SECRET_KEY = "SKmock-secret-Never-Logged-0123456789"
REGION = "cn-beijing-6"


#: The specs whose every action the example tests run against the mock: spec/, the fixture
#: specs, and KEC with the mock fixtures' actions (a write with objects and lists, more paging).
EXAMPLE_SPECS = ["spec", "docs", "js_names", "minimal", "naming", "kec+fixtures"]


def example_spec(name: str, tmp_path: Path) -> Path:
    """The spec folder of one of :data:`EXAMPLE_SPECS` (written below *tmp_path* if need be)."""
    if name == "spec":
        return SPEC
    if name == "kec+fixtures":
        return write_fixture_spec(tmp_path / "spec", PAGING_FIXTURE)
    return HERE / "fixtures" / name


def write_fixture_spec(dest: Path, *more: Path) -> Path:
    """spec/ copied to *dest*, with RunInstances (and the actions of *more*
    fixture files) merged into kec/2016-03-04.yaml."""
    shutil.copytree(SPEC, dest)
    yaml = YAML()
    target = dest / "kec" / "2016-03-04.yaml"
    doc = yaml.load(target.read_text(encoding="utf-8"))
    for fixture in (FIXTURE, *more):
        extra = yaml.load(fixture.read_text(encoding="utf-8"))
        doc["paths"].update(extra["paths"])
        doc["components"]["schemas"].update(extra["components"]["schemas"])
    with target.open("w", encoding="utf-8") as fh:
        yaml.dump(doc, fh)
    return dest


def generate_sdk(spec: Path, out: Path) -> Path:
    """Generate the Python SDK of *spec* under *out*; the folder to put on sys.path."""
    from generator.pipeline import generate_files
    from generator.write import write_tree

    root = out / "python"
    write_tree(root, generate_files(spec, "python"))
    return root


def mock_config(**overrides: Any) -> Any:
    from generator.mock import MockConfig

    values: dict[str, Any] = {"credentials": {ACCESS_KEY: SECRET_KEY}, "regions": (REGION,)}
    values.update(overrides)
    return MockConfig(**values)


def signed(
    url: str,
    params: list[tuple[str, str]],
    *,
    method: str = "GET",
    access_key: str = ACCESS_KEY,
    secret_key: str = SECRET_KEY,
    region: str = REGION,
    service: str = "kec",
    headers: dict[str, str] | None = None,
) -> httpx.Request:
    """An httpx request signed with botocore's SigV4Auth."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    query = urlencode(params, quote_via=_quote)
    if method == "GET":
        aws = AWSRequest(method="GET", url=f"{url}/?{query}", headers={"Accept": "application/json"})
    else:
        aws = AWSRequest(method=method, url=f"{url}/", data=query.encode("ascii"), headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"})
    SigV4Auth(Credentials(access_key, secret_key), service, region).add_auth(aws)
    sent = dict(aws.headers.items())
    sent.update(headers or {})
    return httpx.Request(method, aws.url, headers=sent, content=aws.body or None)


def _quote(text: str, safe: str = "", encoding: str | None = None, errors: str | None = None) -> str:
    from urllib.parse import quote

    return quote(text, safe="-_.~")


def send(request: httpx.Request) -> tuple[int, dict[str, Any] | None, httpx.Response]:
    """Send *request*; (status, parsed JSON body or None, response)."""
    with httpx.Client(timeout=10) as client:
        response = client.send(request)
    try:
        body = response.json()
    except ValueError:
        body = None
    return response.status_code, body, response
