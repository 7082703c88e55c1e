"""Per-call cost of the generated Python client, against the floor and KSYUN's own SDK.

    python tests/bench/bench_calls.py [--calls 2000] [--repeats 5] [--no-official]

One local HTTP/1.1 server (its own process, keep-alive) answers every request
with the same ``DescribeInstances`` response.  Three clients call it, in turn,
``--repeats`` times each:

* the floor: ``httpx.Client`` plus the SigV4 signature computed inline (the
  least any signed client must do: sign, send, read, ``json.loads``);
* the generated sync client (``generated/python``):
  ``KecClient.describe_instances(instance_id=[...])``, which also validates the
  arguments and parses the answer into pydantic models;
* KSYUN's official Python SDK (``kingsoftcloud-sdk-python``, pinned in
  ``requirements-peers.txt``, run in the peers' environment), GET with
  keep-alive.

It prints the median microseconds per call and the ratios.  Not a test:
figures, never assertions (the suite runs it with a few calls to prove it works).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import hmac
import json
import os
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
AK, SK, REGION = "AKLTbenchbenchbench", "bench-secret-key-not-real", "cn-beijing-6"
VERSION = "2016-03-04"
BODY = json.dumps({
    "RequestId": "bench-0001", "InstanceCount": 1, "Marker": 0,
    "InstancesSet": [{"InstanceId": "i-0001", "InstanceName": "bench", "InstanceType": "N3.2B",
                      "InstanceState": {"Name": "active"}, "ImageId": "img-1", "SubnetId": "s-1",
                      "PrivateIpAddress": "10.0.0.2", "CreationDate": "2026-01-01T00:00:00Z"}],
}).encode()

SERVER = textwrap.dedent(f"""
    import sys
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    BODY = {BODY!r}
    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out at once, not after a delayed ACK
        def _answer(self):
            n = int(self.headers.get("Content-Length") or 0)
            if n:
                self.rfile.read(n)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(BODY)))
            self.end_headers()
            self.wfile.write(BODY)
        do_GET = do_POST = _answer
        def log_message(self, *args):
            pass
    srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
    print(srv.server_address[1], flush=True)
    srv.serve_forever()
""")


def _sign(key: bytes, msg: str) -> bytes:
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def floor_calls(url: str, calls: int) -> float:
    """Seconds for *calls* calls of the floor: SigV4 inline, httpx, json.loads."""
    import httpx

    host = url.split("//", 1)[1]
    with httpx.Client() as client:
        start = time.perf_counter()
        for _ in range(calls):
            now = datetime.datetime.now(datetime.timezone.utc)
            amz, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
            params = {"Action": "DescribeInstances", "Version": VERSION, "InstanceId.1": "i-0001"}
            query = "&".join(f"{quote(k, safe='-_.~')}={quote(v, safe='-_.~')}" for k, v in sorted(params.items()))
            canonical = f"GET\n/\n{query}\nhost:{host}\nx-amz-date:{amz}\n\nhost;x-amz-date\n" \
                        + hashlib.sha256(b"").hexdigest()
            scope = f"{day}/{REGION}/kec/aws4_request"
            to_sign = f"AWS4-HMAC-SHA256\n{amz}\n{scope}\n{hashlib.sha256(canonical.encode()).hexdigest()}"
            k = _sign(_sign(_sign(_sign(f"AWS4{SK}".encode(), day), REGION), "kec"), "aws4_request")
            signature = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
            auth = f"AWS4-HMAC-SHA256 Credential={AK}/{scope}, SignedHeaders=host;x-amz-date, Signature={signature}"
            r = client.get(f"{url}/?{query}", headers={"X-Amz-Date": amz, "Authorization": auth})
            r.raise_for_status()
            json.loads(r.content)
        return time.perf_counter() - start


def generated_calls(url: str, calls: int) -> float:
    """Seconds for *calls* calls of the generated sync client."""
    sys.path.insert(0, str(ROOT / "generated" / "python"))
    from ksyun_sdk.kec.v2016_03_04 import KecClient

    with KecClient(access_key=AK, secret_key=SK, region=REGION, endpoint=url) as client:
        start = time.perf_counter()
        for _ in range(calls):
            resp = client.describe_instances(instance_id=["i-0001"])
            assert resp.instances_set[0].instance_id == "i-0001"
        return time.perf_counter() - start


OFFICIAL = """
import sys, time
from ksyun.common import credential
from ksyun.common.profile.client_profile import ClientProfile
from ksyun.common.profile.http_profile import HttpProfile
from ksyun.client.kec.v20160304 import client as kec, models
host, calls, repeats, ak, sk, region = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), *sys.argv[4:7]
profile = ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=host, reqMethod="GET", keepAlive=True))
c = kec.KecClient(credential.Credential(ak, sk), region, profile)
def run(n):
    start = time.perf_counter()
    for _ in range(n):
        req = models.DescribeInstancesRequest()
        req.from_json_string('{"InstanceId": ["i-0001"]}')
        body = c.DescribeInstances(req)
        assert "i-0001" in body
    return time.perf_counter() - start
run(min(calls, 50))
print(" ".join(str(run(calls)) for _ in range(repeats)))
"""


def official_calls(host: str, calls: int, repeats: int, python: Path) -> list[float]:
    out = subprocess.run([str(python), "-c", OFFICIAL, host, str(calls), str(repeats), AK, SK, REGION],
                         check=True, capture_output=True, text=True, timeout=600)
    return [float(x) for x in out.stdout.split()]


def measure(calls: int, repeats: int, official: bool) -> dict[str, list[float]]:
    """Microseconds per call, per repeat, for each client."""
    server = subprocess.Popen([sys.executable, "-c", SERVER], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        url, host = f"http://127.0.0.1:{port}", f"127.0.0.1:{port}"
        floor_calls(url, min(calls, 50))  # warm: imports, the first connection
        generated_calls(url, min(calls, 50))
        res: dict[str, list[float]] = {"floor": [], "generated": []}
        for _ in range(repeats):  # alternating
            res["floor"].append(floor_calls(url, calls) / calls * 1e6)
            res["generated"].append(generated_calls(url, calls) / calls * 1e6)
        if official:
            from bench_vendor import PEER_ENV, peer_tools

            peer_tools()
            res["official"] = [s / calls * 1e6 for s in
                               official_calls(host, calls, repeats, PEER_ENV / "bin" / "python")]
        return res
    finally:
        server.kill()
        server.wait()


def report(res: dict[str, list[float]]) -> str:
    med = {k: statistics.median(v) for k, v in res.items()}
    lines = ["| client | µs per call (median) |", "|---|---|"]
    lines += [f"| {k} | {v:,.0f} |" for k, v in med.items()]
    lines.append(f"generated / floor = {med['generated'] / med['floor']:.2f}x")
    if "official" in med:
        lines.append(f"official SDK / generated = {med['official'] / med['generated']:.2f}x")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=2000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--no-official", action="store_true", help="skip KSYUN's SDK (no peer environment)")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(HERE))
    res = measure(args.calls, args.repeats, not args.no_official)
    print(f"{args.calls} calls x {args.repeats} repeats; {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(report(res))


if __name__ == "__main__":
    main()
