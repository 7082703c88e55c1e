/**
 * Errors of KEC 2016-03-04 first documented by its Reboot actions
 * (exported by `../../errors.ts`).
 *
 * @module
 */
export {};
