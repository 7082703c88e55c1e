/**
 * Retries: which failures deserve another attempt, and how long to wait.
 * The same policy as the Python SDK.
 *
 * A call is retried only when all of these hold:
 *
 * - the failure is transient: a connection error or timeout, HTTP 429 or 503,
 *   a throttling code (`LimitExceeded`, `Throttling`, `ThrottlingException`,
 *   `RequestLimitExceeded` or any code the spec marks as throttling),
 *   `ServiceUnavailable`, a proxy's 502/504, or a body lost on the way
 *   (empty, cut short, not JSON);
 * - the action is safe to repeat (`x-ksyun-idempotent` in the spec; read-only
 *   actions by default), **or** the request never left the client (the
 *   connection could not be opened). An action that creates, modifies or
 *   deletes is never sent twice;
 * - attempts are left ({@link RetryPolicy.maxAttempts}) and the wait fits in
 *   the call's time budget ({@link RetryPolicy.totalTimeoutMs}).
 *
 * Waits grow exponentially with full jitter (`random(0, min(maxDelayMs,
 * baseDelayMs * 2 ** n))`); a `Retry-After` header lengthens the wait, and a
 * wait that would overrun the budget ends the call instead. A `Retry-After`
 * longer than {@link MAX_RETRY_AFTER_MS} (a day, `inf`, a far date) ends the
 * call at once too, even with `totalTimeoutMs: null`: no server can hold a
 * call longer than that per attempt.
 *
 * @module
 */
import { KsyunError } from "./errors.js";
/** How a call retries. */
export interface RetryPolicy {
    /** Attempts in all, the first included (1 disables retries). Default 5. */
    readonly maxAttempts: number;
    /** The n-th retry waits up to `baseDelayMs * 2 ** (n - 1)`. Default 100. */
    readonly baseDelayMs: number;
    /** No single wait is longer (except to honour Retry-After). Default 5000. */
    readonly maxDelayMs: number;
    /** The whole call, attempts and waits included; `null`: bounded by the attempts alone. Default 60000. */
    readonly totalTimeoutMs: number | null;
}
/** The policy of a client that is given none. */
export declare const DEFAULT_RETRY: RetryPolicy;
/** One attempt, no retries. */
export declare const NO_RETRY: RetryPolicy;
export declare const THROTTLING_CODES: ReadonlySet<string>;
export declare const UNAVAILABLE_CODES: ReadonlySet<string>;
export declare const RETRY_STATUSES: ReadonlySet<number>;
/** Statuses of proxies and gateways in front of KSYUN: transient for a read. */
export declare const GATEWAY_STATUSES: ReadonlySet<number>;
/** The longest Retry-After honoured (300 s, as in the Python SDK); a longer one ends the call with its error. */
export declare const MAX_RETRY_AFTER_MS = 300000;
/** A complete policy from a partial one (missing members from `base`), checked. */
export declare function retryPolicy(partial: Partial<RetryPolicy> | undefined, base?: RetryPolicy): RetryPolicy;
/** The wait before retry number `retry` (1, 2, ...): full jitter. */
export declare function backoff(policy: RetryPolicy, retry: number): number;
/** Whether an HTTP answer that failed is worth asking again (safe actions only). */
export declare function answerTransient(error: KsyunError): boolean;
/**
 * Milliseconds from a `Retry-After` header (delta-seconds or an HTTP date); undefined when
 * absent or unreadable. `inf` (and a number too large for a double) is `Infinity`.
 */
export declare function retryAfterMs(value: string | null | undefined, now?: number): number | undefined;
/** The book-keeping of one call: attempts made, time left, next wait. */
export declare class Attempts {
    readonly policy: RetryPolicy;
    readonly idempotent: boolean;
    readonly timeoutMs: number;
    count: number;
    readonly deadline: number | undefined;
    constructor(policy: RetryPolicy, idempotent: boolean, timeoutMs: number);
    /** Count a new attempt; its timeout (never past the budget). */
    begin(): number;
    /** Milliseconds to wait before the next attempt, or undefined: give up. */
    nextDelay(transient: boolean, sent: boolean, waitAtLeastMs?: number): number | undefined;
}
