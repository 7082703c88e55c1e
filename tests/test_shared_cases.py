"""The shared, language-neutral cases run against the Python SDK: DescribeImages
(tests/cases/describe_images.json; tests/typescript/cases.test.mjs runs the same
list against the TypeScript SDK), the paginators (tests/cases/paging.json;
tests/typescript/paging.test.mjs) and the checks made before sending
(tests/cases/validation.json; tests/typescript/validation.test.mjs), so a
behaviour difference fails one of them."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
from conftest import ACCESS_KEY, REGION, REPO, SECRET_KEY
from sigv4_server import Reply, SigV4Server

from generator.naming import snake
from generator.targets.python.names import identifier
from ksyun_sdk import NO_RETRY
from ksyun_sdk.kec.v2016_03_04 import KecClient, errors
from ksyun_sdk.vpc.v2016_03_04 import VpcClient

CASES = json.loads((REPO / "tests" / "cases" / "describe_images.json").read_text(encoding="utf-8"))["cases"]
PAGING = json.loads((REPO / "tests" / "cases" / "paging.json").read_text(encoding="utf-8"))["cases"]
VALIDATION = json.loads((REPO / "tests" / "cases" / "validation.json").read_text(encoding="utf-8"))["cases"]
# The cases' neutral class names that differ from the Python SDK's.
NEUTRAL = {"ValidationError": "RequestValidationError"}
CLIENTS = {"kec": KecClient, "vpc": VpcClient}


def _reply(case: dict[str, Any]) -> Reply:
    reply = case["reply"]
    if "json" in reply:
        return Reply.json(reply["status"], reply["json"])
    return Reply(reply["status"], reply["body"].encode("utf-8"), reply.get("contentType", "application/json"))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_shared_case(server: SigV4Server, case: dict[str, Any]) -> None:
    server.reply = lambda _req: _reply(case)
    kwargs = {snake(name): value for name, value in case["params"].items()}
    with KecClient(access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION,
                   endpoint=server.url, retry=NO_RETRY) as client:
        try:
            result: Any = client.describe_images(**kwargs)
            error: Exception | None = None
        except errors.KsyunError as exc:
            error = exc
    assert not server.rejected
    if "wire" in case:
        (req,) = server.received
        assert req.method == case["wire"]["method"]
        assert req.params == case["wire"]["params"]
        assert req.headers["accept"] == "application/json"
    if "sent" in case["expect"]:
        assert len(server.received) == case["expect"]["sent"]
    if "ok" in case["expect"]:
        assert error is None, error
        # a list KSYUN omits (or sends as null) reads as [], and the case says so
        assert result.model_dump(by_alias=True, exclude_none=True) == case["expect"]["ok"]
        return
    want = dict(case["expect"]["error"])
    assert error is not None
    cls = want.pop("class")
    assert type(error) is getattr(errors, NEUTRAL.get(cls, cls))
    for key, value in want.items():
        if key == "text":  # the error as printed
            assert str(error) == value
        else:
            assert getattr(error, snake(key)) == value, key


def _python_names(value: Any) -> Any:
    """Nested wire-name keys as the Python SDK spells them (its TypedDicts' keys)."""
    if isinstance(value, dict):
        return {identifier(k): _python_names(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_python_names(v) for v in value]
    return value


@pytest.mark.parametrize("case", VALIDATION, ids=[c["id"] for c in VALIDATION])
def test_shared_validation_case(case: dict[str, Any]) -> None:
    sent: list[dict[str, str]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        text = request.content.decode() if request.method == "POST" else request.url.query.decode()
        sent.append(dict(parse_qsl(text, keep_blank_values=True)))
        return httpx.Response(200, json={"RequestId": "r"})

    kwargs = {identifier(name): _python_names(value) for name, value in case["params"].items()}
    with httpx.Client(transport=httpx.MockTransport(answer)) as http, KecClient(
            access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION, endpoint="https://kec.example",
            retry=NO_RETRY, http_client=http) as client:
        try:
            getattr(client, snake(case["action"]))(**kwargs)
            error: Exception | None = None
        except errors.KsyunError as exc:
            error = exc
    expect = case["expect"]
    assert len(sent) == expect["sent"], error
    if "wire" in expect:
        assert sent[0] == expect["wire"]
    if "error" not in expect:
        assert error is None, error
        return
    want = expect["error"]
    assert type(error).__name__ == NEUTRAL.get(want["class"], want["class"]), error
    for fragment in want.get("messageContains", []):
        assert fragment in str(error), (fragment, str(error))
    for fragment in want.get("messageLacks", []):
        assert fragment not in str(error), (fragment, str(error))
    if "suggests" in want:
        assert f"did you mean {identifier(want['suggests'])!r}?" in str(error), str(error)


def _paging_reply(server: SigV4Server, case: dict[str, Any]) -> Any:
    def reply(req: Any) -> Reply:
        answer = case["replies"].get(req.params.get(case["position"], ""))
        # a position the case does not expect, or a walk that loops, gets an error
        if answer is None or len(server.received) > len(case["expect"]["sent"]) + 2:
            return Reply.json(400, {"RequestId": "r", "Error": {"Type": "Sender", "Code": "InvalidParameterValue",
                                                                "Message": f"no page at {req.params}"}})
        return Reply.json(answer.get("status", 200), answer["json"])
    return reply


@pytest.mark.parametrize("case", PAGING, ids=[c["id"] for c in PAGING])
def test_shared_paging_case(server: SigV4Server, case: dict[str, Any]) -> None:
    server.service = case["service"]
    method = "paginate_" + snake(case["action"])
    kwargs = {snake(name): value for name, value in case["params"].items()}
    expect = case["expect"]
    walks: dict[str, tuple[list[Any], Exception | None, list[dict[str, str]]]] = {}
    with CLIENTS[case["service"]](access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION,
                                  endpoint=server.url, retry=NO_RETRY) as client:
        paginator = getattr(client, method)(**kwargs)
        position = case["position"]
        server.reply = _paging_reply(server, case)
        field = snake(case["idField"])
        for how in ("items", "pages"):
            server.received.clear()
            got: list[Any] = []
            error: Exception | None = None
            try:
                if how == "items":
                    got.extend(getattr(item, field) for item in paginator)
                else:
                    for page in paginator.pages():
                        got.extend(getattr(item, field) for item in getattr(page, snake(case["itemsField"])))
            except errors.KsyunError as exc:
                error = exc
            walks[how] = (got, error, [r.params for r in server.received])
    assert not server.rejected
    for how, (got, error, sent) in walks.items():
        assert [p.get(position) for p in sent] == expect["sent"], how
        assert all(p.get("MaxResults") == str(case["params"]["MaxResults"]) for p in sent), how
        assert got == expect["items"], how
        if "error" in expect:
            assert type(error).__name__ == expect["error"], (how, error)
        else:
            assert error is None, (how, error)

