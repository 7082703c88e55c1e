/**
 * Demo API version 2020-01-01.
 *
 * ```ts
 * import { DemoClient, errors } from "ksyun-sdk/demo/v2020-01-01";
 * ```
 *
 * @module
 */
export { DemoClient } from "./client.js";
export * as errors from "./errors.js";
export type * from "./types.js";
export type { CallOptions, ClientOptions, Paginator } from "../../runtime/client.js";
export { DEFAULT_RETRY, NO_RETRY, type RetryPolicy } from "../../runtime/retry.js";
