// Helpers of the node --test suites of the generated TypeScript SDK
// (run from pytest by tests/test_typescript_sdk.py, which sets the environment):
//
//   KSYUN_TS_SDK        root of a generated package (its dist/ is imported)
//   KSYUN_TS_SPEC       the spec folder it was generated from (the mock serves it)
//   KSYUN_TS_CODEGEN    JSON argv that runs ksyun-codegen (["python", "-m", "generator"])
//   KSYUN_TS_TOOLCHAIN  templates/typescript/toolchain (for @smithy/signature-v4)
//   KSYUN_TS_CASES      the shared, language-neutral case list (tests/cases/describe_images.json)
//   KSYUN_TS_PAGING_CASES  the shared paging cases (tests/cases/paging.json)
//   KSYUN_TS_VALIDATION_CASES  the shared request-check cases (tests/cases/validation.json)
//   KSYUN_TS_ERRORS     JSON list of every documented error of DescribeImages: {code, httpStatus, message, className}
import { spawn } from "node:child_process";
import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export const ACCESS_KEY = "AKLTtsTest0123456789";
export const SECRET_KEY = "SKts-secret-Never-Logged-0123456789";
export const REGION = "cn-beijing-6";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these suites through pytest`);
  return value;
};

/** The generated package's modules: {kec, shapes (KEC's), vpc, vpcShapes, top}. */
export async function loadSdk() {
  const root = env("KSYUN_TS_SDK");
  const mod = (path) => import(pathToFileURL(join(root, "dist", path)).href);
  return {
    kec: await mod("kec/v2016-03-04/index.js"),
    shapes: await mod("kec/v2016-03-04/shapes.js"),
    vpc: await mod("vpc/v2016-03-04/index.js"),
    vpcShapes: await mod("vpc/v2016-03-04/shapes.js"),
    top: await mod("index.js"),
  };
}

export function readJson(name) {
  return JSON.parse(readFileSync(env(name), "utf-8"));
}

export function documentedErrors() {
  return JSON.parse(env("KSYUN_TS_ERRORS"));
}

// -- wire names <-> the SDK's camelCase, through the generated shape specs --------------------
/** A request written with wire names, as the SDK's camelCase parameters. */
export function fromWireParams(spec, wire) {
  const out = {};
  for (const [key, value] of Object.entries(wire)) {
    const field = spec.fields.find((f) => f.wire === key);
    if (!field) throw new Error(`${spec.name} has no wire parameter ${key}`);
    out[field.name] = value;
  }
  return out;
}

/** A decoded response back in wire names (the inverse of the SDK's decoding), to compare with a case. */
export function toWire(spec, value) {
  const out = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === "$extra") {
      Object.assign(out, item);
      continue;
    }
    const field = spec.fields.find((f) => f.name === key);
    if (!field) throw new Error(`${spec.name} has no member ${key}`);
    out[field.wire] = wireValue(field.type, item);
  }
  return out;
}

function wireValue(type, value) {
  if (typeof type === "object" && "list" in type) return value.map((v) => wireValue(type.list, v));
  if (typeof type === "object" && "shape" in type) return toWire(type.shape(), value);
  return value;
}

// -- the signature-verifying server (@smithy/signature-v4) ------------------------------------
const smithyRequire = createRequire(join(env("KSYUN_TS_TOOLCHAIN"), "package.json"));
const { SignatureV4 } = smithyRequire("@smithy/signature-v4");

/** SHA-256 / HMAC-SHA256 from node:crypto in the shape smithy's signer expects. */
class NodeSha256 {
  constructor(secret) {
    this.hash = secret ? createHmac("sha256", Buffer.from(secret)) : createHash("sha256");
  }
  update(data) {
    this.hash.update(typeof data === "string" ? Buffer.from(data, "utf-8") : Buffer.from(data));
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

const AUTH_RE = /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;

/** Why the request's signature is wrong, or null when @smithy/signature-v4 computes the same one. */
export async function verifySignature(req, body, { accessKey = ACCESS_KEY, secretKey = SECRET_KEY, region = REGION, service = "kec" } = {}) {
  const m = AUTH_RE.exec(req.headers.authorization ?? "");
  if (!m) return "malformed or missing Authorization";
  const [ak, date, scopeRegion, scopeService, terminator] = m[1].split("/");
  if (ak !== accessKey || terminator !== "aws4_request") return "unknown key";
  if (scopeRegion !== region || scopeService !== service) return "wrong credential scope";
  const signed = m[2].split(";");
  if (!signed.includes("host") || !signed.includes("x-amz-date")) return "host and x-amz-date must be signed";
  const amzDate = req.headers["x-amz-date"] ?? "";
  if (!amzDate.startsWith(date)) return "scope date differs from x-amz-date";
  const url = new URL(req.url, `http://${req.headers.host}`);
  const query = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  const headers = {};
  for (const name of signed) {
    if (name !== "x-amz-date") headers[name] = req.headers[name];
  }
  const signer = new SignatureV4({ credentials: { accessKeyId: accessKey, secretAccessKey: secretKey }, region, service, sha256: NodeSha256, applyChecksum: false });
  const when = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  const expected = await signer.sign(
    { method: req.method, protocol: "http:", hostname: url.hostname, port: Number(url.port), path: url.pathname, query, headers, body: body.length ? body.toString("utf-8") : undefined },
    { signingDate: when },
  );
  const got = AUTH_RE.exec(expected.headers.authorization);
  if (got[2] !== m[2]) return `signed headers differ: ${got[2]} vs ${m[2]}`;
  return got[3] === m[3] ? null : "SignatureDoesNotMatch";
}

/**
 * A KSYUN-like server on 127.0.0.1: verifies every signature with @smithy/signature-v4
 * (403 SignatureDoesNotMatch otherwise; `server.service` is the scope's service, "kec"
 * unless set), records what it received, and answers with
 * `reply(request)`: {status, json | body, contentType, headers, delayMs}.
 */
export async function startServer(reply) {
  const received = [];
  const rejected = [];
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks);
    const source = req.method === "GET" ? new URL(req.url, "http://x").search.slice(1) : body.toString("utf-8");
    const params = Object.fromEntries(new URLSearchParams(source));
    const record = { method: req.method, url: req.url, headers: req.headers, body: body.toString("utf-8"), params };
    const problem = await verifySignature(req, body, { service: server.service });
    let answer;
    if (problem) {
      rejected.push({ ...record, problem });
      answer = { status: 403, json: { RequestId: "req-auth", Error: { Type: "Sender", Code: "SignatureDoesNotMatch", Message: problem } } };
    } else {
      received.push(record);
      answer = await server.reply(record);
    }
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    const payload = answer.json !== undefined ? JSON.stringify(answer.json) : answer.body ?? "";
    res.writeHead(answer.status, { "Content-Type": answer.contentType ?? "application/json", ...(answer.headers ?? {}) });
    res.end(payload);
  });
  server.service = "kec";
  server.reply = reply ?? (() => ({ status: 404, json: { RequestId: "r", Error: { Code: "NoSuchEntity", Message: "no" } } }));
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  server.url = `http://127.0.0.1:${server.address().port}`;
  server.received = received;
  server.rejected = rejected;
  server.stop = () => {
    server.closeAllConnections();
    return new Promise((r) => server.close(r));
  };
  return server;
}

// -- the project's mock (ksyun-codegen mock), started as a child process ------------------------
/** Start `ksyun-codegen mock --log` on the fixture spec; {url, lines, stop()}. */
export async function startMock(extraArgs = []) {
  const [cmd, ...args] = JSON.parse(env("KSYUN_TS_CODEGEN"));
  const child = spawn(cmd, [...args, "mock", "--spec", env("KSYUN_TS_SPEC"), "--port", "0", "--log", ...extraArgs], {
    env: { ...process.env, KSYUN_MOCK_ACCESS_KEY: ACCESS_KEY, KSYUN_MOCK_SECRET_KEY: SECRET_KEY },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines = [];
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const url = await new Promise((resolve, reject) => {
    let buffer = "";
    const timer = setTimeout(() => reject(new Error(`mock did not start: ${stderr}`)), 60000);
    child.stdout.on("data", (d) => {
      buffer += d;
      let nl;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        const m = /^listening on (http:\/\/\S+)$/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      }
    });
    child.on("exit", (code) => reject(new Error(`mock exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    lines,
    /** Request lines the mock logged (`GET DescribeImages 200 ...`; `-` for the action of a faulted one). */
    requests: () => lines.filter((l) => /^(GET|POST) /.test(l)),
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill("SIGTERM");
      }),
  };
}

/** A fetch that adds `Prefer: <value>` to the first `times` requests (mock faults and errors). */
export function preferring(value, times = Infinity) {
  let left = times;
  const sent = [];
  const wrapped = (url, init) => {
    const headers = { ...(init?.headers ?? {}) };
    if (left > 0) {
      headers.Prefer = value;
      left -= 1;
    }
    sent.push(url);
    return fetch(url, { ...init, headers });
  };
  wrapped.sent = sent;
  return wrapped;
}
