/**
 * The shapes of KEC 2016-03-04 as data, part Stop
 * (see `../../shapes.ts`).
 *
 * @module
 */
import type * as codec from "../../../../runtime/codec.js";
export declare const StopInstancesRequest: codec.ShapeSpec;
export declare const StopInstancesResponse: codec.ShapeSpec;
