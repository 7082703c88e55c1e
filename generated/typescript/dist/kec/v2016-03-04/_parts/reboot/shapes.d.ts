/**
 * The shapes of KEC 2016-03-04 as data, part Reboot
 * (see `../../shapes.ts`).
 *
 * @module
 */
import type * as codec from "../../../../runtime/codec.js";
export declare const RebootInstancesRequest: codec.ShapeSpec;
export declare const InstanceActionResult: codec.ShapeSpec;
export declare const RebootInstancesResponse: codec.ShapeSpec;
