/**
 * Errors of VPC 2016-03-04: the common ones and those its actions document.
 *
 * `ERRORS` maps each code to its class; a code not in it throws {@link ApiError} itself.
 *
 * @module
 */
import { ApiError, type ApiErrorClass } from "../../errors.js";
export * from "../../errors.js";
/**
 * InvalidSubnetId.NotFound: The subnet does not exist.
 *
 * DescribeSubnets: HTTP 404; 子网不存在
 */
export declare class InvalidSubnetIdNotFound extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/**
 * InvalidVpcId.NotFound: The vpc does not exist.
 *
 * DescribeVpcs: HTTP 404; VPC 不存在
 */
export declare class InvalidVpcIdNotFound extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/**
 * Error code → class, for every code this service may return. It has no prototype: only
 * codes are in it (`ERRORS["toString"]` is undefined unless KSYUN has such a code).
 */
export declare const ERRORS: Readonly<Record<string, ApiErrorClass>>;
