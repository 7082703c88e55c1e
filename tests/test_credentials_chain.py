"""Credentials: arguments, provider, environment, credentials-file profile, in
that order; temporary credentials' token is sent and signed (checked by
botocore in the test server); secrets never appear in reprs or errors."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from ksyun_sdk import ConfigurationError, Credentials, ProfileCredentials, RefreshingCredentials
from ksyun_sdk.kec.v2016_03_04 import AsyncKecClient, KecClient
from sigv4_server import Reply

FILE = """\
[default]
ks_access_key_id = AKLTfileDefault0001
ks_secret_access_key = file-default-secret

[work]
ks_access_key_id = AKLTfileWork00000002
ks_secret_access_key = file-work-secret
ks_security_token = file-work-token
"""


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    for name in ("KSYUN_ACCESS_KEY", "KSYUN_SECRET_KEY", "KSYUN_SECURITY_TOKEN", "KSYUN_PROFILE",
                 "KSYUN_CREDENTIALS_FILE", "KSYUN_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no stray ~/.ks/credentials
    monkeypatch.setenv("KSYUN_REGION", "cn-beijing-6")
    path = tmp_path / "credentials"
    path.write_text(FILE, encoding="utf-8")
    monkeypatch.setenv("KSYUN_CREDENTIALS_FILE", str(path))
    return monkeypatch


def key_of(client: KecClient) -> str:
    return client._credentials.load().access_key


def test_chain_order(env: pytest.MonkeyPatch) -> None:
    env.setenv("KSYUN_ACCESS_KEY", "AKLTfromEnvironment01")
    env.setenv("KSYUN_SECRET_KEY", "env-secret")
    assert key_of(KecClient(access_key="AKLTargument00000001", secret_key="s")) == "AKLTargument00000001"
    assert key_of(KecClient(credentials=Credentials("AKLTprovider00000001", "s"))) == "AKLTprovider00000001"
    assert key_of(KecClient()) == "AKLTfromEnvironment01"
    assert key_of(KecClient(profile="work")) == "AKLTfileWork00000002"  # profile= means the file
    env.delenv("KSYUN_ACCESS_KEY")
    assert key_of(KecClient()) == "AKLTfileDefault0001"
    env.setenv("KSYUN_PROFILE", "work")
    assert key_of(KecClient()) == "AKLTfileWork00000002"


def test_default_file_path_is_home_ks_credentials(env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env.delenv("KSYUN_CREDENTIALS_FILE")
    home = tmp_path / "home" / ".ks"
    home.mkdir(parents=True)
    (home / "credentials").write_text(FILE, encoding="utf-8")
    assert ProfileCredentials().path == home / "credentials"
    assert key_of(KecClient()) == "AKLTfileDefault0001"


def test_missing_profile_and_missing_everything_are_configuration_errors(env: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigurationError, match=r"no profile \[nope\]"):
        KecClient(profile="nope")
    env.delenv("KSYUN_CREDENTIALS_FILE")
    with pytest.raises(ConfigurationError, match="no credentials"):
        KecClient()
    with pytest.raises(ConfigurationError, match="security_token= needs"):
        KecClient(security_token="t")


def test_secrets_stay_out_of_reprs_and_errors(env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    client = KecClient(profile="work")
    for text in (repr(client), repr(client._credentials), repr(ProfileCredentials("work"))):
        assert "file-work-secret" not in text and "file-work-token" not in text
    bad = tmp_path / "bad"
    bad.write_text("[default]\nks_access_key_id = AKLTonlyTheKey0001\nks_secret_access_key =\n", encoding="utf-8")
    env.setenv("KSYUN_CREDENTIALS_FILE", str(bad))
    with pytest.raises(ConfigurationError) as info:
        KecClient()
    assert "needs ks_access_key_id and ks_secret_access_key" in str(info.value)


def _ok(_req: Any) -> Reply:
    return Reply.json(200, {"RequestId": "r", "ImagesSet": []})


def test_security_token_is_sent_and_signed_sync_and_async(server: Any, env: pytest.MonkeyPatch) -> None:
    server.reply = _ok
    with KecClient(access_key=server.access_key, secret_key=server.secret_key, security_token="tok/en+1",
                   region=server.region, endpoint=server.url) as client:
        client.describe_images()

    async def go() -> None:
        async with AsyncKecClient(access_key=server.access_key, secret_key=server.secret_key,
                                  security_token="tok/en+2", region=server.region, endpoint=server.url) as c:
            await c.describe_images()

    asyncio.run(go())
    assert not server.rejected  # botocore recomputed each signature
    tokens = [r.headers["x-amz-security-token"] for r in server.received]
    assert tokens == ["tok/en+1", "tok/en+2"]
    assert all("x-amz-security-token" in r.headers["authorization"] for r in server.received)


def test_token_from_environment_and_file(server: Any, env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    server.reply = _ok
    env.setenv("KSYUN_ACCESS_KEY", server.access_key)
    env.setenv("KSYUN_SECRET_KEY", server.secret_key)
    env.setenv("KSYUN_SECURITY_TOKEN", "env-token")
    with KecClient(region=server.region, endpoint=server.url) as client:
        client.describe_images()
    assert server.received[-1].headers["x-amz-security-token"] == "env-token"


def test_refreshing_provider_is_asked_before_each_request(server: Any, env: pytest.MonkeyPatch) -> None:
    server.reply = _ok
    now = [1000.0]
    issued: list[int] = []

    def fetch() -> tuple[Credentials, float | None]:
        issued.append(1)
        return Credentials(server.access_key, server.secret_key, f"token-{len(issued)}"), now[0] + 900

    provider = RefreshingCredentials(fetch, refresh_before=300, clock=lambda: now[0])
    with KecClient(credentials=provider, region=server.region, endpoint=server.url) as client:
        client.describe_images()
        client.describe_images()
        now[0] += 700  # within 300 s of expiry: a fresh token
        client.describe_images()
    assert not server.rejected
    assert [r.headers["x-amz-security-token"] for r in server.received] == ["token-1", "token-1", "token-2"]
    assert "token-" not in repr(provider)
