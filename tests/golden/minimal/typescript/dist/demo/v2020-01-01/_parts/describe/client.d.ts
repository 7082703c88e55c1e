/**
 * The Describe actions of the Demo API version 2020-01-01 client
 * (`DemoClient` in `../../client.ts`, which takes their methods).
 *
 * @module
 */
import { BaseClient, type CallOptions } from "../../../../runtime/client.js";
import type * as types from "./types.js";
/** The Describe actions of {@link DemoClient}: its methods, never constructed alone. */
export declare abstract class DemoClientDescribe extends BaseClient {
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
