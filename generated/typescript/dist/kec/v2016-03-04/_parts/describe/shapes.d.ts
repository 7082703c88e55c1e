/**
 * The shapes of KEC 2016-03-04 as data, part Describe
 * (see `../../shapes.ts`).
 *
 * @module
 */
import type * as codec from "../../../../runtime/codec.js";
export declare const DescribeImagesRequest: codec.ShapeSpec;
export declare const DescribeInstancesRequest: codec.ShapeSpec;
export declare const DescribeImagesResponse: codec.ShapeSpec;
export declare const DescribeInstancesResponse: codec.ShapeSpec;
export declare const Filter: codec.ShapeSpec;
export declare const Image: codec.ShapeSpec;
export declare const ImageSnapshot: codec.ShapeSpec;
export declare const Instance: codec.ShapeSpec;
export declare const InstanceConfigure: codec.ShapeSpec;
export declare const InstanceDataDisk: codec.ShapeSpec;
export declare const InstanceMonitoring: codec.ShapeSpec;
export declare const InstanceNetworkInterface: codec.ShapeSpec;
export declare const InstanceSecurityGroup: codec.ShapeSpec;
export declare const InstanceState: codec.ShapeSpec;
export declare const InstanceSystemDisk: codec.ShapeSpec;
