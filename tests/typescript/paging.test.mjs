// paginate<Action> helpers of the generated TypeScript SDK, on the paged actions of the
// fixture spec (tests/fixtures/mock/paging.yaml), against a signature-verifying server
// that pages like KSYUN: Marker offsets with a total, and NextToken.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { ACCESS_KEY, REGION, SECRET_KEY, loadSdk, startServer } from "./helpers.mjs";

const { kec } = await loadSdk();
const { KecClient, errors, NO_RETRY } = kec;
const ALL = Array.from({ length: 23 }, (_, i) => `i-${i + 1}`);
let server;

before(async () => {
  server = await startServer((req) => {
    if (req.params.Action === "DescribeInstances") {
      const marker = Number(req.params.Marker ?? 0);
      const size = Number(req.params.MaxResults ?? 10);
      const page = ALL.slice(marker, marker + size).map((id) => ({ InstanceId: id }));
      return { status: 200, json: { RequestId: `r-${marker}`, InstanceCount: ALL.length, Marker: marker, InstancesSet: page } };
    }
    const start = Number(req.params.NextToken ?? "0");
    const next = start + 10 < ALL.length ? String(start + 10) : "";
    return { status: 200, json: { RequestId: "r", NextToken: next, ThingSet: ALL.slice(start, start + 10) } };
  });
});
after(() => server.stop());

const client = () => new KecClient({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, region: REGION, endpoint: server.url, retry: NO_RETRY });

test("marker style: every item once, in order, Marker advancing by the page size", async () => {
  server.received.length = 0;
  const ids = [];
  for await (const item of client().paginateDescribeInstances({ maxResults: 10 })) ids.push(item.instanceId);
  assert.deepEqual(ids, ALL);
  assert.deepEqual(server.received.map((r) => [r.params.Marker, r.params.MaxResults]), [["0", "10"], ["10", "10"], ["20", "10"]]);
  assert.equal(server.rejected.length, 0);
});

test("marker style: starts at the caller's Marker and stops at the total", async () => {
  server.received.length = 0;
  const ids = [];
  for await (const item of client().paginateDescribeInstances({ marker: 15, maxResults: 4 })) ids.push(item.instanceId);
  assert.deepEqual(ids, ALL.slice(15));
  assert.equal(server.received.length, 2);
});

test("token style: follows NextToken until it is empty", async () => {
  server.received.length = 0;
  const things = [];
  for await (const thing of client().paginateListThings()) things.push(thing);
  assert.deepEqual(things, ALL);
  assert.deepEqual(server.received.map((r) => r.params.NextToken), [undefined, "10", "20"]);
});

test("breaking out of the loop fetches no further page", async () => {
  server.received.length = 0;
  for await (const item of client().paginateDescribeInstances({ maxResults: 5 })) {
    if (item.instanceId === "i-2") break;
  }
  assert.equal(server.received.length, 1);
});

test("an error on a page is thrown from the loop", async () => {
  const saved = server.reply;
  server.reply = () => ({ status: 403, json: { RequestId: "r", Error: { Code: "AccessDenied", Message: "no" } } });
  try {
    const iterator = client().paginateDescribeInstances();
    await assert.rejects(() => iterator.next(), errors.AccessDenied);
  } finally {
    server.reply = saved;
  }
});
