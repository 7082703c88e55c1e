/**
 * The client of KEC API version 2016-03-04.
 *
 * @module
 */
import { BaseClient, type ClientOptions } from "../../runtime/client.js";
import { KecClientDescribe } from "./_parts/describe/client.js";
import { KecClientReboot } from "./_parts/reboot/client.js";
import { KecClientRun } from "./_parts/run/client.js";
import { KecClientStart } from "./_parts/start/client.js";
import { KecClientStop } from "./_parts/stop/client.js";
import { KecClientTerminate } from "./_parts/terminate/client.js";
/**
 * Client for KEC (kec) API version 2016-03-04.
 *
 * Options (all optional): `accessKey` and `secretKey` (default: `KSYUN_ACCESS_KEY`,
 * `KSYUN_SECRET_KEY`), `region` (default: `KSYUN_REGION`), `endpoint` (default:
 * `KSYUN_ENDPOINT`, else `https://kec.api.ksyun.com`), `timeoutMs` per attempt
 * (default 30000), `retry` (default: 5 attempts, full-jitter backoff, 60 s in all;
 * actions that are not safe to repeat are never sent twice), `fetch`, `logger`.
 * The secret key never appears in `toString`, `JSON.stringify` or `util.inspect`.
 */
export declare class KecClient extends BaseClient {
    constructor(options?: ClientOptions);
}
export interface KecClient extends KecClientDescribe, KecClientReboot, KecClientRun, KecClientStart, KecClientStop, KecClientTerminate {
}
