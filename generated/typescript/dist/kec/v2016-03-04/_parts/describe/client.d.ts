/**
 * The Describe actions of the KEC API version 2016-03-04 client
 * (`KecClient` in `../../client.ts`, which takes their methods).
 *
 * @module
 */
import { BaseClient, type CallOptions, type Paginator } from "../../../../runtime/client.js";
import type * as types from "./types.js";
/** The Describe actions of {@link KecClient}: its methods, never constructed alone. */
export declare abstract class KecClientDescribe extends BaseClient {
    /**
     * 查询镜像信息
     *
     * 查询镜像列表或指定镜像的详细信息。
     *
     * `GET Action=DescribeImages`; safe to retry.
     *
     * @throws {@link errors.InternalError} 暂无 (HTTP 400)
     * @throws {@link errors.ImageIdInvalidParameterValue} “镜像ID”参数的取值无效或者超出有效范围 (HTTP 400)
     * @throws {@link errors.ServiceUnavailable} \{"RequestId":"e7ac5d05-79f1-4b7c-867d-b99ce8478587001","Error":\{"Code":"ServiceUnavailable","Message":"I/O error on GET request for \\"http://qdone.openstack.sdns.ksyun.com:6003/v2/images?property-_show_tasks\\u003d1\\u0026image_type\\u003dsnapshot\\u0026user_id\\u003d297cc0ae94e741dfa342c32a0823a3cd\\u0026sort_key\\u003dcreated_at\\u0026sort_dir\\u003ddesc\\u0026limit\\u003d1000\\u0026obscure\\u003dtrue\\u0026invisible\\u003d0\\": connect timed out"\}\} (HTTP 400)
     * @throws {@link errors.ApiError} any other error KSYUN answers with
     * @throws {@link errors.TransportError} no HTTP answer (connection failure, timeout)
     * @throws {@link errors.ResponseError} an answer that is not a KSYUN response
     */
    describeImages(params?: types.DescribeImagesRequest, options?: CallOptions): Promise<types.DescribeImagesResponse>;
    /**
     * 查询实例
     *
     * 查询实例列表,或按实例ID与过滤条件查询实例的详细信息;按 Marker 偏移量分页。
     *
     * `GET Action=DescribeInstances`; safe to retry.
     *
     * @throws {@link errors.InvalidFilterName} 不支持的过滤条件 (HTTP 400)
     * @throws {@link errors.InvalidMarker} Marker 取值无效 (HTTP 400)
     * @throws {@link errors.InvalidInstanceIdNotFound} 实例不存在 (HTTP 404)
     * @throws {@link errors.ApiError} any other error KSYUN answers with
     * @throws {@link errors.TransportError} no HTTP answer (connection failure, timeout)
     * @throws {@link errors.ResponseError} an answer that is not a KSYUN response
     */
    describeInstances(params?: types.DescribeInstancesRequest, options?: CallOptions): Promise<types.DescribeInstancesResponse>;
    /** Every item of DescribeInstances's `InstancesSet`, page after page (`Marker` offsets): `for await (const item of client.paginateDescribeInstances(...))`, or `.pages()` for each response. Each page is one call, with the same options and retries. */
    paginateDescribeInstances(params?: types.DescribeInstancesRequest, options?: CallOptions): Paginator<types.Instance, types.DescribeInstancesResponse>;
}
