/**
 * The shapes of Edge 2021-02-03 as data: camelCase
 * name, wire name and type of every field, read by the runtime's validator (`runtime/codec.ts`).
 *
 * @module
 */
import type * as codec from "../../runtime/codec.js";
export declare const CreateThingRequest: codec.ShapeSpec;
export declare const DescribeThingsRequest: codec.ShapeSpec;
export declare const CreateThingResponse: codec.ShapeSpec;
export declare const CreateThingTagItem: codec.ShapeSpec;
export declare const DescribeThingsFilterItem: codec.ShapeSpec;
export declare const DescribeThingsResponse: codec.ShapeSpec;
export declare const DescribeThingsResponseDetail: codec.ShapeSpec;
export declare const DescribeThingsSystemDisk: codec.ShapeSpec;
export declare const Thing: codec.ShapeSpec;
