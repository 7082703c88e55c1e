/**
 * Errors of KEC 2016-03-04 first documented by its Describe actions
 * (exported by `../../errors.ts`).
 *
 * @module
 */
import { ApiError } from "../../../../errors.js";
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
/**
 * InvalidFilterName: The filter name is not supported.
 *
 * DescribeInstances: HTTP 400; 不支持的过滤条件
 */
export declare class InvalidFilterName extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/**
 * InvalidInstanceId.NotFound: The instance does not exist.
 *
 * DescribeInstances: HTTP 404; 实例不存在
 *
 * RebootInstances: HTTP 404; 实例不存在
 *
 * StartInstances: HTTP 404; 实例不存在
 *
 * StopInstances: HTTP 404; 实例不存在
 *
 * TerminateInstances: HTTP 404; 实例不存在
 */
export declare class InvalidInstanceIdNotFound extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/**
 * InvalidMarker: Marker must be >= 0
 *
 * DescribeInstances: HTTP 400; Marker 取值无效
 */
export declare class InvalidMarker extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
