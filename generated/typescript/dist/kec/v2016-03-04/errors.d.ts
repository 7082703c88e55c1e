/**
 * Errors of KEC 2016-03-04: the common ones and those its actions document.
 *
 * `ERRORS` maps each code to its class; a code not in it throws {@link ApiError} itself.
 *
 * @module
 */
import { ApiError, type ApiErrorClass } from "../../errors.js";
export * from "../../errors.js";
/**
 * ImageIdInvalidParameterValue: An invalid or out-of-range value was supplied for the "ImageId" parameter.
 *
 * DescribeImages: HTTP 400; “镜像ID”参数的取值无效或者超出有效范围
 */
export declare class ImageIdInvalidParameterValue extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/**
 * InternalError: Internal Error
 *
 * DescribeImages: HTTP 400; 暂无
 */
export declare class InternalError extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/** Error code → class, for every code this service may return. */
export declare const ERRORS: Readonly<Record<string, ApiErrorClass>>;
