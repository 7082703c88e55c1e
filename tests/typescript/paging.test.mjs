// paginate<Action> of the generated TypeScript SDK (the committed package), like the Python
// SDK's paging tests (tests/test_sdk_features.py):
//
// * against the project's mock of spec/ (`ksyun-codegen mock --page-items 1000`, started
//   here), which serves every paged action page by page from one fixed list: KEC
//   DescribeInstances by Marker (offsets with the InstanceCount total), VPC DescribeVpcs and
//   DescribeSubnets by NextToken. One call with maxResults 1000 gives the whole list; every
//   walk must give each item exactly once, in that order, and `pages()` must agree with the
//   items iterator.
// * against a scripted, signature-verifying server only for the shared paging cases
//   (tests/cases/paging.json, also run by the Python SDK): pages the mock never sends (a page
//   shorter than maxResults before the total, no total, a token that comes back).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { ACCESS_KEY, REGION, SECRET_KEY, fromWireParams, loadSdk, readJson, startMock, startServer } from "./helpers.mjs";

const sdk = await loadSdk();
const { kec, vpc } = sdk;
const ITEMS = 1000;

/** A fetch that counts what it sends and adds `Prefer: <value>` to the request numbered `at` (1-based). */
function counting({ at, prefer } = {}) {
  const wrapped = (url, init) => {
    wrapped.sent += 1;
    const headers = { ...(init?.headers ?? {}) };
    if (wrapped.sent === at) headers.Prefer = prefer;
    return fetch(url, { ...init, headers });
  };
  wrapped.sent = 0;
  return wrapped;
}

async function collect(iterable) {
  const out = [];
  for await (const x of iterable) out.push(x);
  return out;
}

describe("against the mock", () => {
  let mock;
  let instances;
  let vpcs;
  let subnets;
  const options = (extra = {}) => ({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, region: REGION, endpoint: mock.url, retry: kec.NO_RETRY, ...extra });
  const kecClient = (extra) => new kec.KecClient(options(extra));
  const vpcClient = (extra) => new vpc.VpcClient(options(extra));

  before(async () => {
    mock = await startMock(["--page-items", String(ITEMS)]);
    // the whole list in one page each: what every walk must reproduce
    const all = await kecClient().describeInstances({ maxResults: ITEMS });
    assert.equal(all.instanceCount, ITEMS);
    instances = all.instancesSet;
    vpcs = (await vpcClient().describeVpcs({ maxResults: ITEMS })).vpcSet;
    subnets = (await vpcClient().describeSubnets({ maxResults: ITEMS })).subnetSet;
    for (const [list, id] of [[instances, "instanceId"], [vpcs, "vpcId"], [subnets, "subnetId"]]) {
      assert.equal(list.length, ITEMS);
      assert.equal(new Set(list.map((x) => x[id])).size, ITEMS, `${id}s are not distinct`);
    }
  });
  after(() => mock?.stop());

  for (const size of [37, 250, 999, 1000]) {
    test(`marker style, maxResults ${size}: every instance once, in order; pages() agrees`, async () => {
      const fetcher = counting();
      const paginator = kecClient({ fetch: fetcher }).paginateDescribeInstances({ maxResults: size });
      const items = await collect(paginator);
      const requests = fetcher.sent;
      assert.equal(requests, Math.ceil(ITEMS / size), "one request per page, none after the total");
      assert.deepEqual(items, instances);
      const pages = await collect(paginator.pages());
      assert.equal(fetcher.sent, 2 * requests);
      assert.deepEqual(pages.flatMap((p) => p.instancesSet), items);
      assert.deepEqual(pages.map((p) => p.marker), pages.map((_, i) => i * size));
      assert.ok(pages.every((p) => p.instanceCount === ITEMS));
      assert.deepEqual(pages.map((p) => p.instancesSet.length), pages.map((_, i) => Math.min(size, ITEMS - i * size)));
    });
  }

  test("marker style: starts at the caller's marker and stops at the total", async () => {
    const fetcher = counting();
    const items = await collect(kecClient({ fetch: fetcher }).paginateDescribeInstances({ marker: 990, maxResults: 6 }));
    assert.deepEqual(items, instances.slice(990));
    assert.equal(fetcher.sent, 2);
  });

  test("marker style: a filter narrows the walk and its total", async () => {
    const wanted = [instances[3].instanceId, instances[500].instanceId, instances[998].instanceId];
    const paginator = kecClient().paginateDescribeInstances({ maxResults: 5, filter: [{ name: "instance-id", value: wanted }] });
    assert.deepEqual((await collect(paginator)).map((i) => i.instanceId), wanted);
    assert.deepEqual((await collect(paginator.pages())).map((p) => p.instanceCount), [3]);
  });

  for (const [size, action, list, items] of [
    [100, "DescribeVpcs", "vpcSet", () => vpcs],
    [7, "DescribeVpcs", "vpcSet", () => vpcs],
    [250, "DescribeSubnets", "subnetSet", () => subnets],
  ]) {
    test(`token style, ${action} maxResults ${size}: every item once, in order; pages() agrees`, async () => {
      const fetcher = counting();
      const paginator = vpcClient({ fetch: fetcher })[`paginate${action}`]({ maxResults: size });
      const got = await collect(paginator);
      assert.equal(fetcher.sent, Math.ceil(ITEMS / size));
      assert.deepEqual(got, items());
      const pages = await collect(paginator.pages());
      assert.deepEqual(pages.flatMap((p) => p[list]), got);
      const tokens = pages.map((p) => p.nextToken);
      assert.deepEqual(tokens.slice(0, -1), tokens.slice(0, -1).map((_, i) => `page-${(i + 1) * size}`));
      assert.equal(tokens.at(-1), undefined);
    });
  }

  test("token style: the mock refuses a malformed token from the caller", async () => {
    const iterator = vpcClient().paginateDescribeVpcs({ nextToken: "not-a-token" })[Symbol.asyncIterator]();
    await assert.rejects(() => iterator.next(), vpc.errors.InvalidParameterValue);
  });

  test("each for await walks afresh", async () => {
    const paginator = vpcClient().paginateDescribeVpcs({ maxResults: 400 });
    assert.deepEqual(await collect(paginator), await collect(paginator));
  });

  test("breaking out of the loop fetches no further page", async () => {
    const fetcher = counting();
    for await (const item of kecClient({ fetch: fetcher }).paginateDescribeInstances({ maxResults: 5 })) {
      if (item.instanceId === instances[1].instanceId) break;
    }
    assert.equal(fetcher.sent, 1);
  });

  test("an error on a later page is thrown from the loop after the earlier items", async () => {
    for (const how of ["items", "pages"]) {
      const fetcher = counting({ at: 2, prefer: "error=AccessDenied" });
      const paginator = kecClient({ fetch: fetcher }).paginateDescribeInstances({ maxResults: 10 });
      const got = [];
      const error = await (async () => {
        if (how === "items") for await (const item of paginator) got.push(item);
        else for await (const page of paginator.pages()) got.push(...page.instancesSet);
      })().catch((e) => e);
      assert.ok(error instanceof kec.errors.AccessDenied, `${how}: ${error}`);
      assert.deepEqual(got, instances.slice(0, 10), how);
      assert.equal(fetcher.sent, 2, how);
    }
  });
});

// Scripted pages, kept because the mock cannot send them (see tests/cases/paging.json).
describe("shared paging cases", () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(() => server?.stop());

  for (const c of readJson("KSYUN_TS_PAGING_CASES").cases) {
    test(c.id, async () => {
      const mod = sdk[c.service];
      const Client = Object.values(mod).find((v) => typeof v === "function" && v.name.endsWith("Client"));
      const client = new Client({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, region: REGION, endpoint: server.url, retry: mod.NO_RETRY });
      const shapes = c.service === "kec" ? sdk.shapes : sdk.vpcShapes;
      const params = fromWireParams(shapes[`${c.action}Request`], c.params);
      const list = shapes[`${c.action}Response`].fields.find((f) => f.wire === c.itemsField);
      const listField = list.name;
      const idField = list.type.list.shape().fields.find((f) => f.wire === c.idField).name;
      server.service = c.service;
      server.reply = (req) => {
        const answer = c.replies[req.params[c.position] ?? ""];
        // a position the case does not expect, or a walk that loops, gets an error
        if (!answer || server.received.length > c.expect.sent.length + 2) return { status: 400, json: { RequestId: "r", Error: { Code: "InvalidParameterValue", Message: `no page at ${req.url}` } } };
        return { status: answer.status ?? 200, json: answer.json };
      };
      for (const how of ["items", "pages"]) {
        server.received.length = 0;
        const paginator = client[`paginate${c.action}`](params);
        const got = [];
        let error;
        try {
          if (how === "items") for await (const item of paginator) got.push(item[idField]);
          else for await (const page of paginator.pages()) got.push(...(page[listField] ?? []).map((item) => item[idField]));
        } catch (e) {
          error = e;
        }
        assert.equal(server.rejected.length, 0, "a signature was refused");
        assert.deepEqual(server.received.map((r) => r.params[c.position] ?? null), c.expect.sent, how);
        assert.ok(server.received.every((r) => r.params.MaxResults === String(c.params.MaxResults)), how);
        assert.deepEqual(got, c.expect.items, how);
        if (c.expect.error) assert.equal(error?.constructor, mod.errors[c.expect.error], `${how}: ${error}`);
        else assert.equal(error, undefined, `${how}: ${error}`);
      }
    });
  }
});
