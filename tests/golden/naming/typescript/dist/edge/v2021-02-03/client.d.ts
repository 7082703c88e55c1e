/**
 * The client of Edge API version 2021-02-03.
 *
 * @module
 */
import { BaseClient, type CallOptions, type ClientOptions } from "../../runtime/client.js";
import type * as types from "./types.js";
/**
 * Client for Edge (edge) API version 2021-02-03.
 *
 * Options (all optional): `accessKey` and `secretKey` (default: `KSYUN_ACCESS_KEY`,
 * `KSYUN_SECRET_KEY`), `region` (default: `KSYUN_REGION`), `endpoint` (default:
 * `KSYUN_ENDPOINT`, else `https://edge.api.ksyun.com`), `timeoutMs` per attempt
 * (default 30000), `retry` (default: 5 attempts, full-jitter backoff, 60 s in all;
 * actions that are not safe to repeat are never sent twice), `fetch`, `logger`.
 * The secret key never appears in `toString`, `JSON.stringify` or `util.inspect`.
 */
export declare class EdgeClient extends BaseClient {
    constructor(options?: ClientOptions);
    /**
     * 创建东西
     *
     * `POST Action=CreateThing`; not safe to repeat: never sent twice.
     *
     * @throws {@link errors.ApiError} any other error KSYUN answers with
     * @throws {@link errors.TransportError} no HTTP answer (connection failure, timeout)
     * @throws {@link errors.ResponseError} an answer that is not a KSYUN response
     */
    createThing(params: types.CreateThingRequest, options?: CallOptions): Promise<types.CreateThingResponse>;
    /**
     * 查询 """东西""" \{\{ x \}\}
     *
     * Backslash \\ and \\n stay as written; \{% raw %\} too.
     *
     * `GET Action=DescribeThings`; safe to retry.
     *
     * @throws {@link errors.ThingNotFound} 东西不存在 """ \\ </script> (HTTP 404)
     * @throws {@link errors.Error1stError} 数字开头 (HTTP 400)
     * @throws {@link errors.ApiError} any other error KSYUN answers with
     * @throws {@link errors.TransportError} no HTTP answer (connection failure, timeout)
     * @throws {@link errors.ResponseError} an answer that is not a KSYUN response
     */
    describeThings(params: types.DescribeThingsRequest, options?: CallOptions): Promise<types.DescribeThingsResponse>;
}
