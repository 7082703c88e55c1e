/**
 * The shapes of Demo 2020-01-01 as data, part Describe
 * (see `../../shapes.ts`).
 *
 * @module
 */
import type * as codec from "../../../../runtime/codec.js";
export declare const DescribeThingsRequest: codec.ShapeSpec;
export declare const DescribeThingsResponse: codec.ShapeSpec;
export declare const Thing: codec.ShapeSpec;
