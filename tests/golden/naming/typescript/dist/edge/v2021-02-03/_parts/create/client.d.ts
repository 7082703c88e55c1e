/**
 * The Create actions of the Edge API version 2021-02-03 client
 * (`EdgeClient` in `../../client.ts`, which takes their methods).
 *
 * @module
 */
import { BaseClient, type CallOptions } from "../../../../runtime/client.js";
import type * as types from "./types.js";
/** The Create actions of {@link EdgeClient}: its methods, never constructed alone. */
export declare abstract class EdgeClientCreate extends BaseClient {
    /**
     * 创建东西
     *
     * `POST Action=CreateThing`; not safe to repeat: never sent twice.
     *
     * @throws {@link errors.ApiError} any other error KSYUN answers with
     * @throws {@link errors.TransportError} no HTTP answer (connection failure, timeout)
     * @throws {@link errors.ResponseError} an answer that is not a KSYUN response
     */
    createThing(params: types.CreateThingRequest, options?: CallOptions): Promise<types.CreateThingResponse>;
}
