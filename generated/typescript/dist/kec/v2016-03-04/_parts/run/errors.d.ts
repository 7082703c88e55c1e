/**
 * Errors of KEC 2016-03-04 first documented by its Run actions
 * (exported by `../../errors.ts`).
 *
 * @module
 */
import { ApiError } from "../../../../errors.js";
/**
 * InsufficientBalance: Account balance is insufficient.
 *
 * RunInstances: HTTP 400; 账户余额不足
 */
export declare class InsufficientBalance extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/**
 * InvalidImageId.NotFound: The image does not exist.
 *
 * RunInstances: HTTP 404; 镜像不存在
 */
export declare class InvalidImageIdNotFound extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/**
 * QuotaExceeded: Quota exceeded
 *
 * RunInstances: HTTP 400; 实例配额不足
 */
export declare class QuotaExceeded extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
