/**
 * VPC API version 2016-03-04.
 *
 * 金山云私有网络 (Kingsoft Cloud Virtual Private Cloud) API.
 *
 * ```ts
 * import { VpcClient, errors } from "ksyun-sdk/vpc/v2016-03-04";
 * ```
 *
 * @module
 */
export { VpcClient } from "./client.js";
export * as errors from "./errors.js";
export type * from "./types.js";
export type { CallOptions, ClientOptions, Paginator } from "../../runtime/client.js";
export { DEFAULT_RETRY, NO_RETRY, type RetryPolicy } from "../../runtime/retry.js";
