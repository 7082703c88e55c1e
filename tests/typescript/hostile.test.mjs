// The generated TypeScript SDK against hostile servers on 127.0.0.1, holding what the Python
// SDK holds (tests/test_hostile_server.py): a body past maxResponseBytes (a Content-Length
// above it, a chunked body growing past it in 64 KiB pieces, a gzip bomb) is refused while
// it streams, never read whole; a server trickling its body cannot hold a call past its total
// deadline; a Retry-After of a day, `inf` or a far date ends the call at once, even with the
// total timeout turned off; a body that is not UTF-8 is a ResponseError.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, describe, test } from "node:test";
import { gzipSync } from "node:zlib";

import { ACCESS_KEY, REGION, SECRET_KEY, loadSdk } from "./helpers.mjs";

const { kec } = await loadSdk();
const { KecClient, errors, NO_RETRY } = kec;
const runtime = (name) => import(pathToFileURL(join(process.env.KSYUN_TS_SDK, "dist", "runtime", name)).href);
const { DEFAULT_MAX_RESPONSE_BYTES } = await runtime("client.js");
const { Attempts, MAX_RETRY_AFTER_MS, retryAfterMs } = await runtime("retry.js");

const MiB = 1024 * 1024;
const OK_BODY = JSON.stringify({ RequestId: "req-ok", ImagesSet: [] });
const servers = [];
after(() => Promise.all(servers.map((s) => s.stop())));

/**
 * A server answering every request with `behaviour(res, state)`; `state.requests` counts the
 * requests, `state.written` the body bytes the behaviour wrote (the socket may hold more).
 */
async function serve(behaviour) {
  const state = { requests: 0, written: 0 };
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      state.requests += 1;
      behaviour(res, state);
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  server.stop = () => {
    server.closeAllConnections();
    return new Promise((r) => server.close(r));
  };
  servers.push(server);
  return { url: `http://127.0.0.1:${server.address().port}`, state };
}

/** Write `piece` up to `times` times, waiting for drain; stops when the client goes away. */
function pour(res, state, piece, times) {
  let n = 0;
  const more = () => {
    while (n < times && !res.destroyed) {
      n += 1;
      state.written += piece.length;
      if (!res.write(piece)) {
        res.once("drain", more);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  res.on("close", () => (n = times));
  more();
}

function client(url, options = {}) {
  return new KecClient({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, region: REGION, endpoint: url, retry: NO_RETRY, ...options });
}

async function timed(promise) {
  const started = performance.now();
  const outcome = await promise.then(
    (ok) => ({ ok }),
    (error) => ({ error }),
  );
  return { ...outcome, ms: performance.now() - started };
}

const READS = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

describe("maxResponseBytes", () => {
  test("the default is 64 MiB, as in the Python SDK", () => {
    assert.equal(DEFAULT_MAX_RESPONSE_BYTES, 64 * MiB);
    assert.equal(client("http://127.0.0.1:1").maxResponseBytes, 64 * MiB);
    for (const bad of [0, -1, 1.5, Number.NaN, Infinity]) {
      assert.throws(() => client("http://127.0.0.1:1", { maxResponseBytes: bad }), errors.ConfigurationError);
    }
  });

  test("a Content-Length above the default cap is refused before reading, and not retried", async () => {
    // declares 64 MiB + 1, sends ten bytes and holds the connection: reading would hang
    const { url, state } = await serve((res) => {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(64 * MiB + 1), "x-ksc-request-id": "req-big" });
      res.write("{\"Request");
    });
    const { error, ms } = await timed(client(url, { retry: READS, timeoutMs: 10000 }).describeImages());
    assert.equal(error?.constructor, errors.ResponseError, String(error));
    assert.match(error.message, /larger than maxResponseBytes \(67108864 bytes\)/);
    assert.equal(error.httpStatus, 200);
    assert.equal(error.requestId, "req-big");
    assert.equal(error.attempts, 1);
    assert.equal(state.requests, 1, "a body past the cap was asked for again");
    assert.ok(ms < 2000, `took ${ms} ms`);
  });

  test("a chunked body with no Content-Length growing past the cap in 64 KiB pieces is cut off", async () => {
    const piece = Buffer.alloc(64 * 1024, 0x20);
    const { url, state } = await serve((res, st) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      pour(res, st, piece, 64 * 16); // 64 MiB if read to the end
    });
    const { error, ms } = await timed(client(url, { maxResponseBytes: MiB, retry: READS }).describeImages());
    assert.equal(error?.constructor, errors.ResponseError, String(error));
    assert.match(error.message, /larger than maxResponseBytes \(1048576 bytes\)/);
    assert.equal(state.requests, 1);
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(state.written < 32 * MiB, `the server wrote ${state.written} bytes: the body was read on`);
    assert.ok(ms < 2000, `took ${ms} ms`);
  });

  test("the running total counts, not the piece: the default cap holds a chunked body", async () => {
    const piece = Buffer.alloc(64 * 1024, 0x20);
    const { url } = await serve((res, st) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      pour(res, st, piece, 64 * 16 + 1); // 64 MiB + 64 KiB
    });
    const { error } = await timed(client(url).describeImages());
    assert.equal(error?.constructor, errors.ResponseError, String(error));
    assert.match(error.message, /larger than maxResponseBytes/);
  });

  test("a body of exactly the cap is read; one byte more is refused", async () => {
    const { url } = await serve((res, st) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      pour(res, st, Buffer.from(OK_BODY), 1); // chunked: no Content-Length
    });
    const size = Buffer.byteLength(OK_BODY);
    const resp = await client(url, { maxResponseBytes: size }).describeImages();
    assert.equal(resp.requestId, "req-ok");
    const { error } = await timed(client(url, { maxResponseBytes: size - 1 }).describeImages());
    assert.equal(error?.constructor, errors.ResponseError, String(error));
  });

  test("a gzip bomb is counted as it is decoded and never taken past the cap", async () => {
    // 64 gzip members of 16 MiB of zeros each: ~1 MiB on the wire, 1 GiB decoded
    const member = gzipSync(Buffer.alloc(16 * MiB), { level: 9 });
    const { url, state } = await serve((res, st) => {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "gzip" });
      pour(res, st, member, 64);
    });
    const rss = process.memoryUsage().rss;
    const { error, ms } = await timed(client(url, { maxResponseBytes: 4 * MiB, retry: READS }).describeImages());
    const grown = process.memoryUsage().rss - rss;
    assert.equal(error?.constructor, errors.ResponseError, String(error));
    assert.match(error.message, /larger than maxResponseBytes \(4194304 bytes\)/);
    assert.equal(state.requests, 1);
    assert.ok(grown < 256 * MiB, `memory grew by ${Math.round(grown / MiB)} MiB`);
    assert.ok(ms < 3000, `took ${ms} ms`);
  });

  test("a gzip body within the cap is decoded and read", async () => {
    const { url } = await serve((res) => {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "gzip" });
      res.end(gzipSync(Buffer.from(OK_BODY)));
    });
    assert.equal((await client(url, { maxResponseBytes: 1024 }).describeImages()).requestId, "req-ok");
  });
});

describe("the total deadline", () => {
  test("a server trickling its body cannot hold a call past totalTimeoutMs", async () => {
    // headers at once, then a byte every 50 ms for ever; each attempt's own timeout is long
    const { url } = await serve((res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      const timer = setInterval(() => res.write(" "), 50);
      res.on("close", () => clearInterval(timer));
    });
    const { error, ms } = await timed(
      client(url, { timeoutMs: 30000, retry: { ...READS, totalTimeoutMs: 600 } }).describeImages(),
    );
    assert.ok(error instanceof errors.RequestTimeoutError, String(error));
    assert.ok(ms >= 550 && ms < 2000, `took ${ms} ms`);
  });

  for (const [what, header] of [
    ["a day", "86400"],
    ["inf", "inf"],
    ["a number past a double", "9".repeat(400)],
    ["a date in the year 9999", "Fri, 31 Dec 9999 23:59:59 GMT"],
  ]) {
    for (const totalTimeoutMs of [null, 60000]) {
      test(`Retry-After of ${what} ends the call at once (totalTimeoutMs ${totalTimeoutMs})`, async () => {
        const { url, state } = await serve((res) => {
          res.writeHead(429, { "Content-Type": "application/json", "Retry-After": header });
          res.end(JSON.stringify({ RequestId: "req-429", Error: { Type: "Sender", Code: "Throttling", Message: "slow down" } }));
        });
        const { error, ms } = await timed(client(url, { retry: { ...READS, totalTimeoutMs } }).describeImages());
        // retried on its code and status but for the wait (maxAttempts 3)
        assert.ok(error instanceof errors.ApiError, String(error));
        assert.deepEqual([error.code, error.httpStatus, error.attempts], ["Throttling", 429, 1]);
        assert.equal(state.requests, 1, "waited for the Retry-After and asked again");
        assert.ok(ms < 1000, `took ${ms} ms`);
      });
    }
  }

  test("Retry-After up to MAX_RETRY_AFTER_MS (300 s, as in the Python SDK) is honoured; past it the call ends", () => {
    assert.equal(MAX_RETRY_AFTER_MS, 300000);
    const attempts = new Attempts({ maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 1, totalTimeoutMs: null }, true, 1000);
    attempts.begin();
    assert.equal(attempts.nextDelay(true, true, 300000), 300000);
    assert.equal(attempts.nextDelay(true, true, 300001), undefined);
    assert.equal(attempts.nextDelay(true, true, Infinity), undefined);
    assert.equal(retryAfterMs("inf"), Infinity);
    assert.equal(retryAfterMs("Infinity"), Infinity);
    assert.equal(retryAfterMs("2"), 2000);
    assert.equal(retryAfterMs("soon"), undefined);
  });
});

describe("bodies that are not UTF-8", () => {
  const bodies = {
    "a stray 0xFF byte": Buffer.concat([Buffer.from('{"RequestId": "req-'), Buffer.from([0xff]), Buffer.from('", "ImagesSet": []}')]),
    "an overlong encoding": Buffer.concat([Buffer.from('{"RequestId": "'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]),
    "an encoded surrogate": Buffer.concat([Buffer.from('{"RequestId": "'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]),
    "Latin-1 text": Buffer.from('{"RequestId": "caf\xe9"}', "latin1"),
    "a cut multi-byte character": Buffer.concat([Buffer.from('{"RequestId": "'), Buffer.from("镜", "utf-8").subarray(0, 2)]),
  };
  for (const [what, body] of Object.entries(bodies)) {
    test(`${what} is a ResponseError, not replacement characters`, async () => {
      const { url } = await serve((res) => {
        res.writeHead(200, { "Content-Type": "application/json", "x-ksc-request-id": "req-bad" });
        res.end(body);
      });
      const { ok, error } = await timed(client(url).describeImages());
      assert.equal(ok, undefined, `accepted: ${JSON.stringify(ok)}`);
      assert.equal(error?.constructor, errors.ResponseError, String(error));
      assert.match(error.message, /not valid UTF-8/);
      assert.equal(error.malformed, true);
      assert.equal(error.requestId, "req-bad");
    });
  }

  test("an error envelope that is not UTF-8 is a ResponseError, not an ApiError", async () => {
    const { url } = await serve((res) => {
      res.writeHead(400, { "Content-Type": "application/json" });
      res.end(Buffer.concat([Buffer.from('{"RequestId": "r", "Error": {"Code": "InvalidParameter", "Message": "bad '), Buffer.from([0xfe]), Buffer.from('"}}')]));
    });
    const { error } = await timed(client(url).describeImages());
    assert.equal(error?.constructor, errors.ResponseError, String(error));
    assert.equal(error.httpStatus, 400);
    assert.match(error.message, /HTTP 400 with a body that is not valid UTF-8/);
  });

  test("UTF-8 text (with or without a byte order mark) is read", async () => {
    const message = "镜像 ID 无效 ✓ 𝄞";
    for (const bom of [Buffer.alloc(0), Buffer.from([0xef, 0xbb, 0xbf])]) {
      const { url } = await serve((res) => {
        res.writeHead(400, { "Content-Type": "application/json" });
        res.end(Buffer.concat([bom, Buffer.from(JSON.stringify({ RequestId: "r", Error: { Code: "InvalidParameter", Message: message } }))]));
      });
      const { error } = await timed(client(url).describeImages());
      assert.ok(error instanceof errors.ApiError, String(error));
      assert.equal(error.errorMessage, message);
    }
  });
});
