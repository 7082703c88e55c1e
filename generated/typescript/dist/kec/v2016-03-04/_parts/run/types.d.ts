/**
 * Request and response types of KEC 2016-03-04, part Run:
 * exported by `../../types.ts`.
 *
 * @module
 */
/** Parameters of RunInstances: 创建实例 */
export interface RunInstancesRequest {
    /**
     * 镜像ID
     *
     * Wire name: `ImageId`.
     */
    readonly imageId: string;
    /**
     * 实例套餐类型
     *
     * Wire name: `InstanceType`.
     */
    readonly instanceType: string;
    /**
     * 创建实例的最大数量,取值1-100
     *
     * Wire name: `MaxCount`.
     */
    readonly maxCount: number;
    /**
     * 创建实例的最小数量,取值1-100
     *
     * Wire name: `MinCount`.
     */
    readonly minCount: number;
    /**
     * 子网ID
     *
     * Wire name: `SubnetId`.
     */
    readonly subnetId: string;
    /**
     * 安全组ID
     *
     * Wire name: `SecurityGroupId`.
     */
    readonly securityGroupId: readonly string[];
    /**
     * 计费方式
     *
     * Wire name: `ChargeType`.
     */
    readonly chargeType: string;
    /**
     * 系统盘的类型与大小。
     *
     * Wire name: `SystemDisk`.
     */
    readonly systemDisk?: RunInstancesSystemDisk;
    /**
     * 随实例创建的数据盘,可传多块。
     *
     * Wire name: `DataDisk`.
     */
    readonly dataDisk?: readonly RunInstancesDataDisk[];
    /**
     * 实例名称,最长128个字符
     *
     * Wire name: `InstanceName`.
     */
    readonly instanceName?: string;
    /**
     * 实例登录密码,8-32个字符
     *
     * Wire name: `InstancePassword`.
     */
    readonly instancePassword?: string;
    /**
     * 购买时长,单位月(包年包月时)
     *
     * Wire name: `PurchaseTime`.
     */
    readonly purchaseTime?: number;
    /**
     * 项目ID
     *
     * Wire name: `ProjectId`.
     */
    readonly projectId?: number;
    /**
     * 保证请求幂等性的令牌,最长64个字符
     *
     * Wire name: `ClientToken`.
     */
    readonly clientToken?: string;
    /**
     * 只检查请求,不创建实例
     *
     * Wire name: `DryRun`.
     */
    readonly dryRun?: boolean;
}
/** 一块随实例创建的数据盘。 */
export interface RunInstancesDataDisk {
    /**
     * 数据盘类型
     *
     * Wire name: `Type`.
     */
    readonly type: "SSD3.0" | "EHDD" | "ESSD_PL0" | "ESSD_PL1" | "ESSD_PL2" | "ESSD_PL3";
    /**
     * 数据盘大小,单位GB
     *
     * Wire name: `Size`.
     */
    readonly size: number;
    /**
     * 是否随实例删除
     *
     * Wire name: `DeleteWithInstance`.
     */
    readonly deleteWithInstance?: boolean;
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
/** 一台新建实例的结果。 */
export interface RunInstancesInstance {
    /**
     * 实例ID
     *
     * Wire name: `InstanceId`.
     */
    readonly instanceId?: string;
    /**
     * 实例名称
     *
     * Wire name: `InstanceName`.
     */
    readonly instanceName?: string;
    /**
     * 是否创建成功
     *
     * Wire name: `ReturnSet`.
     */
    readonly returnSet?: boolean;
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
/** RunInstances 的返回结果。 */
export interface RunInstancesResponse {
    /** Wire name: `RequestId`. */
    readonly requestId?: string;
    /**
     * 创建的实例
     *
     * Wire name: `InstancesSet`.
     */
    readonly instancesSet: readonly RunInstancesInstance[];
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
/** 系统盘的类型与大小。 */
export interface RunInstancesSystemDisk {
    /**
     * 系统盘类型
     *
     * Wire name: `DiskType`.
     */
    readonly diskType?: "Local_SSD" | "SSD3.0" | "EHDD" | "ESSD_PL0" | "ESSD_PL1" | "ESSD_PL2" | "ESSD_PL3";
    /**
     * 系统盘大小,单位GB,取值20-500
     *
     * Wire name: `DiskSize`.
     */
    readonly diskSize?: number;
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
