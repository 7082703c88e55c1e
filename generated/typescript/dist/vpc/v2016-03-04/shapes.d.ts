/**
 * The shapes of VPC 2016-03-04 as data: camelCase
 * name, wire name and type of every field, read by the runtime's validator (`runtime/codec.ts`).
 *
 * @module
 */
export * from "./_parts/describe/shapes.js";
