/**
 * Errors of Edge 2021-02-03: the common ones and those its actions document.
 *
 * `ERRORS` maps each code to its class; a code not in it throws {@link ApiError} itself.
 *
 * @module
 */
import { type ApiErrorClass } from "../../errors.js";
export * from "../../errors.js";
export * from "./_parts/describe/errors.js";
/**
 * Error code → class, for every code this service may return. It has no prototype: only
 * codes are in it (`ERRORS["toString"]` is undefined unless KSYUN has such a code).
 */
export declare const ERRORS: Readonly<Record<string, ApiErrorClass>>;
