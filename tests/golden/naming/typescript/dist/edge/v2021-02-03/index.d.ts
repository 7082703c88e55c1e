/**
 * Edge API version 2021-02-03.
 *
 * Edge cases: """ \{\{ name \}\} \{% if x %\} \\ </script> "quoted"
 *
 * ```ts
 * import { EdgeClient, errors } from "ksyun-sdk/edge/v2021-02-03";
 * ```
 *
 * @module
 */
export { EdgeClient } from "./client.js";
export * as errors from "./errors.js";
export type * from "./types.js";
export type { CallOptions, ClientOptions, Paginator } from "../../runtime/client.js";
export { DEFAULT_RETRY, NO_RETRY, type RetryPolicy } from "../../runtime/retry.js";
