/**
 * Errors of Edge 2021-02-03 first documented by its Describe actions
 * (exported by `../../errors.ts`).
 *
 * @module
 */
import { ApiError } from "../../../../errors.js";
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
