/**
 * Request and response types of KEC 2016-03-04.
 *
 * Properties are the wire names in camelCase (`ImageId` ↔ `imageId`); the
 * client maps them both ways. A response's lists are always there (`[]` when
 * KSYUN leaves one out). Responses keep fields this version of the SDK
 * does not know under `$extra`, by their wire names.
 *
 * @module
 */
export type * from "./_parts/describe/types.js";
export type * from "./_parts/reboot/types.js";
export type * from "./_parts/run/types.js";
export type * from "./_parts/start/types.js";
export type * from "./_parts/stop/types.js";
export type * from "./_parts/terminate/types.js";
