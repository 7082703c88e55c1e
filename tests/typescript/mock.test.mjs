// The generated TypeScript SDK against the project's mock (`ksyun-codegen mock`, started
// here on the fixture spec that adds the write action RunInstances): happy path, the
// documented errors, retries on faults with no write sent twice, timeouts, aborts.
// Faults and errors are asked for per request with the mock's `Prefer` header, added by
// a wrapping fetch; the mock's own request log counts what reached it.
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, describe, test } from "node:test";

import { ACCESS_KEY, REGION, SECRET_KEY, loadSdk, preferring, startMock } from "./helpers.mjs";

const { kec } = await loadSdk();
const { KecClient, errors, NO_RETRY } = kec;
let mock;

before(async () => {
  mock = await startMock(["--slow-seconds", "1.5", "--retry-after", "1"]);
});
after(() => mock.stop());

const FAST = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5 };

function client(options = {}) {
  return new KecClient({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, region: REGION, endpoint: mock.url, retry: FAST, ...options });
}

const RUN = {
  imageId: "img-1",
  instanceType: "N3.2B",
  maxCount: 1,
  minCount: 1,
  systemDisk: { diskType: "SSD3.0", diskSize: 20 },
  dataDisk: [{ type: "SSD3.0", size: 50, deleteWithInstance: true }, { type: "EHDD", size: 100 }],
  securityGroupId: ["sg-1", "sg-2"],
};

let tokens = 0;
const run = (c, extra = {}) => c.runInstances({ ...RUN, clientToken: `tok-${++tokens}`, ...extra });
// requests the mock logged; tests in a file run one after the other, so differences count one test's
const logged = () => mock.requests().length;
/** Wait until the mock's log has been quiet for 200 ms (its lines come through a pipe, after the answers). */
async function settled() {
  let count = -1;
  while (count !== logged()) {
    count = logged();
    await new Promise((r) => setTimeout(r, 200));
  }
  return count;
}
async function until(condition, ms = 3000) {
  const end = performance.now() + ms;
  while (!condition() && performance.now() < end) await new Promise((r) => setTimeout(r, 20));
}

describe("happy path", () => {
  test("DescribeImages returns the spec's example data, typed and camelCase", async () => {
    const resp = await client().describeImages({ imageType: "system" });
    assert.match(resp.requestId, /./);
    const image = resp.imagesSet[0];
    assert.equal(image.imageId, "31c78c89-98bd-4d5b-8ddf-7eff4622cc");
    assert.equal(image.name, "ksyun_centos65_performance");
    assert.equal(typeof image.sysDisk, "number");
  });

  test("a write with objects, lists of objects and lists is accepted as KSYUN flattens it", async () => {
    // the mock refuses unknown names and lists numbered from 0: acceptance proves the wire form
    const resp = await run(client());
    assert.match(resp.requestId, /./);
    assert.ok(Array.isArray(resp.instancesSet));
  });

  test("an enum value outside the spec is refused before sending", async () => {
    const before = await settled();
    const error = await run(client(), { systemDisk: { diskType: "Floppy" } }).catch((e) => e);
    assert.ok(error instanceof errors.RequestValidationError, String(error));
    assert.equal(await settled(), before);
  });

  test("DryRun gets DryRunOperation", async () => {
    const error = await run(client(), { dryRun: true }).catch((e) => e);
    assert.ok(error instanceof errors.DryRunOperation);
    assert.equal(error.httpStatus, 412);
  });
});

describe("documented errors from the mock", () => {
  test("a value that names nothing gets the not-found error", async () => {
    const error = await client().describeImages({ imageId: "nope" }).catch((e) => e);
    assert.ok(error instanceof errors.ImageIdInvalidParameterValue);
    assert.equal(error.httpStatus, 400);
    assert.match(error.requestId, /./);
  });

  for (const code of ["InternalError", "ImageIdInvalidParameterValue", "AccessDenied", "MissingParameter", "NoSuchEntity", "ServiceTimeout"]) {
    test(`Prefer: error=${code} raises errors.${code}`, async () => {
      const error = await client({ retry: NO_RETRY, fetch: preferring(`error=${code}`) }).describeImages().catch((e) => e);
      assert.equal(error.constructor, errors[code]);
      assert.equal(error.code, code);
      assert.equal(error.httpStatus, errors[code].documentedStatus);
    });
  }
});

describe("retries", () => {
  for (const fault of ["503", "429", "limit-exceeded", "reset", "truncated", "html", "empty"]) {
    test(`a read recovers from ${fault}`, async () => {
      const lines = [];
      const fetcher = preferring(`fault=${fault}`, 2);
      const before = await settled();
      const resp = await client({ fetch: fetcher, logger: (l) => lines.push(l) }).describeImages();
      assert.match(resp.requestId, /./);
      assert.equal(fetcher.sent.length, 3);
      assert.equal(lines.length, 3);
      assert.match(lines[0], /attempt 1\/\d -> .* retrying in/);
      // the mock logs each request it answered (its log reaches us through a pipe: wait for it)
      assert.equal((await settled()) - before, 3);
    });

    test(`a write is not sent twice after ${fault}`, async () => {
      const before = await settled();
      const fetcher = preferring(`fault=${fault}`, 1);
      const error = await run(client({ fetch: fetcher })).catch((e) => e);
      assert.ok(error instanceof errors.KsyunError, String(error));
      assert.equal(fetcher.sent.length, 1);
      assert.equal(error.attempts, 1);
      await until(() => logged() > before);
      assert.equal(await settled(), before + 1, `the mock saw the write more than once: ${mock.lines.slice(-4).join(" / ")}`);
    });
  }

  test("Retry-After is honoured", async () => {
    const lines = [];
    const started = performance.now();
    await client({ fetch: preferring("fault=429", 1), logger: (l) => lines.push(l) }).describeImages();
    assert.ok(performance.now() - started >= 1000, "the retry came before Retry-After: 1");
    assert.match(lines[0], /retrying in 1\d{3} ms/);
  });

  test("the throttling error is raised once the attempts are used up", async () => {
    const fetcher = preferring("fault=limit-exceeded");
    const error = await client({ fetch: fetcher, retry: { ...FAST, maxAttempts: 3 } }).describeImages().catch((e) => e);
    assert.ok(error instanceof errors.LimitExceeded && error instanceof errors.ThrottlingError);
    assert.equal(error.attempts, 3);
    assert.equal(fetcher.sent.length, 3);
  });

  test("a wait that would pass the total timeout ends the call", async () => {
    const fetcher = preferring("fault=429");
    const error = await client({ fetch: fetcher, retry: { ...FAST, totalTimeoutMs: 500 } }).describeImages().catch((e) => e);
    assert.equal(error.httpStatus, 429);
    assert.equal(fetcher.sent.length, 1, "waited past the budget for Retry-After: 1");
  });
});

describe("timeouts and aborts", () => {
  test("a slow read times out, then succeeds on the next attempt", async () => {
    const fetcher = preferring("fault=slow", 1);
    const resp = await client({ fetch: fetcher, timeoutMs: 300 }).describeImages();
    assert.match(resp.requestId, /./);
    assert.equal(fetcher.sent.length, 2);
  });

  test("a slow write is a RequestTimeoutError, sent once", async () => {
    const fetcher = preferring("fault=slow", 1);
    const error = await run(client({ fetch: fetcher, timeoutMs: 300 })).catch((e) => e);
    assert.ok(error instanceof errors.RequestTimeoutError && error instanceof errors.TransportError, String(error));
    assert.equal(fetcher.sent.length, 1);
  });

  test("an AbortSignal ends the call at once and is not retried", async () => {
    const fetcher = preferring("fault=slow");
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user gave up")), 100);
    const started = performance.now();
    const error = await client({ fetch: fetcher }).describeImages({}, { signal: controller.signal }).catch((e) => e);
    assert.ok(error instanceof errors.RequestAbortedError, String(error));
    assert.equal(error.cause.message, "user gave up");
    assert.ok(performance.now() - started < 1000);
    assert.equal(fetcher.sent.length, 1);
  });

  test("a refused connection is a TransportError; a write is retried only because it was never sent", async () => {
    const probe = createServer();
    await new Promise((r) => probe.listen(0, "127.0.0.1", r));
    const closed = `http://127.0.0.1:${probe.address().port}`;
    await new Promise((r) => probe.close(r));
    const lines = [];
    const error = await run(client({ endpoint: closed, logger: (l) => lines.push(l), retry: { ...FAST, maxAttempts: 2 } })).catch((e) => e);
    assert.equal(error.constructor, errors.TransportError);
    assert.match(error.message, /ECONNREFUSED/);
    assert.equal(lines.length, 2);
  });
});
