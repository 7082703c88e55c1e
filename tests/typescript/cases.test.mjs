// The generated TypeScript SDK against a server that verifies every signature with
// @smithy/signature-v4: the shared case list (also run by the Python SDK), every
// documented error class, signatures, configuration and secrets.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { inspect } from "node:util";

import { ACCESS_KEY, REGION, SECRET_KEY, documentedErrors, fromWireParams, loadSdk, readJson, startServer, toWire } from "./helpers.mjs";

const { kec, shapes } = await loadSdk();
const { KecClient, errors, NO_RETRY } = kec;
let server;

before(async () => {
  server = await startServer();
});
after(() => server.stop());

function client(options = {}) {
  return new KecClient({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, region: REGION, endpoint: server.url, retry: NO_RETRY, ...options });
}

function answer(reply) {
  return () => ({ status: reply.status, json: reply.json, body: reply.body, contentType: reply.contentType });
}

// The cases' neutral names where the TypeScript SDK's differ: KSYUN's own text is errorMessage
// (message is the error as printed, the case's "text"); ValidationError is RequestValidationError.
const MEMBERS = { message: "errorMessage", text: "message" };
const NEUTRAL = { ValidationError: "RequestValidationError" };

describe("shared cases", () => {
  for (const c of readJson("KSYUN_TS_CASES").cases) {
    test(c.id, async () => {
      server.reply = answer(c.reply);
      server.received.length = 0;
      const params = fromWireParams(shapes.DescribeImagesRequest, c.params);
      let result;
      let error;
      try {
        result = await client().describeImages(params);
      } catch (e) {
        error = e;
      }
      assert.equal(server.rejected.length, 0, "a signature was refused");
      if (c.wire) {
        assert.equal(server.received.length, 1);
        assert.equal(server.received[0].method, c.wire.method);
        assert.deepEqual(server.received[0].params, c.wire.params);
        assert.equal(server.received[0].headers.accept, "application/json");
      }
      if (c.expect.sent !== undefined) assert.equal(server.received.length, c.expect.sent);
      if (c.expect.ok) {
        assert.equal(error, undefined, String(error));
        assert.deepEqual(toWire(shapes.DescribeImagesResponse, result), c.expect.ok);
        return;
      }
      assert.ok(error, "no error thrown");
      const want = c.expect.error;
      const cls = NEUTRAL[want.class] ?? want.class;
      assert.equal(error.constructor, errors[cls], `${error.constructor.name} is not ${cls}`);
      assert.ok(error instanceof errors.KsyunError);
      for (const [key, value] of Object.entries(want)) {
        if (key === "class") continue;
        assert.deepEqual(error[MEMBERS[key] ?? key] ?? null, value, key);
      }
    });
  }
});

describe("documented errors", () => {
  for (const doc of documentedErrors()) {
    test(`${doc.code} raises ${doc.className}`, async () => {
      server.reply = () => ({ status: doc.httpStatus, json: { RequestId: "req-42", Error: { Type: "Sender", Code: doc.code, Message: doc.message } } });
      const error = await client().describeImages({ imageId: "nope" }).then(() => assert.fail("no error"), (e) => e);
      const cls = errors[doc.className];
      assert.ok(cls, `errors has no class ${doc.className}`);
      assert.equal(error.constructor, cls);
      assert.equal(errors.ERRORS[doc.code], cls);
      assert.equal(cls.codeName, doc.code);
      assert.ok(error instanceof errors.ApiError && error instanceof errors.KsyunError && error instanceof Error);
      assert.deepEqual([error.code, error.errorMessage, error.requestId, error.httpStatus, error.errorType], [doc.code, doc.message, "req-42", doc.httpStatus, "Sender"]);
      assert.equal(error.message, `${doc.code}: ${doc.message} (HTTP ${doc.httpStatus}, request id req-42)`);
    });
  }

  test("throttling codes derive from ThrottlingError", () => {
    assert.ok(new errors.LimitExceeded("x") instanceof errors.ThrottlingError);
    assert.ok(!(new errors.MissingParameter("x") instanceof errors.ThrottlingError));
  });
});

describe("signature", () => {
  test("a signed GET with host, x-amz-date and the scope of the region and service", async () => {
    server.reply = () => ({ status: 200, json: { RequestId: "r" } });
    server.received.length = 0;
    await client().describeImages({ imageType: "system" });
    const [req] = server.received;
    assert.match(req.headers.authorization, new RegExp(`^AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/\\d{8}/${REGION}/kec/aws4_request, SignedHeaders=host;x-amz-date, Signature=[0-9a-f]{64}$`));
    assert.equal(req.body, "");
  });

  test("a form POST signs content-type, host and x-amz-date, as KSYUN's documented requests and botocore do", async () => {
    // the verifier recomputes the signature from whatever list the client declares: check the list itself
    server.reply = () => ({ status: 200, json: { RequestId: "r" } });
    server.received.length = 0;
    await client().runInstances({ imageId: "img-1", instanceType: "N3.2B", maxCount: 1, minCount: 1 });
    const [req] = server.received;
    assert.equal(req.method, "POST");
    assert.equal(req.headers["content-type"], "application/x-www-form-urlencoded");
    assert.match(req.body, /^Action=RunInstances&/);
    const signed = /SignedHeaders=([^,]+),/.exec(req.headers.authorization)?.[1];
    assert.equal(signed, "content-type;host;x-amz-date", `a form POST signs ${signed}`);
  });

  test("a wrong secret is refused by the independent verifier", async () => {
    const before = server.rejected.length;
    const error = await client({ secretKey: "not-the-secret" }).describeImages().catch((e) => e);
    assert.ok(error instanceof errors.SignatureDoesNotMatch);
    assert.equal(error.httpStatus, 403);
    assert.equal(server.rejected.length, before + 1);
  });

  test("a wrong region is refused", async () => {
    const error = await client({ region: "cn-shanghai-2" }).describeImages().catch((e) => e);
    assert.ok(error instanceof errors.SignatureDoesNotMatch);
  });
});

describe("configuration", () => {
  test("credentials and region from the environment", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { KSYUN_ACCESS_KEY: ACCESS_KEY, KSYUN_SECRET_KEY: SECRET_KEY, KSYUN_REGION: REGION, KSYUN_ENDPOINT: server.url });
    try {
      server.reply = () => ({ status: 200, json: { RequestId: "from-env" } });
      const c = new KecClient({ retry: NO_RETRY });
      assert.equal(c.region, REGION);
      assert.equal(c.endpoint, server.url);
      assert.equal((await c.describeImages()).requestId, "from-env");
    } finally {
      for (const k of ["KSYUN_ACCESS_KEY", "KSYUN_SECRET_KEY", "KSYUN_REGION", "KSYUN_ENDPOINT"]) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  });

  test("the default endpoint is the spec's", () => {
    const saved = process.env.KSYUN_ENDPOINT;
    delete process.env.KSYUN_ENDPOINT;
    try {
      assert.equal(new KecClient({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, region: REGION }).endpoint, "https://kec.api.ksyun.com");
    } finally {
      if (saved !== undefined) process.env.KSYUN_ENDPOINT = saved;
    }
  });

  test("missing credentials, region or a bad option is a ConfigurationError", () => {
    const saved = { ...process.env };
    for (const k of ["KSYUN_ACCESS_KEY", "KSYUN_SECRET_KEY", "KSYUN_REGION"]) delete process.env[k];
    try {
      assert.throws(() => new KecClient({ region: REGION }), errors.ConfigurationError);
      assert.throws(() => new KecClient({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY }), errors.ConfigurationError);
      assert.throws(() => new KecClient({ accessKey: ACCESS_KEY, region: REGION }), errors.ConfigurationError);
      assert.throws(() => client({ endpoint: "ftp://x" }), errors.ConfigurationError);
      assert.throws(() => client({ timeoutMs: 0 }), errors.ConfigurationError);
      assert.throws(() => client({ retry: { maxAttempts: 0 } }), errors.ConfigurationError);
    } finally {
      Object.assign(process.env, saved);
    }
  });

  test("an unknown parameter is refused before sending", async () => {
    server.received.length = 0;
    const error = await client().describeImages({ imageIdd: "x" }).catch((e) => e);
    assert.ok(error instanceof errors.RequestValidationError);
    assert.match(error.message, /imageIdd/);
    assert.equal(server.received.length, 0);
  });
});

describe("retry budget", () => {
  test("a plain exponential backoff (no Retry-After) never waits past totalTimeoutMs", async () => {
    // 503 without Retry-After every time, full jitter held at its ceiling: waits of 500, 1000,
    // 2000, 4000 ms under a 1500 ms budget. The first fits; the second would end past the
    // budget, so the call ends after two attempts. (A wait past it is cut short by an abort,
    // so a client that overruns fails here at once instead of sleeping it out.)
    server.reply = () => ({ status: 503, json: { RequestId: "r", Error: { Code: "ServiceUnavailable", Message: "busy" } } });
    server.received.length = 0;
    const budget = 1500;
    const waits = [];
    const controller = new AbortController();
    let started = 0;
    const logger = (line) => {
      const m = / retrying in (\d+) ms$/.exec(line);
      if (!m) return;
      const at = performance.now() - started;
      waits.push({ at, ms: Number(m[1]) });
      if (at + Number(m[1]) >= budget) controller.abort(new Error("a wait past the budget"));
    };
    const random = Math.random;
    Math.random = () => 1;
    let error;
    try {
      const c = client({ logger, retry: { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 10000, totalTimeoutMs: budget } });
      started = performance.now();
      error = await c.describeImages({}, { signal: controller.signal }).catch((e) => e);
    } finally {
      Math.random = random;
    }
    for (const { at, ms } of waits) {
      assert.ok(at + ms < budget, `a backoff of ${ms} ms at ${Math.round(at)} ms ends past the ${budget} ms budget (waits: ${waits.map((w) => w.ms)})`);
    }
    assert.deepEqual(waits.map((w) => w.ms), [500]);
    assert.ok(error instanceof errors.ApiError, String(error));
    assert.equal(error.httpStatus, 503);
    assert.equal(error.attempts, 2);
    assert.equal(server.received.length, 2);
  });
});

describe("secrets", () => {
  test("never in toString, JSON.stringify, util.inspect, errors or log lines", async () => {
    const lines = [];
    const c = client({ logger: (line) => lines.push(line) });
    const seen = [String(c), `${c}`, JSON.stringify(c), inspect(c, { showHidden: true, depth: 5 }), inspect(c)];
    for (const reply of [
      { status: 200, json: { RequestId: "r" } },
      { status: 403, json: { RequestId: "r", Error: { Code: "AccessDenied", Message: "no" } } },
      { status: 502, body: "<html>", contentType: "text/html" },
    ]) {
      server.reply = () => reply;
      try {
        await c.describeImages();
      } catch (e) {
        seen.push(String(e), inspect(e, { showHidden: true, depth: 5 }), JSON.stringify(e), e.stack);
      }
    }
    const bad = client({ secretKey: `wrong-${SECRET_KEY}` });
    const e = await bad.describeImages().catch((x) => x);
    seen.push(String(bad), inspect(bad), JSON.stringify(bad), String(e), inspect(e, { showHidden: true, depth: 5 }));
    assert.ok(lines.length >= 3, "the logger got no lines");
    seen.push(...lines);
    for (const text of seen) {
      assert.ok(!text.includes(SECRET_KEY), `secret in: ${text.slice(0, 200)}`);
      assert.ok(!text.includes(ACCESS_KEY), `full access key in: ${text.slice(0, 200)}`);
    }
    assert.match(String(c), /AKLT…6789/);
  });
});
