/**
 * The Describe actions of the Edge API version 2021-02-03 client
 * (`EdgeClient` in `../../client.ts`, which takes their methods).
 *
 * @module
 */
import { BaseClient, type CallOptions } from "../../../../runtime/client.js";
import type * as types from "./types.js";
/** The Describe actions of {@link EdgeClient}: its methods, never constructed alone. */
export declare abstract class EdgeClientDescribe extends BaseClient {
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
