/**
 * Errors of Edge 2021-02-03: the common ones and those its actions document.
 *
 * `ERRORS` maps each code to its class; a code not in it throws {@link ApiError} itself.
 *
 * @module
 */
import { ApiError, type ApiErrorClass } from "../../errors.js";
export * from "../../errors.js";
/**
 * 1stError: starts with a digit
 *
 * DescribeThings: HTTP 400; 数字开头
 */
export declare class Error1stError extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/**
 * Thing.NotFound: The thing "\{\{ id \}\}" was not found\\
 *
 * DescribeThings: HTTP 404; 东西不存在 """ \\ </script>
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
