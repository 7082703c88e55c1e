/**
 * The shapes of VPC 2016-03-04 as data, part Describe
 * (see `../../shapes.ts`).
 *
 * @module
 */
import type * as codec from "../../../../runtime/codec.js";
export declare const DescribeSubnetsRequest: codec.ShapeSpec;
export declare const DescribeVpcsRequest: codec.ShapeSpec;
export declare const DescribeSubnetsResponse: codec.ShapeSpec;
export declare const DescribeVpcsResponse: codec.ShapeSpec;
export declare const Filter: codec.ShapeSpec;
export declare const Subnet: codec.ShapeSpec;
export declare const Vpc: codec.ShapeSpec;
