/**
 * The client of Demo API version 2020-01-01.
 *
 * @module
 */
import { BaseClient, type ClientOptions } from "../../runtime/client.js";
import { DemoClientDescribe } from "./_parts/describe/client.js";
/**
 * Client for Demo (demo) API version 2020-01-01.
 *
 * Options (all optional): `accessKey` and `secretKey` (default: `KSYUN_ACCESS_KEY`,
 * `KSYUN_SECRET_KEY`), `region` (default: `KSYUN_REGION`), `endpoint` (default:
 * `KSYUN_ENDPOINT`, else `https://demo.api.ksyun.com`), `timeoutMs` per attempt
 * (default 30000), `retry` (default: 5 attempts, full-jitter backoff, 60 s in all;
 * actions that are not safe to repeat are never sent twice), `fetch`, `logger`.
 * The secret key never appears in `toString`, `JSON.stringify` or `util.inspect`.
 */
export declare class DemoClient extends BaseClient {
    constructor(options?: ClientOptions);
}
export interface DemoClient extends DemoClientDescribe {
}
