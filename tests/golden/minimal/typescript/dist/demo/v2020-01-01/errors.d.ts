/**
 * Errors of Demo 2020-01-01: the common ones and those its actions document.
 *
 * `ERRORS` maps each code to its class; a code not in it throws {@link ApiError} itself.
 *
 * @module
 */
import { ApiError, type ApiErrorClass } from "../../errors.js";
export * from "../../errors.js";
/**
 * ThingBusy: The thing is busy.
 *
 * DescribeThings: HTTP 409; 东西正忙
 */
export declare class ThingBusy extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/**
 * ThingNotFound: The thing does not exist.
 *
 * DescribeThings: HTTP 404; 东西不存在
 */
export declare class ThingNotFound extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/**
 * Error code → class, for every code this service may return. It has no prototype: only
 * codes are in it (`ERRORS["toString"]` is undefined unless KSYUN has such a code).
 */
export declare const ERRORS: Readonly<Record<string, ApiErrorClass>>;
