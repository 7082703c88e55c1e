/**
 * Errors of Demo 2020-01-01 first documented by its Describe actions
 * (exported by `../../errors.ts`).
 *
 * @module
 */
import { ApiError } from "../../../../errors.js";
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
