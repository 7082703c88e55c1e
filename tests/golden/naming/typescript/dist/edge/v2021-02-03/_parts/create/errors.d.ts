/**
 * Errors of Edge 2021-02-03 first documented by its Create actions
 * (exported by `../../errors.ts`).
 *
 * @module
 */
export {};
