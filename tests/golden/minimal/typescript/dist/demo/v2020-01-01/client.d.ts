/**
 * The client of Demo API version 2020-01-01.
 *
 * @module
 */
import { BaseClient, type CallOptions, type ClientOptions } from "../../runtime/client.js";
import type * as types from "./types.js";
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
    /**
     * 查询东西
     *
     * `GET Action=DescribeThings`; safe to retry.
     *
     * @throws {@link errors.ThingNotFound} 东西不存在 (HTTP 404)
     * @throws {@link errors.ThingBusy} 东西正忙 (HTTP 409)
     * @throws {@link errors.ApiError} any other error KSYUN answers with
     * @throws {@link errors.TransportError} no HTTP answer (connection failure, timeout)
     * @throws {@link errors.ResponseError} an answer that is not a KSYUN response
     */
    describeThings(params?: types.DescribeThingsRequest, options?: CallOptions): Promise<types.DescribeThingsResponse>;
}
