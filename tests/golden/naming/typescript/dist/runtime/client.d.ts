/**
 * The HTTP client shared by every service: validate, sign, send, parse, retry.
 *
 * Generated service clients extend {@link BaseClient} and call
 * `this.call(action, ...)` per method; retries follow `retry.ts`.
 *
 * @module
 */
import { type ShapeSpec } from "./codec.js";
import { type ApiErrorClass } from "./errors.js";
import { type RetryPolicy } from "./retry.js";
export declare const USER_AGENT = "ksyun-sdk-typescript/0.1.0";
export declare const DEFAULT_TIMEOUT_MS = 30000;
/** The largest response body read, after decompression (64 MiB, as in the Python SDK). */
export declare const DEFAULT_MAX_RESPONSE_BYTES: number;
export declare const REQUEST_ID_HEADER = "x-ksc-request-id";
declare const INSPECT: unique symbol;
/** Options of a client; every member is optional. */
export interface ClientOptions {
    /** KSYUN access key ID (default: `KSYUN_ACCESS_KEY`). */
    accessKey?: string;
    /** KSYUN secret access key (default: `KSYUN_SECRET_KEY`). */
    secretKey?: string;
    /** Region such as `cn-beijing-6` (default: `KSYUN_REGION`). */
    region?: string;
    /** Base URL (default: `KSYUN_ENDPOINT`, else the service's endpoint). */
    endpoint?: string;
    /** Milliseconds for one attempt: connecting, sending and reading (default 30000). */
    timeoutMs?: number;
    /**
     * The largest response body read, counted after decompression as it arrives (default 64 MiB).
     * A larger one is a {@link ResponseError} at once, the rest unread, and is not retried.
     */
    maxResponseBytes?: number;
    /** Retry policy; missing members keep the default (5 attempts, full-jitter backoff, 60 s in all). */
    retry?: Partial<RetryPolicy>;
    /** The `fetch` to send with (default: the global one), e.g. one with a proxy agent. */
    fetch?: typeof fetch;
    /** Receives one line per attempt (action, attempt n/N, status, latency, region, redacted key). */
    logger?: (line: string) => void;
}
/** Per-call settings; a missing member keeps the client's. */
export interface CallOptions {
    /** Aborts the call (and any wait between attempts) with {@link RequestAbortedError}. */
    signal?: AbortSignal;
    /** Milliseconds for one attempt. */
    timeoutMs?: number;
    /** This call's retry policy; missing members keep the client's. */
    retry?: Partial<RetryPolicy>;
}
/** What a generated client tells its base about the service. */
export interface ServiceInfo {
    readonly service: string;
    readonly signingName: string;
    readonly version: string;
    readonly endpoint: string;
    readonly errors: Readonly<Record<string, ApiErrorClass>>;
}
/** How an action pages (`x-ksyun-pagination`), in camelCase names. */
export interface Paging {
    readonly style: "marker" | "token";
    /** The response's list of items. */
    readonly items: string;
    /** The request parameter holding the position. */
    readonly inputToken: string;
    /** The response field with the next position ("" for marker style). */
    readonly outputToken: string;
    /** The request parameter with the page size. */
    readonly limit: string;
    /** The response field with the total count ("" when none). */
    readonly total: string;
}
/**
 * What `paginate<Action>` returns. `for await (const item of paginator)` gives every item;
 * `for await (const page of paginator.pages())` gives each response instead. Each walk
 * starts afresh from the call's parameters and fetches a page when the last is used up.
 *
 * - `marker` style: the position is an offset (the call's `marker`, else 0) that grows by
 *   the items received; the walk ends at an empty page or when the response's total is
 *   reached (a page shorter than `maxResults` does not end it).
 * - `token` style: the response's token is sent back; the walk ends when none comes back,
 *   or when one comes back a second time (instead of looping).
 */
export declare class Paginator<I, R extends object> implements AsyncIterable<I> {
    #private;
    constructor(call: (params: object) => Promise<R>, params: object, paging: Paging);
    /** Every response, one call per page. */
    pages(): AsyncGenerator<R, void, undefined>;
    [Symbol.asyncIterator](): AsyncGenerator<I, void, undefined>;
}
/** The base of every generated client: configuration, signing, transport, retries, errors. */
export declare abstract class BaseClient {
    #private;
    readonly region: string;
    readonly endpoint: string;
    readonly timeoutMs: number;
    readonly maxResponseBytes: number;
    readonly retry: RetryPolicy;
    protected constructor(info: ServiceInfo, options?: ClientOptions);
    /** `KecClient(region=…, endpoint=…, accessKey=AKLT…0001)`: never the secret. */
    toString(): string;
    toJSON(): Record<string, string>;
    [INSPECT](): string;
    /** Send one action: validate the arguments, then sign, send and parse with retries. */
    protected call<R>(action: string, method: "GET" | "POST", request: ShapeSpec, params: object, response: ShapeSpec, idempotent: boolean, options?: CallOptions): Promise<R>;
    /** The paginator of a paged action: `for await` gives every item, `pages()` every response. */
    protected pages<P extends object, R extends object, I>(call: (params: P) => Promise<R>, params: P, paging: Paging): Paginator<I, R>;
}
/** A class whose instances are clients (a generated client, or a part of one). */
export type ClientClass = {
    readonly prototype: BaseClient;
};
/**
 * Gives *target* (a generated client) the methods of each part: a large service's client is
 * written in parts (`_parts/<group>/client.ts`), each an abstract class of some of its
 * methods. The methods are copied as the class defined them (not enumerable).
 */
export declare function mixin(target: ClientClass, parts: readonly ClientClass[]): void;
export {};
