/**
 * KSYUN's query protocol: flatten parameters and encode them.
 *
 * - lists are numbered from 1: `InstanceId.1`, `Filter.1.Name`, `Filter.1.Value.1`
 * - nested objects are dotted: `SystemDisk.DiskType`
 * - booleans are `true` / `false`
 *
 * @module
 */
/**
 * Flatten a JSON-like value into (name, text) pairs; `undefined` and `null` are left out, and
 * so are functions and symbols (as `JSON.stringify` leaves them out). Only an object's own
 * properties count: a key such as `constructor` or `__proto__` is sent when it is given, and
 * only then.
 */
export declare function flatten(value: unknown, prefix?: string): [string, string][];
/**
 * A number as every SDK sends it (the Python SDK's text): an integral value with every digit
 * (`1e21` → `1000000000000000000000`, `-0` → `0`), any other as Python's `repr` (`0.1`,
 * `1e-07`, `1e-05`, `1.5e-10`), and `inf`, `-inf`, `nan`.
 */
export declare function formatNumber(n: number): string;
/** RFC 3986 percent-encoding, as SigV4 canonicalizes: only `A-Za-z0-9-_.~` stay. */
export declare function encode(text: string): string;
/** `a=1&b=2`: encoded, sorted by name then value (the form that is signed and sent). */
export declare function canonicalQuery(pairs: readonly (readonly [string, string])[]): string;
