/**
 * KEC API version 2016-03-04.
 *
 * 金山云云服务器 (Kingsoft Cloud Elastic Compute) API.
 *
 * ```ts
 * import { KecClient, errors } from "ksyun-sdk/kec/v2016-03-04";
 * ```
 *
 * @module
 */
export { KecClient } from "./client.js";
export * as errors from "./errors.js";
export type * from "./types.js";
export type { CallOptions, ClientOptions, Paginator } from "../../runtime/client.js";
export { DEFAULT_RETRY, NO_RETRY, type RetryPolicy } from "../../runtime/retry.js";
