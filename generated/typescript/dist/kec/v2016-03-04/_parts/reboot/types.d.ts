/**
 * Request and response types of KEC 2016-03-04, part Reboot:
 * exported by `../../types.ts`.
 *
 * @module
 */
/** Parameters of RebootInstances: 重启实例 */
export interface RebootInstancesRequest {
    /**
     * 实例ID,可传多个
     *
     * Wire name: `InstanceId`.
     */
    readonly instanceId: readonly string[];
    /**
     * 是否强制重启
     *
     * Wire name: `ForceReboot`.
     */
    readonly forceReboot?: boolean;
}
/** 对一台实例的操作结果。 */
export interface InstanceActionResult {
    /**
     * 实例ID
     *
     * Wire name: `InstanceId`.
     */
    readonly instanceId?: string;
    /**
     * 操作是否成功
     *
     * Wire name: `Return`.
     */
    readonly return?: boolean;
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
/** RebootInstances 的返回结果。 */
export interface RebootInstancesResponse {
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
