/**
 * The Describe actions of the VPC API version 2016-03-04 client
 * (`VpcClient` in `../../client.ts`, which takes their methods).
 *
 * @module
 */
import { BaseClient, type CallOptions, type Paginator } from "../../../../runtime/client.js";
import type * as types from "./types.js";
/** The Describe actions of {@link VpcClient}: its methods, never constructed alone. */
export declare abstract class VpcClientDescribe extends BaseClient {
    /**
     * 查询子网
     *
     * 查询子网列表,或按ID与过滤条件查询;按 NextToken 分页。
     *
     * `GET Action=DescribeSubnets`; safe to retry.
     *
     * @throws {@link errors.InvalidSubnetIdNotFound} 子网不存在 (HTTP 404)
     * @throws {@link errors.ApiError} any other error KSYUN answers with
     * @throws {@link errors.TransportError} no HTTP answer (connection failure, timeout)
     * @throws {@link errors.ResponseError} an answer that is not a KSYUN response
     */
    describeSubnets(params?: types.DescribeSubnetsRequest, options?: CallOptions): Promise<types.DescribeSubnetsResponse>;
    /**
     * 查询VPC
     *
     * 查询VPC列表,或按ID与过滤条件查询;按 NextToken 分页。
     *
     * `GET Action=DescribeVpcs`; safe to retry.
     *
     * @throws {@link errors.InvalidVpcIdNotFound} VPC 不存在 (HTTP 404)
     * @throws {@link errors.ApiError} any other error KSYUN answers with
     * @throws {@link errors.TransportError} no HTTP answer (connection failure, timeout)
     * @throws {@link errors.ResponseError} an answer that is not a KSYUN response
     */
    describeVpcs(params?: types.DescribeVpcsRequest, options?: CallOptions): Promise<types.DescribeVpcsResponse>;
    /** Every item of DescribeSubnets's `SubnetSet`, page after page (`NextToken` tokens): `for await (const item of client.paginateDescribeSubnets(...))`, or `.pages()` for each response. Each page is one call, with the same options and retries. */
    paginateDescribeSubnets(params?: types.DescribeSubnetsRequest, options?: CallOptions): Paginator<types.Subnet, types.DescribeSubnetsResponse>;
    /** Every item of DescribeVpcs's `VpcSet`, page after page (`NextToken` tokens): `for await (const item of client.paginateDescribeVpcs(...))`, or `.pages()` for each response. Each page is one call, with the same options and retries. */
    paginateDescribeVpcs(params?: types.DescribeVpcsRequest, options?: CallOptions): Paginator<types.Vpc, types.DescribeVpcsResponse>;
}
