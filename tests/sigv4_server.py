"""A KSYUN-like HTTP server on 127.0.0.1 for tests.

It checks every request's AWS Signature V4 with botocore's signer (an
implementation independent of the SDK's own), answers signature problems the
way KSYUN does (403 ``SignatureDoesNotMatch`` and friends), records what it
received, and otherwise answers with whatever the test put in ``replies``.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

_AUTH_RE = re.compile(
    r"^AWS4-HMAC-SHA256 Credential=(?P<credential>[^,\s]+),\s*"
    r"SignedHeaders=(?P<signed>[^,\s]+),\s*Signature=(?P<signature>[0-9a-f]{64})$"
)


@dataclass
class Received:
    """One request as the server saw it."""

    method: str
    path: str
    raw_query: str
    headers: dict[str, str]  # lower-case names
    body: bytes
    params: dict[str, str]  # query (GET) or form body (POST), decoded

    @property
    def action(self) -> str:
        return self.params.get("Action", "")


@dataclass
class Reply:
    status: int
    body: bytes
    content_type: str = "application/json"

    @classmethod
    def json(cls, status: int, data: Any) -> Reply:
        return cls(status, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def error_envelope(code: str, message: str, request_id: str = "req-error-1",
                   error_type: str = "Sender") -> dict[str, Any]:
    return {"RequestId": request_id, "Error": {"Type": error_type, "Code": code, "Message": message}}


@dataclass
class SigV4Server:
    """Start with :meth:`start`, stop with :meth:`stop`; ``url`` is the endpoint."""

    access_key: str
    secret_key: str
    region: str
    service: str = "kec"
    # Called for every correctly signed request; the default says "no such action".
    reply: Callable[[Received], Reply] = field(
        default=lambda r: Reply.json(404, error_envelope("NoSuchEntity", f"no action {r.action}"))
    )
    received: list[Received] = field(default_factory=list)
    rejected: list[tuple[Received, str]] = field(default_factory=list)

    def start(self) -> SigV4Server:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                headers = {k.lower(): v for k, v in self.headers.items()}
                source = parts.query if self.command == "GET" else body.decode("utf-8", "replace")
                req = Received(self.command, parts.path, parts.query, headers, body,
                               dict(parse_qsl(source, keep_blank_values=True)))
                problem = owner.verify(req)
                if problem is not None:
                    owner.rejected.append((req, problem[1]))
                    reply = problem[0]
                else:
                    owner.received.append(req)
                    reply = owner.reply(req)
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            do_GET = _handle
            do_POST = _handle

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.02,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    # -- verification ------------------------------------------------------------
    def verify(self, req: Received) -> tuple[Reply, str] | None:
        """None when the signature is right, else (KSYUN's answer, why)."""

        def deny(status: int, code: str, why: str) -> tuple[Reply, str]:
            return Reply.json(status, error_envelope(code, why, "req-auth")), why

        auth = req.headers.get("authorization")
        if not auth or "host" not in req.headers:
            return deny(403, "MissingAuthenticationToken", "no Authorization or Host header")
        m = _AUTH_RE.match(auth)
        if not m:
            return deny(400, "IncompleteSignature", f"malformed Authorization: {auth[:40]}")
        cred = m["credential"].split("/")
        if len(cred) != 5 or cred[4] != "aws4_request":
            return deny(400, "IncompleteSignature", "credential must have 5 parts")
        access_key, date, region, service, _ = cred
        if access_key != self.access_key:
            return deny(403, "InvalidClientTokenId", "unknown access key")
        amz_date = req.headers.get("x-amz-date", "")
        signed = m["signed"].split(";")
        if "host" not in signed or "x-amz-date" not in signed:
            return deny(403, "SignatureDoesNotMatch", "host and x-amz-date must be signed")
        if not amz_date.startswith(date) or region != self.region or service != self.service:
            return deny(403, "SignatureDoesNotMatch", "wrong credential scope")
        missing = [h for h in signed if h not in req.headers]
        if missing:
            return deny(403, "SignatureDoesNotMatch", f"signed headers not sent: {missing}")
        # Rebuild the request with only the headers the client signed, and let
        # botocore compute the signature KSYUN would expect.
        url = f"http://{req.headers['host']}{req.path}"
        if req.raw_query:
            url += "?" + req.raw_query
        aws = AWSRequest(method=req.method, url=url,
                         headers={h: req.headers[h] for h in signed}, data=req.body)
        aws.context["timestamp"] = amz_date
        signer = SigV4Auth(Credentials(self.access_key, self.secret_key), self.service, self.region)
        expected = signer.signature(signer.string_to_sign(aws, signer.canonical_request(aws)), aws)
        if expected != m["signature"]:
            return deny(403, "SignatureDoesNotMatch",
                        "The request signature we calculated does not match the signature "
                        "you provided.")
        return None
