/**
 * The shapes of KEC 2016-03-04 as data, part Terminate
 * (see `../../shapes.ts`).
 *
 * @module
 */
import type * as codec from "../../../../runtime/codec.js";
export declare const TerminateInstancesRequest: codec.ShapeSpec;
export declare const TerminateInstancesResponse: codec.ShapeSpec;
