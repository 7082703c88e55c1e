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
 * Requests are checked as the Python SDK checks them, at every depth: the
 * spec's constraints (minimum/maximum and their exclusive forms, minLength/
 * maxLength counted in code points, pattern, enum, minItems/maxItems), with
 * messages worded as pydantic words them (`Input should be greater than or
 * equal to 5`); an unknown member names the closest known one
 * (`did you mean 'diskType'?`).
 *
 * Responses are read leniently where KSYUN is loose: `null` is an absent
 * field, a list KSYUN omits (or sends as `null`) reads as `[]`, numbers and
 * booleans sent as strings (`"20"`, `"true"`) are converted, unknown enum
 * values are kept, and fields the spec does not know yet are kept under
 * `$extra` by their wire names.
 *
 * @module
 */
/** The spec's validation keywords, checked on requests only. */
export interface Constraints {
    readonly minimum?: number;
    readonly maximum?: number;
    readonly exclusiveMinimum?: number;
    readonly exclusiveMaximum?: number;
    /** In code points, as Python's `len` counts (an emoji is 1, not 2). */
    readonly minLength?: number;
    readonly maxLength?: number;
    /** Searched anywhere in the value (unanchored), as pydantic does. */
    readonly pattern?: string;
    readonly minItems?: number;
    readonly maxItems?: number;
}
/** A primitive's name. */
export type Primitive = "string" | "integer" | "number" | "boolean";
/**
 * A field's type: a primitive, a list, a named shape, a primitive with an
 * enumeration or constraints, or any JSON.
 */
export type TypeSpec = Primitive | "any" | ({
    readonly list: TypeSpec;
} & Constraints) | {
    readonly shape: () => ShapeSpec;
} | ({
    readonly base: Primitive;
    readonly oneOf?: readonly (string | number | boolean)[];
} & Constraints);
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
/**
 * Where and why a value does not fit its shape: `<Shape>: <path>: <problem>`, the path in the
 * SDK's camelCase names with list items as `[i]` (`RunInstancesRequest: dataDisk[0].size: ...`).
 */
export declare class CodecError extends Error {
    readonly path: string;
    constructor(path: string, problem: string);
}
/** Property under which a decoded object keeps the fields its shape does not know. */
export declare const EXTRA = "$extra";
/** The first constraint *value* breaks, in pydantic's words; undefined when it keeps them all. */
export declare function violation(rules: Constraints, value: unknown): string | undefined;
/**
 * The known name closest to *word*, or undefined: compared in lower case without `_`, at most
 * a third of the name's letters apart (at least one edit allowed); the first of equals wins.
 * The rule every SDK of this generator uses, so each suggests the same member.
 */
export declare function closest(word: string, known: readonly string[]): string | undefined;
/** The wire object of a request or request member; throws {@link CodecError}. */
export declare function encode(spec: ShapeSpec, value: unknown, path?: string): Record<string, unknown>;
/** The camelCase object of a response or response member; throws {@link CodecError}. */
export declare function decode(spec: ShapeSpec, value: unknown, path?: string): Record<string, unknown>;
