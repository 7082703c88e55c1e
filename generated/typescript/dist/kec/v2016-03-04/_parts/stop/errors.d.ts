/**
 * Errors of KEC 2016-03-04 first documented by its Stop actions
 * (exported by `../../errors.ts`).
 *
 * @module
 */
export {};
