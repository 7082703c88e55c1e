"""The shared, language-neutral cases (tests/cases/describe_images.json) run
against the Python SDK; tests/typescript/cases.test.mjs runs the same list
against the TypeScript SDK, so a behaviour difference fails one of them."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import ACCESS_KEY, REGION, REPO, SECRET_KEY
from sigv4_server import Reply, SigV4Server

from generator.naming import snake
from ksyun_sdk import NO_RETRY
from ksyun_sdk.kec.v2016_03_04 import KecClient, errors

CASES = json.loads((REPO / "tests" / "cases" / "describe_images.json").read_text(encoding="utf-8"))["cases"]


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
        # exclude_unset: a list KSYUN omits reads as [] but was not on the wire
        assert result.model_dump(by_alias=True, exclude_none=True, exclude_unset=True) == case["expect"]["ok"]
        return
    want = dict(case["expect"]["error"])
    assert error is not None
    assert type(error) is getattr(errors, want.pop("class"))
    for key, value in want.items():
        assert getattr(error, snake(key)) == value, key
