/**
 * The shapes of KEC 2016-03-04 as data: camelCase
 * name, wire name and type of every field, read by the runtime's validator (`runtime/codec.ts`).
 *
 * @module
 */
import type * as codec from "../../runtime/codec.js";
export declare const DescribeImagesRequest: codec.ShapeSpec;
export declare const DescribeInstancesRequest: codec.ShapeSpec;
export declare const RebootInstancesRequest: codec.ShapeSpec;
export declare const RunInstancesRequest: codec.ShapeSpec;
export declare const StartInstancesRequest: codec.ShapeSpec;
export declare const StopInstancesRequest: codec.ShapeSpec;
export declare const TerminateInstancesRequest: codec.ShapeSpec;
export declare const DescribeImagesResponse: codec.ShapeSpec;
export declare const DescribeInstancesResponse: codec.ShapeSpec;
export declare const Filter: codec.ShapeSpec;
export declare const Image: codec.ShapeSpec;
export declare const ImageSnapshot: codec.ShapeSpec;
export declare const Instance: codec.ShapeSpec;
export declare const InstanceActionResult: codec.ShapeSpec;
export declare const InstanceConfigure: codec.ShapeSpec;
export declare const InstanceDataDisk: codec.ShapeSpec;
export declare const InstanceMonitoring: codec.ShapeSpec;
export declare const InstanceNetworkInterface: codec.ShapeSpec;
export declare const InstanceSecurityGroup: codec.ShapeSpec;
export declare const InstanceState: codec.ShapeSpec;
export declare const InstanceSystemDisk: codec.ShapeSpec;
export declare const RebootInstancesResponse: codec.ShapeSpec;
export declare const RunInstancesDataDisk: codec.ShapeSpec;
export declare const RunInstancesInstance: codec.ShapeSpec;
export declare const RunInstancesResponse: codec.ShapeSpec;
export declare const RunInstancesSystemDisk: codec.ShapeSpec;
export declare const StartInstancesResponse: codec.ShapeSpec;
export declare const StopInstancesResponse: codec.ShapeSpec;
export declare const TerminateInstancesResponse: codec.ShapeSpec;
