/**
 * Request and response types of KEC 2016-03-04, part Start:
 * exported by `../../types.ts`.
 *
 * @module
 */
import type { InstanceActionResult } from "../reboot/types.js";
/** Parameters of StartInstances: 启动实例 */
export interface StartInstancesRequest {
    /**
     * 实例ID,可传多个
     *
     * Wire name: `InstanceId`.
     */
    readonly instanceId: readonly string[];
}
/** StartInstances 的返回结果。 */
export interface StartInstancesResponse {
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
