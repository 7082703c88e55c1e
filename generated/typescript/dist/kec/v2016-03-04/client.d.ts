/**
 * The client of KEC API version 2016-03-04.
 *
 * @module
 */
import { BaseClient, type CallOptions, type ClientOptions } from "../../runtime/client.js";
import type * as types from "./types.js";
/**
 * Client for KEC (kec) API version 2016-03-04.
 *
 * Options (all optional): `accessKey` and `secretKey` (default: `KSYUN_ACCESS_KEY`,
 * `KSYUN_SECRET_KEY`), `region` (default: `KSYUN_REGION`), `endpoint` (default:
 * `KSYUN_ENDPOINT`, else `https://kec.api.ksyun.com`), `timeoutMs` per attempt
 * (default 30000), `retry` (default: 5 attempts, full-jitter backoff, 60 s in all;
 * actions that are not safe to repeat are never sent twice), `fetch`, `logger`.
 * The secret key never appears in `toString`, `JSON.stringify` or `util.inspect`.
 */
export declare class KecClient extends BaseClient {
    constructor(options?: ClientOptions);
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
}
