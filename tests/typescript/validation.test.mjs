// The checks the TypeScript SDK makes before sending, from the shared, language-neutral case
// list tests/cases/validation.json (also run by the Python SDK), against the committed
// package's KEC client with a transport that records what reaches it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { ACCESS_KEY, REGION, SECRET_KEY, loadSdk, readJson } from "./helpers.mjs";

const { kec, shapes } = await loadSdk();
const { KecClient, errors, NO_RETRY } = kec;
const NEUTRAL = { ValidationError: "RequestValidationError" };

/** The field of *spec* with this wire name, or undefined. */
const byWire = (spec, wire) => spec?.fields.find((f) => f.wire === wire);

/** The shape a TypeSpec holds (through lists), or undefined. */
function shapeOf(type) {
  if (typeof type !== "object") return undefined;
  if ("shape" in type) return type.shape();
  if ("list" in type) return shapeOf(type.list);
  return undefined;
}

/** A value written with wire names, in the SDK's camelCase; an unknown key is camelCased as it is. */
function camelParams(spec, value) {
  if (Array.isArray(value)) return value.map((v) => camelParams(spec, v));
  if (value === null || typeof value !== "object") return value;
  const out = {};
  for (const [key, item] of Object.entries(value)) {
    const field = byWire(spec, key);
    out[field ? field.name : key[0].toLowerCase() + key.slice(1)] = camelParams(field ? shapeOf(field.type) : undefined, item);
  }
  return out;
}

/** The camelCase name of a wire name, from any shape of the service. */
function camelName(wire) {
  for (const spec of Object.values(shapes)) {
    const field = byWire(spec, wire);
    if (field) return field.name;
  }
  throw new Error(`no member ${wire}`);
}

function recorder() {
  const sent = [];
  const fetch = async (url, init) => {
    const body = init?.body;
    const text = init?.method === "POST" ? (typeof body === "string" ? body : new TextDecoder().decode(body)) : new URL(url).search.slice(1);
    sent.push(Object.fromEntries(new URLSearchParams(text)));
    return new Response(JSON.stringify({ RequestId: "r" }), { status: 200, headers: { "content-type": "application/json" } });
  };
  return { sent, fetch };
}

describe("shared validation cases", () => {
  for (const c of readJson("KSYUN_TS_VALIDATION_CASES").cases) {
    test(c.id, async () => {
      const { sent, fetch } = recorder();
      const client = new KecClient({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, region: REGION, endpoint: "https://kec.example", retry: NO_RETRY, fetch });
      const method = c.action[0].toLowerCase() + c.action.slice(1);
      const params = camelParams(shapes[`${c.action}Request`], c.params);
      const error = await client[method](params).then(() => undefined, (e) => e);
      assert.equal(sent.length, c.expect.sent, String(error));
      if (c.expect.wire) assert.deepEqual(sent[0], c.expect.wire);
      if (!c.expect.error) {
        assert.equal(error, undefined, String(error));
        return;
      }
      const want = c.expect.error;
      assert.equal(error?.constructor, errors[NEUTRAL[want.class] ?? want.class], String(error));
      for (const fragment of want.messageContains ?? []) assert.ok(error.message.includes(fragment), `${fragment} not in: ${error.message}`);
      for (const fragment of want.messageLacks ?? []) assert.ok(!error.message.includes(fragment), `${fragment} in: ${error.message}`);
      if (want.suggests) {
        const name = camelName(want.suggests);
        assert.ok(error.message.includes(`did you mean '${name}'?`), error.message);
      }
    });
  }
});

describe("messages", () => {
  test("the Python SDK's layout: the request, the path in camelCase with [i], pydantic's words", async () => {
    const { fetch } = recorder();
    const client = new KecClient({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, region: REGION, endpoint: "https://kec.example", retry: NO_RETRY, fetch });
    const base = { imageId: "i", instanceType: "t", maxCount: 1, minCount: 1, subnetId: "s", securityGroupId: ["g"], chargeType: "Daily" };
    const one = await client.describeInstances({ maxResults: 1 }).catch((e) => e);
    assert.equal(one.message, "DescribeInstancesRequest: maxResults: Input should be greater than or equal to 5");
    const deep = await client.runInstances({ ...base, dataDisk: [{ type: "SSD3.0", size: 50 }, { type: "SSD3.0", size: 5 }] }).catch((e) => e);
    assert.equal(deep.message, "RunInstancesRequest: dataDisk[1].size: Input should be greater than or equal to 10");
    const typo = await client.runInstances({ ...base, systemDisk: { diskTpye: "EHDD" } }).catch((e) => e);
    assert.equal(typo.message, "RunInstancesRequest: systemDisk.diskTpye: Extra inputs are not permitted (did you mean 'diskType'?)");
    const top = await client.describeInstances({ maxResult: 5 }).catch((e) => e);
    assert.equal(top.message, "DescribeInstancesRequest: maxResult: Extra inputs are not permitted (did you mean 'maxResults'?)");
  });
});
