/**
 * Configuration from the environment (on Node), and the redaction of access keys.
 *
 * @module
 */
export declare const ENV_ACCESS_KEY = "KSYUN_ACCESS_KEY";
export declare const ENV_SECRET_KEY = "KSYUN_SECRET_KEY";
export declare const ENV_REGION = "KSYUN_REGION";
export declare const ENV_ENDPOINT = "KSYUN_ENDPOINT";
/** An environment variable on Node (`process.env`); undefined elsewhere or when unset or empty. */
export declare function env(name: string): string | undefined;
/** `AKLTabcdef123456` → `AKLT…3456`: enough to tell keys apart, no more. */
export declare function redact(accessKey: string): string;
