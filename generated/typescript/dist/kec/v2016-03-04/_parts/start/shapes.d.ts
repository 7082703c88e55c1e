/**
 * The shapes of KEC 2016-03-04 as data, part Start
 * (see `../../shapes.ts`).
 *
 * @module
 */
import type * as codec from "../../../../runtime/codec.js";
export declare const StartInstancesRequest: codec.ShapeSpec;
export declare const StartInstancesResponse: codec.ShapeSpec;
