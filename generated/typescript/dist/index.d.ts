/**
 * Typed clients for KSYUN (Kingsoft Cloud) APIs. Import a client from its
 * service version's subpath:
 *
 * - `ksyun-sdk/kec/v2016-03-04`: KEC, API version 2016-03-04
 * - `ksyun-sdk/vpc/v2016-03-04`: VPC, API version 2016-03-04
 *
 * @module
 */
export * from "./errors.js";
export type { CallOptions, ClientOptions, Paginator } from "./runtime/client.js";
export { DEFAULT_RETRY, NO_RETRY, type RetryPolicy } from "./runtime/retry.js";
export { VERSION } from "./version.js";
