/**
 * The shapes of KEC 2016-03-04 as data: camelCase
 * name, wire name and type of every field, read by the runtime's validator (`runtime/codec.ts`).
 *
 * @module
 */
export * from "./_parts/describe/shapes.js";
export * from "./_parts/reboot/shapes.js";
export * from "./_parts/run/shapes.js";
export * from "./_parts/start/shapes.js";
export * from "./_parts/stop/shapes.js";
export * from "./_parts/terminate/shapes.js";
