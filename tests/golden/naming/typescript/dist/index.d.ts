/**
 * Typed clients for KSYUN (Kingsoft Cloud) APIs. Import a client from its
 * service version's subpath:
 *
 * - `ksyun-sdk/edge/v2021-02-03`: Edge, API version 2021-02-03
 *
 * @module
 */
export * from "./errors.js";
export type { CallOptions, ClientOptions, Paginator } from "./runtime/client.js";
export { DEFAULT_RETRY, NO_RETRY, type RetryPolicy } from "./runtime/retry.js";
export { VERSION } from "./version.js";
