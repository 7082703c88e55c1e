/**
 * Errors raised by every KSYUN client.
 *
 * Every failure is a {@link KsyunError}:
 *
 * - {@link ApiError}: KSYUN answered with an error envelope; one subclass per
 *   documented code (the common ones in `ksyun-sdk`, the per-action ones in
 *   each service's `errors`). Unknown codes raise `ApiError` itself.
 * - {@link TransportError}: no HTTP answer (connection refused or reset,
 *   timeout, abort); `cause` holds the underlying error.
 * - {@link ResponseError}: an HTTP answer that is not a KSYUN response (HTML
 *   from a proxy, truncated or empty JSON, a body of the wrong shape, a body
 *   that is not UTF-8, a body larger than the client's `maxResponseBytes`).
 * - {@link RequestValidationError}: arguments that do not fit the action.
 * - {@link ConfigurationError}: missing credentials or region.
 *
 * @module
 */
/** Base class of every error this SDK throws. */
export declare class KsyunError extends Error {
    /** How many attempts were made before giving up (1 when not retried). */
    attempts: number;
    /** KSYUN's request id, when an answer carried one (quote it to KSYUN support). */
    requestId: string | undefined;
    /** The action that failed ("" when none was being called). */
    action: string;
    constructor(message: string, init?: {
        action?: string;
        requestId?: string;
        cause?: unknown;
    });
}
/** The client is missing something it needs (credentials, region), or an option is out of range. */
export declare class ConfigurationError extends KsyunError {
}
/** The arguments do not fit the action's parameters; nothing was sent. */
export declare class RequestValidationError extends KsyunError {
}
/** The request got no HTTP answer; `cause` holds the underlying error. */
export declare class TransportError extends KsyunError {
}
/** Connecting, sending or reading took longer than the timeout. */
export declare class RequestTimeoutError extends TransportError {
}
/** The caller's `AbortSignal` fired; `cause` is the signal's reason. Never retried. */
export declare class RequestAbortedError extends TransportError {
}
/** An HTTP answer that is not a well-formed KSYUN response. */
export declare class ResponseError extends KsyunError {
    readonly httpStatus: number;
    /** The first 200 characters of the body. */
    readonly bodyExcerpt: string;
    /**
     * The body is not a JSON object at all (empty, cut short, an HTML page, not
     * UTF-8): most likely lost on the way rather than a wrong answer.
     */
    readonly malformed: boolean;
    constructor(message: string, init: {
        httpStatus: number;
        bodyExcerpt?: string;
        requestId?: string;
        action?: string;
        malformed?: boolean;
    });
}
/**
 * KSYUN answered with an error: `{"RequestId", "Error": {"Type", "Code", "Message"}}`.
 *
 * `message` is the whole story, as the Python SDK's `str(error)` tells it:
 * `InvalidParameterValue: MaxResults is out of range (HTTP 400, request id 3ce9fdc9)`
 * (`no HTTP status` when there was none; no request id part when KSYUN sent none);
 * KSYUN's own text alone is `errorMessage`.
 */
export declare class ApiError extends KsyunError {
    /** The error code this class stands for ("" on `ApiError` itself). */
    static readonly codeName: string;
    /** The HTTP status KSYUN documents for this code (0 when undocumented). */
    static readonly documentedStatus: number;
    readonly code: string;
    /** KSYUN's `Error.Message`, as it came (the Python SDK's `error.message`). */
    readonly errorMessage: string;
    readonly httpStatus: number;
    readonly errorType: string | undefined;
    constructor(message: string, init?: {
        code?: string;
        requestId?: string;
        httpStatus?: number;
        errorType?: string;
        action?: string;
    });
}
/** KSYUN throttled the request; safe to retry later. */
export declare class ThrottlingError extends ApiError {
}
/** An `ApiError` class for one code, as the `ERRORS` maps hold them. */
export type ApiErrorClass = typeof ApiError;
