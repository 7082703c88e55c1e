/**
 * Errors every KSYUN client throws: the base classes (see `runtime/errors.ts`)
 * and one class per common error code, shared by every action of every service.
 *
 * @module
 */
import { ApiError, type ApiErrorClass } from "./runtime/errors.js";
export { ApiError, type ApiErrorClass, ConfigurationError, KsyunError, RequestAbortedError, RequestTimeoutError, RequestValidationError, ResponseError, ThrottlingError, TransportError, } from "./runtime/errors.js";
/**
 * MissingParameter (HTTP 400): A required parameter for the specified action is not supplied.
 *
 * 缺少必填参数。
 */
export declare class MissingParameter extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/** Common error code → class (no prototype: only codes are in it). */
export declare const COMMON_ERRORS: Readonly<Record<string, ApiErrorClass>>;
