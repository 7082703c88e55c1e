/**
 * The SDK's version (the spec's `info.x-ksyun-sdk-versions`; `ksyun-codegen release` bumps it).
 *
 * @module
 */
export declare const VERSION = "0.1.0";
