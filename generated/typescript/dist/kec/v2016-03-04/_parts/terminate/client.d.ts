/**
 * The Terminate actions of the KEC API version 2016-03-04 client
 * (`KecClient` in `../../client.ts`, which takes their methods).
 *
 * @module
 */
import { BaseClient, type CallOptions } from "../../../../runtime/client.js";
import type * as types from "./types.js";
/** The Terminate actions of {@link KecClient}: its methods, never constructed alone. */
export declare abstract class KecClientTerminate extends BaseClient {
    /**
     * 删除实例
     *
     * `GET Action=TerminateInstances`; not safe to repeat: never sent twice.
     *
     * @throws {@link errors.InvalidInstanceIdNotFound} 实例不存在 (HTTP 404)
     * @throws {@link errors.ApiError} any other error KSYUN answers with
     * @throws {@link errors.TransportError} no HTTP answer (connection failure, timeout)
     * @throws {@link errors.ResponseError} an answer that is not a KSYUN response
     */
    terminateInstances(params: types.TerminateInstancesRequest, options?: CallOptions): Promise<types.TerminateInstancesResponse>;
}
