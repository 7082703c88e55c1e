/**
 * The client of VPC API version 2016-03-04.
 *
 * @module
 */
import { BaseClient, type ClientOptions } from "../../runtime/client.js";
import { VpcClientDescribe } from "./_parts/describe/client.js";
/**
 * Client for VPC (vpc) API version 2016-03-04.
 *
 * Options (all optional): `accessKey` and `secretKey` (default: `KSYUN_ACCESS_KEY`,
 * `KSYUN_SECRET_KEY`), `region` (default: `KSYUN_REGION`), `endpoint` (default:
 * `KSYUN_ENDPOINT`, else `https://vpc.api.ksyun.com`), `timeoutMs` per attempt
 * (default 30000), `retry` (default: 5 attempts, full-jitter backoff, 60 s in all;
 * actions that are not safe to repeat are never sent twice), `fetch`, `logger`.
 * The secret key never appears in `toString`, `JSON.stringify` or `util.inspect`.
 */
export declare class VpcClient extends BaseClient {
    constructor(options?: ClientOptions);
}
export interface VpcClient extends VpcClientDescribe {
}
