/**
 * Errors of VPC 2016-03-04 first documented by its Describe actions
 * (exported by `../../errors.ts`).
 *
 * @module
 */
import { ApiError } from "../../../../errors.js";
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
