// Names that are JavaScript's own (every name on Object.prototype, __proto__, prototype) as
// parameters, response fields and error codes, through the SDK generated from
// tests/fixtures/js_names/ (run from pytest by tests/test_typescript_js_names.py, which sets
// KSYUN_TS_SDK and KSYUN_TS_TOOLCHAIN). A server on 127.0.0.1 verifies each signature and
// records exactly what was sent.
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, test } from "node:test";

import { ACCESS_KEY, REGION, SECRET_KEY, startServer } from "./helpers.mjs";

const sdk = await import(pathToFileURL(join(process.env.KSYUN_TS_SDK, "dist", "jsnames", "v2021-01-01", "index.js")).href);
const { JsnamesClient, errors, NO_RETRY } = sdk;

let server;
before(async () => {
  server = await startServer();
  server.service = "jsnames";
});
after(() => server.stop());

function client() {
  return new JsnamesClient({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, region: REGION, endpoint: server.url, retry: NO_RETRY });
}

const OK = { status: 200, json: { RequestId: "req-1" } };
const BASE = { Action: "CreateThing", Version: "2021-01-01" };

/** What the last request sent, as a prototype-free name → value map. */
function lastSent() {
  const received = server.received.at(-1);
  const out = Object.create(null);
  for (const [k, v] of new URLSearchParams(received.method === "GET" ? new URL(received.url, "http://x").search : received.body)) out[k] = v;
  return out;
}

describe("parameters named like Object.prototype's members", () => {
  test("a call sends exactly the values given, under their wire names", async () => {
    server.reply = () => OK;
    await client().createThing({
      constructor_: "c",
      toString_: "t",
      valueOf_: 7,
      hasOwnProperty_: false,
      isPrototypeOf_: "i",
      propertyIsEnumerable_: "p",
      toLocaleString_: "l",
      prototype: "pt",
      defineGetter: "g",
      settings: JSON.parse('{"constructor": "sc", "__proto__": "sp", "toString": "st", "Nested": {"valueOf": "1", "hasOwnProperty": true}}'),
      spec: { constructor_: "sc", valueOf_: 3 },
    });
    assert.deepEqual({ ...lastSent() }, {
      ...BASE,
      Constructor: "c",
      ToString: "t",
      ValueOf: "7",
      HasOwnProperty: "false",
      IsPrototypeOf: "i",
      PropertyIsEnumerable: "p",
      ToLocaleString: "l",
      prototype: "pt",
      __defineGetter__: "g",
      "Settings.constructor": "sc",
      "Settings.__proto__": "sp",
      "Settings.toString": "st",
      "Settings.Nested.valueOf": "1",
      "Settings.Nested.hasOwnProperty": "true",
      "Spec.Constructor": "sc",
      "Spec.ValueOf": "3",
    });
  });

  // runtime/codec.ts's encode defines each wire member as an own property: for the wire
  // name `__proto__` an assignment would set the object's prototype instead.
  test("a parameter whose wire name is __proto__ is sent", async () => {
    server.reply = () => OK;
    await client().createThing({ proto: "x", spec: { proto: "sp" } });
    assert.deepEqual({ ...lastSent() }, { ...BASE, ["__proto__"]: "x", "Spec.__proto__": "sp" });
  });

  test("names not given are not sent: no `function Object()` from the prototype", async () => {
    server.reply = () => OK;
    const c = client();
    await c.createThing();
    assert.deepEqual({ ...lastSent() }, BASE);
    await c.createThing({ settings: {}, spec: {} });
    assert.deepEqual({ ...lastSent() }, BASE);
    await c.createThing({ settings: { f: () => 1, s: Symbol("s"), n: null } });
    assert.deepEqual({ ...lastSent() }, BASE);
  });

  test("the plain name of a member Object has is not a parameter", async () => {
    await assert.rejects(client().createThing({ constructor: "c" }), errors.RequestValidationError);
  });
});

describe("response fields named like Object.prototype's members", () => {
  test("are read under their names, and absent ones are undefined", async () => {
    const body = JSON.parse(
      '{"RequestId": "req-2", "Constructor": "C", "ToString": "T", "ValueOf": "5", "HasOwnProperty": true,' +
        ' "__proto__": "P", "prototype": "PT", "Spec": {"Constructor": "SC", "__proto__": "SP"}}',
    );
    server.reply = () => ({ status: 200, json: body });
    const resp = await client().createThing();
    assert.equal(resp.constructor_, "C");
    assert.equal(resp.toString_, "T");
    assert.equal(resp.valueOf_, 5);
    assert.equal(resp.hasOwnProperty_, true);
    assert.equal(resp.proto, "P");
    assert.equal(resp.prototype, "PT");
    assert.equal(resp.spec.constructor_, "SC");
    assert.equal(resp.spec.proto, "SP");
    assert.equal(resp.spec.toString_, undefined);
    assert.equal(Object.getPrototypeOf(resp), Object.prototype);

    server.reply = () => OK;
    const bare = await client().createThing();
    for (const name of ["constructor_", "toString_", "valueOf_", "hasOwnProperty_", "proto", "prototype", "spec"]) {
      assert.equal(bare[name], undefined, name);
    }
  });
});

describe("error codes named like Object.prototype's members", () => {
  const fail = (code) => () => ({ status: 400, json: { RequestId: "req-e", Error: { Type: "Sender", Code: code, Message: `m ${code}` } } });

  test("the ERRORS maps have no prototype, and __proto__ is a code in them", () => {
    assert.equal(Object.getPrototypeOf(errors.ERRORS), null);
    assert.equal(Object.getPrototypeOf(errors.COMMON_ERRORS), null);
    assert.ok(Object.isFrozen(errors.ERRORS));
    assert.equal(errors.ERRORS["__proto__"], errors.Proto);
    assert.equal(errors.ERRORS.constructor, errors.Constructor);
    assert.equal(errors.ERRORS.toString, errors.ToString);
    assert.equal(errors.ERRORS.valueOf, undefined);
    assert.deepEqual(Object.keys(errors.ERRORS).sort(), ["MissingParameter", "__proto__", "constructor", "toString"].sort());
  });

  for (const [code, cls] of [["__proto__", "Proto"], ["constructor", "Constructor"], ["toString", "ToString"]]) {
    test(`code ${code} throws ${cls}`, async () => {
      server.reply = fail(code);
      const err = await client().createThing().then(() => null, (e) => e);
      assert.ok(err instanceof errors[cls], String(err));
      assert.equal(err.constructor, errors[cls]);
      assert.equal(err.code, code);
      assert.equal(err.httpStatus, 400);
    });
  }

  for (const code of ["valueOf", "hasOwnProperty", "isPrototypeOf", "prototype", "__defineGetter__"]) {
    test(`undocumented code ${code} throws ApiError itself`, async () => {
      server.reply = fail(code);
      const err = await client().createThing().then(() => null, (e) => e);
      assert.equal(err?.constructor, errors.ApiError, String(err));
      assert.equal(err.code, code);
    });
  }
});
