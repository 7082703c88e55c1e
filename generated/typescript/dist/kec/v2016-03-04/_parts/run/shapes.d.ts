/**
 * The shapes of KEC 2016-03-04 as data, part Run
 * (see `../../shapes.ts`).
 *
 * @module
 */
import type * as codec from "../../../../runtime/codec.js";
export declare const RunInstancesRequest: codec.ShapeSpec;
export declare const RunInstancesDataDisk: codec.ShapeSpec;
export declare const RunInstancesInstance: codec.ShapeSpec;
export declare const RunInstancesResponse: codec.ShapeSpec;
export declare const RunInstancesSystemDisk: codec.ShapeSpec;
