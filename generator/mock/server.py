"""The mock KSYUN endpoint: a threaded HTTP server driven by the IR.

Every action of every service in the :class:`~generator.ir.Api` is served;
nothing here names an action.  One request goes through, in order:

1. limits, before the body is read: a Content-Length within ``max_body``
   (else 413, or 400 when it is not one number) and the signature headers'
   form, date and access key; a refused body is never read; at most
   ``max_unverified`` bodies are read at once before their signature is
   checked (one more stops the one that has been at it longest, with a
   503), each within ``body_timeout`` in all;
2. SigV4 verification (:mod:`generator.mock.sigv4`), before anything in the
   body is parsed, counted or kept;
3. fault injection (seeded, or forced with ``Prefer: fault=<kind>``), only
   for an authenticated request, as on the real service;
4. routing: ``Action`` and ``Version`` from the query (GET) or the form body
   (POST); the service is the one that has the action (or the first path
   segment, ``/kec/``, when several do), and the scope's service must be its
   signing name;
5. ``Prefer: error=<Code>`` returns any error documented for the action;
6. parameter checks against the IR (:mod:`generator.mock.params`);
7. the body synthesized from the spec's examples (:mod:`generator.mock.synth`),
   narrowed by the ``x-ksyun-not-found-error`` lookups.

Errors use KSYUN's envelope ``{"RequestId", "Error": {"Type", "Code",
"Message"}}`` with the HTTP status the spec documents for the code (the
action's own ``x-ksyun-errors`` first, then ``x-ksyun-common-errors``).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
import socket
import struct
import sys
import threading
import time
import traceback
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TextIO
from urllib.parse import parse_qsl, urlsplit

from ..ir import Api, ErrorCode, Operation, Service
from . import paging, sigv4, synth
from . import params as params_mod
from .faults import KINDS, FaultPlan

DEFAULT_ACCESS_KEY = "AKLTmockAccessKey0001"
DEFAULT_SECRET_KEY = "mockSecretKey0001"
DEFAULT_REGION = "cn-beijing-6"
RECEIVER_CODES = frozenset({"InternalError", "ServiceUnavailable", "ServiceTimeout"})
HTML_502 = (b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
            b"</body>\r\n</html>\r\n")


def redact(access_key: str) -> str:
    return "…" if len(access_key) <= 8 else f"{access_key[:4]}…{access_key[-4:]}"


@dataclass
class MockConfig:
    host: str = "127.0.0.1"
    port: int = 0
    credentials: dict[str, str] = field(default_factory=lambda: {DEFAULT_ACCESS_KEY: DEFAULT_SECRET_KEY})
    regions: tuple[str, ...] = (DEFAULT_REGION,)
    seed: int = 0
    fault_rate: float = 0.0
    faults: tuple[str, ...] = KINDS
    fault_limit: int | None = None
    slow_seconds: float = 2.0
    page_items: int = paging.DEFAULT_PAGE_ITEMS  # items of each paged action's list (0: as other lists)
    retry_after: int | None = None  # seconds sent with 429 faults
    log: TextIO | None = None
    now: Callable[[], dt.datetime] | None = None
    max_body: int = 1024 * 1024  # bytes of request body; more is refused unread (413)
    idle_timeout: float = 10.0  # seconds a connection may wait between requests, or per read
    header_timeout: float = 10.0  # seconds to send the request line and headers, in all
    max_connections: int = 64  # connections served at once; more are closed at once
    max_unverified: int = 16  # bodies read at once before their signature is checked (then: oldest out)
    body_timeout: float = 10.0  # seconds to send the request body, in all


@dataclass
class MockStats:
    """What the server saw; safe to read while it runs (copy under ``lock``)."""

    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    requests: int = 0
    by_status: Counter[int] = field(default_factory=Counter)
    by_code: Counter[str] = field(default_factory=Counter)
    faults: Counter[str] = field(default_factory=Counter)
    #: (action, ClientToken) → how many requests carrying it arrived.
    tokens: Counter[tuple[str, str]] = field(default_factory=Counter)


@dataclass(frozen=True)
class _Reply:
    status: int
    body: bytes
    code: str = ""
    content_type: str = "application/json"
    request_id: str = ""
    headers: tuple[tuple[str, str], ...] = ()


class _Route:
    """Lookups built once from the IR."""

    def __init__(self, api: Api) -> None:
        self.api = api
        self.common = {e.code: e for e in api.common_errors}
        self.by_action: dict[str, list[Service]] = {}
        for service in api.services:
            for op in service.operations:
                self.by_action.setdefault(op.action, []).append(service)
        self.signing_names = {s.signing_name for s in api.services}
        self.service_names = {s.name for s in api.services}

    def error(self, op: Operation | None, code: str) -> ErrorCode | None:
        if op is not None:
            for e in op.errors:
                if e.code == code:
                    return e
        return self.common.get(code)


class _Failure(Exception):
    def __init__(self, code: str, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


class MockServer:
    """``with MockServer(api, config) as server: server.url``; or start()/stop()."""

    def __init__(self, api: Api, config: MockConfig | None = None) -> None:
        self.api = api
        self.config = config or MockConfig()
        self.route = _Route(api)
        self.plan = FaultPlan(self.config.fault_rate, self.config.faults, self.config.seed,
                              self.config.fault_limit)
        self.stats = MockStats()
        self.stopping = threading.Event()
        self._ids = random.Random(f"request-ids:{self.config.seed}")
        self._ids_lock = threading.Lock()
        self._log_lock = threading.Lock()
        self._bodies: dict[tuple[str, str, str], dict[str, Any]] = {}
        self._unverified: dict[int, _Handler] = {}  # oldest first
        self._unverified_lock = threading.Lock()
        self._httpd: _BoundedServer | None = None
        self._thread: threading.Thread | None = None

    # -- life cycle -----------------------------------------------------------------
    def start(self) -> MockServer:
        server = self

        class Handler(_Handler):
            mock = server
            timeout = server.config.idle_timeout

        httpd = _BoundedServer((self.config.host, self.config.port), Handler,
                               self.config.max_connections)
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="ksyun-mock", daemon=True)
        self._thread.start()
        return self

    @property
    def address(self) -> tuple[str, int]:
        assert self._httpd is not None, "server not started"
        host, port = self._httpd.server_address[:2]
        return str(host), int(port)

    @property
    def connections(self) -> int:
        """Connections being served now."""
        return self._httpd.active if self._httpd is not None else 0

    @property
    def unverified(self) -> int:
        """Request bodies being read now, before their signature is checked."""
        with self._unverified_lock:
            return len(self._unverified)

    def enter_unverified(self, reader: _Handler) -> None:
        """*reader* starts reading a body before its signature is checked.  When
        ``max_unverified`` already are, the one that has been at it longest is
        stopped (it gets a 503): a slow body yields to a new one, so clients
        trickling bodies cannot hold off signed requests."""
        with self._unverified_lock:
            self._unverified[id(reader)] = reader
            while len(self._unverified) > max(1, self.config.max_unverified):
                oldest = next(iter(self._unverified))
                self._unverified.pop(oldest).evict()

    def leave_unverified(self, reader: _Handler) -> None:
        with self._unverified_lock:
            self._unverified.pop(id(reader), None)

    @property
    def url(self) -> str:
        host, port = self.address
        return f"http://{host}:{port}"

    def stop(self) -> None:
        self.stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None

    def __enter__(self) -> MockServer:
        return self.start() if self._httpd is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- pieces -----------------------------------------------------------------------
    def request_id(self) -> str:
        with self._ids_lock:
            return str(uuid.UUID(int=self._ids.getrandbits(128), version=4))

    def body_for(self, service: Service, op: Operation) -> dict[str, Any]:
        key = (service.name, service.version, op.action)
        body = self._bodies.get(key)
        if body is None:
            body = synth.synthesize(service, op, self.config.seed, page_items=self.config.page_items)
            self._bodies[key] = body
        return copy.deepcopy(body)

    def envelope(self, op: Operation | None, code: str, message: str | None = None,
                 status: int | None = None) -> _Reply:
        documented = self.route.error(op, code)
        if status is None:
            status = documented.http_status if documented is not None else 400
        if message is None:
            message = documented.message if documented is not None and documented.message else code
        request_id = self.request_id()
        kind = "Receiver" if status >= 500 or code in RECEIVER_CODES else "Sender"
        body = {"RequestId": request_id, "Error": {"Type": kind, "Code": code, "Message": message}}
        return _Reply(status, json.dumps(body, ensure_ascii=False).encode("utf-8"), code,
                      request_id=request_id)

    def authenticate(self, method: str, target: str, headers: dict[str, list[str]],
                     body: bytes) -> _Reply | None:
        """The error reply when the request's signature is not good, else None."""
        parts = urlsplit(target)
        try:
            sigv4.verify(method=method, raw_path=parts.path, raw_query=parts.query, headers=headers,
                         body=body, secrets=self.config.credentials, regions=self.config.regions,
                         services=self.route.signing_names, now=self.config.now)
        except sigv4.AuthFailure as exc:
            return self.envelope(None, exc.code, exc.message)
        return None

    def refuse_early(self, headers: dict[str, list[str]]) -> _Reply | None:
        """Before the body is read: its declared size, then the signature
        headers (form, date, a known key).  The reply, or None to go on."""
        declared = (headers.get("content-length") or ["0"])[0].strip()
        if len(headers.get("content-length") or []) > 1 or not declared.isascii() \
                or not declared.isdigit() or len(declared) > 18:
            return self.envelope(None, "InvalidParameterValue",
                                 "Content-Length must be one decimal number of bytes", 400)
        if int(declared) > self.config.max_body:
            return self.envelope(None, "RequestEntityTooLarge",
                                 f"the request body may hold at most {self.config.max_body} bytes", 413)
        try:
            sigv4.check_headers(headers, self.config.credentials, self.config.now)
        except sigv4.AuthFailure as exc:
            return self.envelope(None, exc.code, exc.message)
        return None

    def log(self, line: str) -> None:
        if self.config.log is None:
            return
        with self._log_lock:
            self.config.log.write(line + "\n")
            self.config.log.flush()

    # -- the request ------------------------------------------------------------------
    def handle(self, method: str, target: str, headers: dict[str, list[str]], body: bytes,
               prefer: dict[str, str]) -> tuple[_Reply, str, str]:
        """(reply, action, access key) for one request that passed fault injection."""
        parts = urlsplit(target)
        action = ""
        access_key = ""
        op: Operation | None = None
        try:
            if method not in ("GET", "POST"):
                raise _Failure("InvalidMethod", f"HTTP method {method} is not supported; use GET or POST")
            pairs = parse_qsl(parts.query, keep_blank_values=True)
            if method == "POST" and body:
                ctype = (headers.get("content-type") or [""])[0].split(";")[0].strip().lower()
                if ctype != "application/x-www-form-urlencoded":
                    raise _Failure("InvalidQueryParameter", "a POST body must be "
                                   f"application/x-www-form-urlencoded, got {ctype or 'no Content-Type'}")
                try:
                    pairs += parse_qsl(body.decode("utf-8"), keep_blank_values=True)
                except UnicodeDecodeError:
                    raise _Failure("InvalidQueryParameter", "the form body is not UTF-8") from None
            actions = [v for k, v in pairs if k == "Action"]
            action = actions[0] if len(actions) == 1 else ""
            try:
                identity = sigv4.verify(
                    method=method, raw_path=parts.path, raw_query=parts.query, headers=headers,
                    body=body, secrets=self.config.credentials, regions=self.config.regions,
                    services=self.route.signing_names, now=self.config.now,
                )
            except sigv4.AuthFailure as exc:
                raise _Failure(exc.code, exc.message) from None
            access_key = identity.access_key
            service, op = self._route(parts.path, pairs, method, identity)
            forced = prefer.get("error")
            if forced:
                chosen = self.route.error(op, forced)
                if chosen is None:
                    codes = sorted({e.code for e in op.errors} | set(self.route.common))
                    raise _Failure("InvalidParameterValue", f"Prefer: error={forced} is not documented "
                                   f"for {op.action} (documented: {', '.join(codes)})")
                raise _Failure(forced, chosen.message or forced)
            rest = [(k, v) for k, v in pairs if k not in ("Action", "Version")]
            try:
                values = params_mod.parse(service, op, rest)
            except params_mod.ParamError as exc:
                raise _Failure(exc.code, exc.message) from None
            if values.get("DryRun") is True:
                raise _Failure("DryRunOperation", "Request would have succeeded, but DryRun flag is set.")
            data, missing, message = synth.apply_lookups(op, values, self.body_for(service, op))
            if missing:
                # KSYUN answers with the documented message, as the spec has it
                documented = self.route.error(op, missing)
                raise _Failure(missing, documented.message if documented and documented.message else message)
            try:
                paging.apply_filters(service, op, values, data)
                paging.apply_paging(op, values, data)
            except paging.PagingError as exc:
                raise _Failure(exc.code, exc.message) from None
            request_id = self.request_id()
            data["RequestId"] = request_id
            return (_Reply(200, json.dumps(data, ensure_ascii=False).encode("utf-8"), request_id=request_id),
                    action, access_key)
        except _Failure as exc:
            return self.envelope(op, exc.code, exc.message, exc.status), action, access_key

    def _route(self, path: str, pairs: list[tuple[str, str]], method: str,
               identity: sigv4.Identity) -> tuple[Service, Operation]:
        values: dict[str, list[str]] = {}
        for k, v in pairs:
            values.setdefault(k, []).append(v)
        for name in ("Action", "Version"):
            if len(values.get(name, [])) > 1:
                raise _Failure("InvalidQueryParameter", f"{name} is given more than once")
        action = (values.get("Action") or [""])[0]
        if not action:
            raise _Failure("MissingParameter", "the Action parameter is required")
        segment = path.strip("/").split("/")[0]
        candidates = [s for s in self.route.by_action.get(action, [])
                      if segment not in self.route.service_names or s.name == segment]
        if not candidates:
            raise _Failure("NoSuchEntity", f"the action {action!r} does not exist")
        version = (values.get("Version") or [""])[0]
        if not version:
            raise _Failure("MissingParameter", "the Version parameter is required")
        matching = [s for s in candidates if s.version == version]
        if not matching:
            known = ", ".join(sorted({s.version for s in candidates}))
            raise _Failure("InvalidParameterValue", f"Version {version!r} is not a version of "
                           f"{action} (known: {known})")
        signing = [s for s in matching if s.signing_name == identity.service]
        if not signing:
            raise _Failure("SignatureDoesNotMatch", f"credential scope service {identity.service!r} "
                           f"does not serve {action}; sign for {matching[0].signing_name!r}")
        service = signing[0]
        # KSYUN takes every action as GET (query) or POST (form body), whichever
        # method its page documents; the official SDKs send form POSTs.
        return service, service.operation(action)


def _prefer(headers: dict[str, list[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in headers.get("prefer", []):
        for item in value.split(","):
            key, sep, val = item.strip().partition("=")
            if sep:
                out[key.strip().lower()] = val.strip().strip('"')
    return out


class _Handler(BaseHTTPRequestHandler):
    mock: MockServer
    _header_timer: threading.Timer
    evicted = False
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes
    server_version = "ksyun-mock"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass

    def _headers(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for name, value in self.headers.items():
            out.setdefault(name.lower(), []).append(value)
        return out

    def _serve(self) -> None:
        mock = self.mock
        started = time.perf_counter()
        headers = self._headers()
        refused = mock.refuse_early(headers)
        if refused is not None:  # the body is not read: the connection cannot go on
            self._refuse(refused, started)
            return
        length = int((headers.get("content-length") or ["0"])[0].strip())
        self.evicted = False
        if length > 0:
            mock.enter_unverified(self)
        try:
            body = self._read_body(length) if length > 0 else b""
        finally:
            if length > 0:
                mock.leave_unverified(self)
        if body is None and self.evicted:
            self._refuse(mock.envelope(None, "ServiceUnavailable", "the request body came too slowly "
                                       "while others waited; retry", 503), started)
            return
        if body is None:  # cut off (body_timeout) or closed early: nothing to answer
            self.close_connection = True
            return
        # The signature first: nothing in an unauthenticated body is parsed, counted or kept.
        denied = mock.authenticate(self.command, self.path, headers, body)
        if denied is not None:
            with mock.stats.lock:
                mock.stats.requests += 1
            self._send(denied)
            # the log names the action when the query does (an unauthenticated body is not parsed)
            actions = [v for k, v in parse_qsl(urlsplit(self.path).query) if k == "Action"]
            self._record(actions[0][:100] if len(actions) == 1 else "", str(denied.status), denied.code,
                         started, None, "")
            return
        prefer = _prefer(headers)
        with mock.stats.lock:
            mock.stats.requests += 1
            token = self._client_token(body)
            if token is not None:
                mock.stats.tokens[token] += 1
        fault = prefer.get("fault") or mock.plan.draw()
        if fault is not None and fault not in KINDS:
            fault = None
        if fault is not None:  # (after authentication, as on the real service)
            with mock.stats.lock:
                mock.stats.faults[fault] += 1
        if fault == "reset":
            self._reset()
            self._record("", "reset", "", started, fault, "")
            return
        if fault == "slow":
            mock.stopping.wait(mock.config.slow_seconds)
        action = ""
        access_key = ""
        if fault == "503":
            reply = mock.envelope(None, "ServiceUnavailable", "The service is unavailable.", 503)
        elif fault == "429":
            reply = mock.envelope(None, "Throttling", "Rate exceeded.", 429)
            if mock.config.retry_after is not None:
                reply = _with_header(reply, "Retry-After", str(mock.config.retry_after))
        elif fault == "limit-exceeded":
            reply = mock.envelope(None, "LimitExceeded")
        elif fault == "html":
            reply = _Reply(502, HTML_502, "", "text/html")
        else:
            reply, action, access_key = mock.handle(self.command, self.path, headers, body, prefer)
            if fault == "truncated":
                reply = _Reply(reply.status, reply.body[: max(1, len(reply.body) // 2)], reply.code)
            elif fault == "empty":
                reply = _Reply(200, b"", "")
        self._send(reply)
        self._record(action, str(reply.status), reply.code, started, fault, access_key)

    def _refuse(self, reply: _Reply, started: float) -> None:
        """Answer *reply* and close: the rest of the body was not read."""
        with self.mock.stats.lock:
            self.mock.stats.requests += 1
        self.close_connection = True
        self._send(reply, extra=[("Connection", "close")])
        self._record("", str(reply.status), reply.code, started, None, "")

    def evict(self) -> None:
        """Stop reading this connection's body (another one needs the room)."""
        self.evicted = True
        try:
            self.connection.shutdown(socket.SHUT_RD)
        except OSError:
            pass

    def _read_body(self, length: int) -> bytes | None:
        """*length* bytes within ``body_timeout`` in all (a byte at a time does
        not keep it open); None when they did not come."""
        timer = threading.Timer(self.mock.config.body_timeout, self._cut)
        timer.daemon = True
        timer.start()
        try:
            body = self.rfile.read(length)
        except OSError:
            return None
        finally:
            timer.cancel()
        return body if len(body) == length else None

    def _send(self, reply: _Reply, extra: list[tuple[str, str]] | None = None) -> None:
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type + ("; charset=utf-8"
                             if reply.content_type == "application/json" else ""))
            self.send_header("Content-Length", str(len(reply.body)))
            if reply.request_id:
                self.send_header("X-KSC-REQUEST-ID", reply.request_id)
            for name, value in (*reply.headers, *(extra or [])):
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(reply.body)
            self.wfile.flush()
        except (ConnectionError, OSError):
            self.close_connection = True  # the client gave up (e.g. after a slow reply)

    def handle_one_request(self) -> None:
        """One request; the request line and headers must arrive within
        ``header_timeout`` in all (a byte at a time does not keep it open)."""
        timer = threading.Timer(self.mock.config.header_timeout, self._cut)
        timer.daemon = True
        self._header_timer = timer
        timer.start()
        try:
            super().handle_one_request()
        finally:
            timer.cancel()

    def parse_request(self) -> bool:
        ok = super().parse_request()
        self._header_timer.cancel()  # the headers are in
        return ok

    def _cut(self) -> None:
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _client_token(self, body: bytes) -> tuple[str, str] | None:
        query = urlsplit(self.path).query
        pairs = parse_qsl(query, keep_blank_values=True)
        if body:
            pairs += parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
        found = dict(pairs)
        if "ClientToken" in found:
            return found.get("Action", ""), found["ClientToken"]
        return None

    def _record(self, action: str, status: str, code: str, started: float, fault: str | None,
                access_key: str) -> None:
        mock = self.mock
        with mock.stats.lock:
            if status.isdigit():
                mock.stats.by_status[int(status)] += 1
            if code:
                mock.stats.by_code[code] += 1
        if mock.config.log is not None:
            elapsed = (time.perf_counter() - started) * 1000
            mock.log(f"{self.command} {action or '-'} {status} {code or '-'} {elapsed:.1f}ms"
                     f" key={redact(access_key) if access_key else '-'}"
                     + (f" fault={fault}" if fault else ""))

    def _reset(self) -> None:
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        self.close_connection = True
        try:
            self.connection.close()
        except OSError:
            pass

    def _guarded(self) -> None:
        try:
            self._serve()
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception:  # a bug in the mock: answer 500 and say so on stderr
            traceback.print_exc(file=sys.stderr)
            reply = self.mock.envelope(None, "InternalError", "mock server error (see its stderr)", 500)
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
            except OSError:
                pass
            self.close_connection = True

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _guarded


class _BoundedServer(ThreadingHTTPServer):
    """A threading server that serves at most *limit* connections at once;
    one more is closed at once instead of getting a thread."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: type[_Handler], limit: int) -> None:
        super().__init__(address, handler)
        self.slots = threading.BoundedSemaphore(limit)
        self.limit = limit
        self.count_lock = threading.Lock()
        self.active = 0

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.slots.acquire(blocking=False):
            self.shutdown_request(request)
            return
        with self.count_lock:
            self.active += 1
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._done()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._done()

    def _done(self) -> None:
        with self.count_lock:
            self.active -= 1
        self.slots.release()


def _with_header(reply: _Reply, name: str, value: str) -> _Reply:
    return _Reply(reply.status, reply.body, reply.code, reply.content_type, reply.request_id,
                  (*reply.headers, (name, value)))
