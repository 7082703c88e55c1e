/**
 * Shapes as data, and the one validator that reads them.
 *
 * Every generated interface has a {@link ShapeSpec} beside it: each field's
 * camelCase name, its wire name and its type. {@link encode} turns the
 * caller's camelCase request into the wire object (unknown names, missing
 * required parameters and wrong types are a {@link CodecError}); {@link decode}
 * turns a response into the camelCase interface, checking every field's type
 * on the way, so a wrong shape fails at the call, not deep in user code.
 *
 * Responses are read leniently where KSYUN is loose: `null` is an absent
 * field, numbers and booleans sent as strings (`"20"`, `"true"`) are
 * converted, unknown enum values are kept, and fields the spec does not know
 * yet are kept under `$extra` by their wire names.
 *
 * @module
 */
/** A field's type: a primitive, a list, a named shape, an enumeration, or any JSON. */
export type TypeSpec = "string" | "integer" | "number" | "boolean" | "any" | {
    readonly list: TypeSpec;
} | {
    readonly shape: () => ShapeSpec;
} | {
    readonly oneOf: readonly (string | number | boolean)[];
    readonly base: "string" | "integer" | "number" | "boolean";
};
/** One member of a shape: camelCase name ↔ wire name. */
export interface FieldSpec {
    readonly name: string;
    readonly wire: string;
    readonly type: TypeSpec;
    readonly required?: boolean;
}
/** A named object type. */
export interface ShapeSpec {
    readonly name: string;
    readonly fields: readonly FieldSpec[];
}
/** Where and why a value does not fit its shape. */
export declare class CodecError extends Error {
    readonly path: string;
    constructor(path: string, problem: string);
}
/** Property under which a decoded object keeps the fields its shape does not know. */
export declare const EXTRA = "$extra";
/** The wire object of a request or request member; throws {@link CodecError}. */
export declare function encode(spec: ShapeSpec, value: unknown, path?: string): Record<string, unknown>;
/** The camelCase object of a response or response member; throws {@link CodecError}. */
export declare function decode(spec: ShapeSpec, value: unknown, path?: string): Record<string, unknown>;
