/**
 * Errors every KSYUN client throws: the base classes (see `runtime/errors.ts`)
 * and one class per common error code, shared by every action of every service.
 *
 * @module
 */
import { ApiError, type ApiErrorClass, ThrottlingError } from "./runtime/errors.js";
export { ApiError, type ApiErrorClass, ConfigurationError, KsyunError, RequestAbortedError, RequestTimeoutError, RequestValidationError, ResponseError, ThrottlingError, TransportError, } from "./runtime/errors.js";
/**
 * AccessDenied (HTTP 403): User is not authorized to perform this action.
 *
 * 无权执行该操作。
 */
export declare class AccessDenied extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/**
 * DryRunOperation (HTTP 412): Request would have succeeded, but DryRun flag is set.
 *
 * 请求本可成功,但设置了 DryRun。
 */
export declare class DryRunOperation extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/**
 * IncompleteSignature (HTTP 400): The request signature does not conform to KSYUN standards.
 *
 * Authorization 格式错误(Credential 须有 5 段,缺少 SignedHeaders 或 Signature,日期格式错误,或算法不受支持)。
 */
export declare class IncompleteSignature extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/**
 * InvalidClientTokenId (HTTP 403): The access key ID provided does not exist in our records.
 *
 * AccessKey 不存在。
 */
export declare class InvalidClientTokenId extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/**
 * InvalidMethod (HTTP 400): The HTTP method is not supported by this action.
 *
 * 该接口不支持此 HTTP 方法。
 */
export declare class InvalidMethod extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/**
 * InvalidParameterValue (HTTP 400): An invalid or out-of-range value was supplied for the input parameter.
 *
 * 参数取值无效或超出范围。
 */
export declare class InvalidParameterValue extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/**
 * InvalidQueryParameter (HTTP 400): The query string is malformed or does not adhere to KSYUN standards.
 *
 * 查询字符串格式错误。
 */
export declare class InvalidQueryParameter extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/**
 * LimitExceeded (HTTP 409): Request rate exceeded; please retry later.
 *
 * 请求被流控(限流)。
 */
export declare class LimitExceeded extends ThrottlingError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/**
 * MissingAuthenticationToken (HTTP 403): The request must contain a valid Authorization header.
 *
 * 请求未携带 Authorization 或 Host 头。
 */
export declare class MissingAuthenticationToken extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/**
 * MissingParameter (HTTP 400): A required parameter for the specified action is not supplied.
 *
 * 缺少必填参数。
 */
export declare class MissingParameter extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/**
 * NoSuchEntity (HTTP 404): The requested action does not exist.
 *
 * 接口不存在。
 */
export declare class NoSuchEntity extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/**
 * ServiceTimeout (HTTP 500): The service timed out.
 *
 * 服务内部超时。
 */
export declare class ServiceTimeout extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/**
 * ServiceUnavailable (HTTP 500): The service is unavailable.
 *
 * 服务不可用。
 */
export declare class ServiceUnavailable extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/**
 * SignatureDoesNotMatch (HTTP 403): The request signature we calculated does not match the signature you provided.
 *
 * 签名错误:签名不匹配、Host 未签名、签名范围中的地域或服务错误、签名已过期,或签名日期与 X-Amz-Date 不一致。
 */
export declare class SignatureDoesNotMatch extends ApiError {
    static readonly codeName: string;
    static readonly documentedStatus: number;
}
/** Common error code → class (no prototype: only codes are in it). */
export declare const COMMON_ERRORS: Readonly<Record<string, ApiErrorClass>>;
