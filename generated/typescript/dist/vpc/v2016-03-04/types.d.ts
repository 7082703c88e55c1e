/**
 * Request and response types of VPC 2016-03-04.
 *
 * Properties are the wire names in camelCase (`ImageId` ↔ `imageId`); the
 * client maps them both ways. A response's lists are always there (`[]` when
 * KSYUN leaves one out). Responses keep fields this version of the SDK
 * does not know under `$extra`, by their wire names.
 *
 * @module
 */
export type * from "./_parts/describe/types.js";
