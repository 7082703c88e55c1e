/**
 * AWS Signature Version 4 (`AWS4-HMAC-SHA256`), as KSYUN uses it, on Web Crypto.
 *
 * Key derivation `"AWS4" + secret → date → region → service → "aws4_request"`;
 * credential scope `<date>/<region>/<service>/aws4_request`.
 *
 * @module
 */
export declare const ALGORITHM = "AWS4-HMAC-SHA256";
/** Lower-case hex SHA-256 of the bytes or the UTF-8 text. */
export declare function sha256Hex(data: Uint8Array<ArrayBuffer> | string): Promise<string>;
/** The derived signing key of one day, region and service. */
export declare function signingKey(secretKey: string, date: string, region: string, service: string): Promise<ArrayBuffer>;
/** [canonical request, signed headers] for headers already chosen for signing. */
export declare function canonicalRequest(method: string, path: string, canonicalQuery: string, headers: Readonly<Record<string, string>>, payload: Uint8Array<ArrayBuffer>): Promise<[string, string]>;
/** What {@link authorization} signs. */
export interface SigningInput {
    method: string;
    path: string;
    canonicalQuery: string;
    /** Exactly the signed headers; must include `host` and `x-amz-date`. */
    headers: Readonly<Record<string, string>>;
    payload: Uint8Array<ArrayBuffer>;
    accessKey: string;
    secretKey: string;
    region: string;
    service: string;
    /** `YYYYMMDDTHHMMSSZ` */
    amzDate: string;
}
/** The `Authorization` header value. */
export declare function authorization(input: SigningInput): Promise<string>;
/** `2026-01-02T03:04:05.678Z` → `20260102T030405Z`. */
export declare function amzDate(when: Date): string;
