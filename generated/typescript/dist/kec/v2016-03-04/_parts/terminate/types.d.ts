/**
 * Request and response types of KEC 2016-03-04, part Terminate:
 * exported by `../../types.ts`.
 *
 * @module
 */
import type { InstanceActionResult } from "../reboot/types.js";
/** Parameters of TerminateInstances: 删除实例 */
export interface TerminateInstancesRequest {
    /**
     * 实例ID,可传多个
     *
     * Wire name: `InstanceId`.
     */
    readonly instanceId: readonly string[];
    /**
     * 是否跳过回收站直接删除
     *
     * Wire name: `ForceDelete`.
     */
    readonly forceDelete?: boolean;
}
/** TerminateInstances 的返回结果。 */
export interface TerminateInstancesResponse {
    /** Wire name: `RequestId`. */
    readonly requestId?: string;
    /**
     * 每个实例的操作结果
     *
     * Wire name: `InstancesSet`.
     */
    readonly instancesSet: readonly InstanceActionResult[];
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
