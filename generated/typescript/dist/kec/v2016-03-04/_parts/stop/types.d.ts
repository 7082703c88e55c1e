/**
 * Request and response types of KEC 2016-03-04, part Stop:
 * exported by `../../types.ts`.
 *
 * @module
 */
import type { InstanceActionResult } from "../reboot/types.js";
/** Parameters of StopInstances: 关闭实例 */
export interface StopInstancesRequest {
    /**
     * 实例ID,可传多个
     *
     * Wire name: `InstanceId`.
     */
    readonly instanceId: readonly string[];
    /**
     * 是否强制关机
     *
     * Wire name: `ForceStop`.
     */
    readonly forceStop?: boolean;
    /**
     * 关机后是否继续计费:KeepCharging 或 StopCharging
     *
     * Wire name: `StoppedMode`.
     */
    readonly stoppedMode?: "KeepCharging" | "StopCharging";
}
/** StopInstances 的返回结果。 */
export interface StopInstancesResponse {
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
