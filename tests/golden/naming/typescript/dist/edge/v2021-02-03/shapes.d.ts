/**
 * The shapes of Edge 2021-02-03 as data: camelCase
 * name, wire name and type of every field, read by the runtime's validator (`runtime/codec.ts`).
 *
 * @module
 */
export * from "./_parts/create/shapes.js";
export * from "./_parts/describe/shapes.js";
