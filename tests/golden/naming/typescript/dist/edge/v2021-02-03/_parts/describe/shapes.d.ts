/**
 * The shapes of Edge 2021-02-03 as data, part Describe
 * (see `../../shapes.ts`).
 *
 * @module
 */
import type * as codec from "../../../../runtime/codec.js";
export declare const DescribeThingsRequest: codec.ShapeSpec;
export declare const DescribeThingsFilterItem: codec.ShapeSpec;
export declare const DescribeThingsResponse: codec.ShapeSpec;
export declare const DescribeThingsResponseDetail: codec.ShapeSpec;
export declare const DescribeThingsSystemDisk: codec.ShapeSpec;
export declare const Thing: codec.ShapeSpec;
