/**
 * The shapes of Demo 2020-01-01 as data: camelCase
 * name, wire name and type of every field, read by the runtime's validator (`runtime/codec.ts`).
 *
 * @module
 */
import type * as codec from "../../runtime/codec.js";
export declare const DescribeThingsRequest: codec.ShapeSpec;
export declare const DescribeThingsResponse: codec.ShapeSpec;
export declare const Thing: codec.ShapeSpec;
