/**
 * The Run actions of the KEC API version 2016-03-04 client
 * (`KecClient` in `../../client.ts`, which takes their methods).
 *
 * @module
 */
import { BaseClient, type CallOptions } from "../../../../runtime/client.js";
import type * as types from "./types.js";
/** The Run actions of {@link KecClient}: its methods, never constructed alone. */
export declare abstract class KecClientRun extends BaseClient {
    /**
     * 创建实例
     *
     * 按镜像、套餐、子网与安全组创建一台或多台实例。
     *
     * `POST Action=RunInstances`; not safe to repeat: never sent twice.
     *
     * @throws {@link errors.QuotaExceeded} 实例配额不足 (HTTP 400)
     * @throws {@link errors.InvalidImageIdNotFound} 镜像不存在 (HTTP 404)
     * @throws {@link errors.InsufficientBalance} 账户余额不足 (HTTP 400)
     * @throws {@link errors.ApiError} any other error KSYUN answers with
     * @throws {@link errors.TransportError} no HTTP answer (connection failure, timeout)
     * @throws {@link errors.ResponseError} an answer that is not a KSYUN response
     */
    runInstances(params: types.RunInstancesRequest, options?: CallOptions): Promise<types.RunInstancesResponse>;
}
