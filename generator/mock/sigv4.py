"""SigV4 (``AWS4-HMAC-SHA256``) verification for the mock server.

Written from the Signature Version 4 specification with hashlib/hmac only,
independently of the generated SDK's signer, so that a bug in the signer
cannot hide behind the same bug in the verifier.  The tests cross-check it
against botocore's ``SigV4Auth``.

The outcome is one of KSYUN's common authentication errors:

* no ``Authorization`` header                        → MissingAuthenticationToken
* a header that does not parse (credential of 5 parts, SignedHeaders,
  Signature, a known algorithm, a ``YYYYMMDDTHHMMSSZ`` x-amz-date)  → IncompleteSignature
* an access key the mock does not know                → InvalidClientTokenId
* a signature that does not match, ``host`` not signed, a scope date that is
  not the x-amz-date's, a region or service the mock does not serve, or an
  x-amz-date more than 15 minutes off                 → SignatureDoesNotMatch
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote, unquote, unquote_plus

ALGORITHM = "AWS4-HMAC-SHA256"
MAX_SKEW = dt.timedelta(minutes=15)
_AUTH_RE = re.compile(r"^(?P<alg>\S+)\s+(?P<rest>.*)$", re.S)
_DATE_RE = re.compile(r"[0-9]{8}T[0-9]{6}Z")


@dataclass(frozen=True)
class AuthFailure(Exception):
    """Why a request is not authenticated: a KSYUN error code and a message."""

    code: str
    message: str


@dataclass(frozen=True)
class Identity:
    """Who signed a verified request, and for which scope."""

    access_key: str
    region: str
    service: str


def _encode(text: str) -> str:
    return quote(text, safe="-_.~")


def canonical_query(raw_query: str) -> str:
    """Decode every ``name=value`` pair, re-encode it (RFC 3986), sort."""
    pairs = []
    for part in raw_query.split("&") if raw_query else []:
        if not part:
            continue
        name, _, value = part.partition("=")
        pairs.append((_encode(unquote_plus(name)), _encode(unquote_plus(value))))
    return "&".join(f"{n}={v}" for n, v in sorted(pairs))


def canonical_uri(raw_path: str) -> str:
    """The path as SigV4 canonicalizes it for non-S3 services (each segment encoded)."""
    path = raw_path or "/"
    return quote(unquote(path), safe="/~")


def _hmac(key: bytes, msg: str) -> bytes:
    return hmac.new(key, msg.encode("utf-8"), hashlib.sha256).digest()


def signature(secret_key: str, amz_date: str, scope: tuple[str, str, str], canonical_request: str) -> str:
    """Hex signature of *canonical_request* for scope (date, region, service)."""
    date, region, service = scope
    key = _hmac(("AWS4" + secret_key).encode("utf-8"), date)
    key = _hmac(key, region)
    key = _hmac(key, service)
    key = _hmac(key, "aws4_request")
    string_to_sign = "\n".join([
        ALGORITHM, amz_date, f"{date}/{region}/{service}/aws4_request",
        hashlib.sha256(canonical_request.encode("utf-8")).hexdigest(),
    ])
    return hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def _parse_authorization(value: str) -> tuple[list[str], list[str], str]:
    match = _AUTH_RE.match(value.strip())
    if not match:
        raise AuthFailure("IncompleteSignature", "Authorization header is not 'AWS4-HMAC-SHA256 Credential=..., "
                          "SignedHeaders=..., Signature=...'")
    if match["alg"] != ALGORITHM:
        raise AuthFailure("IncompleteSignature", f"unsupported signature algorithm {match['alg']!r}; "
                          f"expected {ALGORITHM}")
    fields: dict[str, str] = {}
    for item in match["rest"].split(","):
        name, sep, val = item.strip().partition("=")
        if not sep or not name:
            raise AuthFailure("IncompleteSignature", f"Authorization component {item.strip()!r} is not name=value")
        fields[name] = val
    for required in ("Credential", "SignedHeaders", "Signature"):
        if not fields.get(required):
            raise AuthFailure("IncompleteSignature", f"Authorization lacks {required}")
    credential = fields["Credential"].split("/")
    if len(credential) != 5 or credential[4] != "aws4_request" or not all(credential):
        raise AuthFailure("IncompleteSignature", "Credential must be "
                          "<AccessKey>/<yyyymmdd>/<region>/<service>/aws4_request")
    if not re.fullmatch(r"\d{8}", credential[1]):
        raise AuthFailure("IncompleteSignature", f"credential date {credential[1]!r} is not yyyymmdd")
    signed = fields["SignedHeaders"].split(";")
    if any(not h or h != h.lower() for h in signed):
        raise AuthFailure("IncompleteSignature", "SignedHeaders must be lower-case names separated by ';'")
    if not re.fullmatch(r"[0-9a-f]{64}", fields["Signature"]):
        raise AuthFailure("IncompleteSignature", "Signature must be 64 lower-case hex digits")
    return credential, signed, fields["Signature"]


def check_headers(
    headers: Mapping[str, Sequence[str]],
    secrets: Mapping[str, str],
    now: Callable[[], dt.datetime] | None = None,
) -> tuple[list[str], list[str], str, str, str]:
    """What can be checked before the body is read: the Authorization header's
    form, the date, a known access key, the signed host and date.  Returns
    (credential, signed headers, signature, X-Amz-Date, secret key)."""
    values = headers.get("authorization") or []
    if not values or not values[0].strip():
        raise AuthFailure("MissingAuthenticationToken", "the request has no Authorization header")
    credential, signed_headers, given = _parse_authorization(values[0])
    access_key, date = credential[0], credential[1]
    amz = (headers.get("x-amz-date") or [""])[0].strip()
    if not amz:
        raise AuthFailure("IncompleteSignature", "the request has no X-Amz-Date header")
    if not _DATE_RE.fullmatch(amz):
        raise AuthFailure("IncompleteSignature", f"X-Amz-Date {amz!r} is not YYYYMMDDTHHMMSSZ")
    try:
        when = dt.datetime.strptime(amz, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.timezone.utc)
    except ValueError:
        raise AuthFailure("IncompleteSignature", f"X-Amz-Date {amz!r} is not a valid date") from None
    secret = secrets.get(access_key)
    if secret is None:
        raise AuthFailure("InvalidClientTokenId", "the access key is not known to this server")
    current = now() if now is not None else dt.datetime.now(dt.timezone.utc)
    if abs(current - when) > MAX_SKEW:
        raise AuthFailure("SignatureDoesNotMatch", f"signature expired: X-Amz-Date {amz} is more than "
                          "15 minutes away from the server's time")
    if date != amz[:8]:
        raise AuthFailure("SignatureDoesNotMatch", f"credential scope date {date} is not the date of "
                          f"X-Amz-Date {amz}")
    if "host" not in signed_headers:
        raise AuthFailure("SignatureDoesNotMatch", "the host header must be signed")
    if "x-amz-date" not in signed_headers:
        raise AuthFailure("SignatureDoesNotMatch", "the x-amz-date header must be signed")
    return credential, signed_headers, given, amz, secret


def verify(
    *,
    method: str,
    raw_path: str,
    raw_query: str,
    headers: Mapping[str, Sequence[str]],
    body: bytes,
    secrets: Mapping[str, str],
    regions: Collection[str],
    services: Collection[str],
    now: Callable[[], dt.datetime] | None = None,
) -> Identity:
    """Check a request's SigV4 signature; raise :class:`AuthFailure` when it is not good.

    *headers* maps lower-case names to every value received; *secrets* maps
    access keys to secret keys; *regions* and *services* are the scopes this
    server answers for (an empty *regions* accepts any region).
    """
    credential, signed_headers, given, amz, secret = check_headers(headers, secrets, now)
    access_key, date, region, service, _ = credential
    lines = []
    for name in sorted(set(signed_headers)):
        got = headers.get(name)
        if got is None:
            raise AuthFailure("SignatureDoesNotMatch", f"signed header {name!r} is not in the request")
        lines.append(f"{name}:{','.join(' '.join(v.strip().split()) for v in got)}\n")
    payload_hash = hashlib.sha256(body).hexdigest()
    declared = (headers.get("x-amz-content-sha256") or [""])[0].strip()
    if declared and declared != "UNSIGNED-PAYLOAD":
        if declared != payload_hash:
            raise AuthFailure("SignatureDoesNotMatch", "x-amz-content-sha256 is not the body's hash")
    if declared == "UNSIGNED-PAYLOAD":
        payload_hash = declared
    canonical_request = "\n".join([
        method.upper(), canonical_uri(raw_path), canonical_query(raw_query),
        "".join(lines), ";".join(sorted(set(signed_headers))), payload_hash,
    ])
    expected = signature(secret, amz, (date, region, service), canonical_request)
    if not hmac.compare_digest(expected, given):
        raise AuthFailure("SignatureDoesNotMatch", "the request signature we calculated does not match "
                          "the signature you provided")
    if regions and region not in regions:
        raise AuthFailure("SignatureDoesNotMatch", f"credential scope region {region!r} is not served here "
                          f"(serving: {', '.join(sorted(regions))})")
    if service not in services:
        raise AuthFailure("SignatureDoesNotMatch", f"credential scope service {service!r} is not "
                          f"{' or '.join(sorted(services)) or 'a service of this server'}")
    return Identity(access_key=access_key, region=region, service=service)
