/**
 * The shapes of KEC 2016-03-04 as data: camelCase
 * name, wire name and type of every field, read by the runtime's validator (`runtime/codec.ts`).
 *
 * @module
 */
import type * as codec from "../../runtime/codec.js";
export declare const DescribeImagesRequest: codec.ShapeSpec;
export declare const DescribeImagesResponse: codec.ShapeSpec;
export declare const Image: codec.ShapeSpec;
export declare const ImageSnapshot: codec.ShapeSpec;
