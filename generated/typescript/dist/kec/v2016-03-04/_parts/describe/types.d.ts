/**
 * Request and response types of KEC 2016-03-04, part Describe:
 * exported by `../../types.ts`.
 *
 * @module
 */
/** Parameters of DescribeImages: 查询镜像信息 */
export interface DescribeImagesRequest {
    /**
     * 镜像ID。 b1e3731b-c200-4499-be42-f6bfbbda990e。
     *
     * Wire name: `ImageId`.
     */
    readonly imageId?: string;
    /**
     * 镜像分类。 system
     *
     * Wire name: `ImageType`.
     */
    readonly imageType?: string;
}
/** Parameters of DescribeInstances: 查询实例 */
export interface DescribeInstancesRequest {
    /**
     * 实例ID,可传多个。
     *
     * Wire name: `InstanceId`.
     */
    readonly instanceId?: readonly string[];
    /**
     * 项目ID,不传时查询默认项目。
     *
     * Wire name: `ProjectId`.
     */
    readonly projectId?: readonly number[];
    /**
     * 单次调用返回的最大条目数,取值5-1000。
     *
     * Wire name: `MaxResults`.
     */
    readonly maxResults?: number;
    /**
     * 查询起始位置的偏移量,从0开始。
     *
     * Wire name: `Marker`.
     */
    readonly marker?: number;
    /**
     * 过滤条件,可传多个;同一条件的多个取值为“或”,多个条件为“与”。
     *
     * Wire name: `Filter`.
     */
    readonly filter?: readonly Filter[];
    /**
     * 按实例名称或 IP 地址模糊搜索。
     *
     * Wire name: `Search`.
     */
    readonly search?: string;
}
/** DescribeImages 的返回结果。 */
export interface DescribeImagesResponse {
    /** Wire name: `RequestId`. */
    readonly requestId?: string;
    /** Wire name: `ImagesSet`. */
    readonly imagesSet: readonly Image[];
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
/** DescribeInstances 的返回结果。 */
export interface DescribeInstancesResponse {
    /** Wire name: `RequestId`. */
    readonly requestId?: string;
    /**
     * 本页的起始偏移量
     *
     * Wire name: `Marker`.
     */
    readonly marker?: number;
    /**
     * 符合条件的实例总数
     *
     * Wire name: `InstanceCount`.
     */
    readonly instanceCount?: number;
    /**
     * 实例列表
     *
     * Wire name: `InstancesSet`.
     */
    readonly instancesSet: readonly Instance[];
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
/** 一个过滤条件:名称与可选的取值。 */
export interface Filter {
    /**
     * 过滤条件的名称,如 instance-state.name、subnet-id、instance-type。
     *
     * Wire name: `Name`.
     */
    readonly name: string;
    /**
     * 过滤条件的取值。
     *
     * Wire name: `Value`.
     */
    readonly value?: readonly string[];
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
/** 一个镜像 (ImagesSet 的元素)。 */
export interface Image {
    /** Wire name: `ImageId`. */
    readonly imageId?: string;
    /** Wire name: `InstantAccess`. */
    readonly instantAccess?: boolean;
    /**
     * 如果是标准镜像,值为ovf;如果是自定义镜像,值为assembled_image
     *
     * Wire name: `ContainerFormat`.
     */
    readonly containerFormat?: string;
    /** Wire name: `SnapshotSet`. */
    readonly snapshotSet: readonly ImageSnapshot[];
    /** Wire name: `AvailabilityZone`. */
    readonly availabilityZone?: string;
    /** Wire name: `ExportingStatus`. */
    readonly exportingStatus?: string;
    /** Wire name: `ExportingFinishedTime`. */
    readonly exportingFinishedTime?: string;
    /**
     * 镜像类型 ,枚举值:标准镜像 自定义镜像
     *
     * Wire name: `Type`.
     */
    readonly type?: string;
    /** Wire name: `Name`. */
    readonly name?: string;
    /**
     * 镜像状态
     *
     * Wire name: `ImageState`.
     */
    readonly imageState?: string;
    /** Wire name: `CreationDate`. */
    readonly creationDate?: string;
    /**
     * 版本号
     *
     * Wire name: `Platform`.
     */
    readonly platform?: string;
    /** Wire name: `IsPublic`. */
    readonly isPublic?: boolean;
    /** Wire name: `InstanceId`. */
    readonly instanceId?: string;
    /**
     * 是否是网络增强型镜像
     *
     * Wire name: `IsNpe`.
     */
    readonly isNpe?: boolean;
    /**
     * 镜像类别标识,标识镜像是普通镜像还是导入的镜像还是云市场镜像等。取值,常用的有common、import、copy
     *
     * Wire name: `UserCategory`.
     */
    readonly userCategory?: string;
    /** Wire name: `SysDisk`. */
    readonly sysDisk?: number;
    /**
     * 任务进度
     *
     * Wire name: `Progress`.
     */
    readonly progress?: string;
    /**
     * 镜像来源 ,枚举值:import copy share
     *
     * Wire name: `ImageSource`.
     */
    readonly imageSource?: string;
    /**
     * 是否支持CloudInit
     *
     * Wire name: `CloudInitSupport`.
     */
    readonly cloudInitSupport?: boolean;
    /**
     * 镜像是否支持ipv6
     *
     * Wire name: `Ipv6Support`.
     */
    readonly ipv6Support?: boolean;
    /**
     * 镜像是否支持热升配标识
     *
     * Wire name: `IsModifyType`.
     */
    readonly isModifyType?: boolean;
    /** Wire name: `Architecture`. */
    readonly architecture?: string;
    /**
     * 是否预热
     *
     * Wire name: `FastBoot`.
     */
    readonly fastBoot?: boolean;
    /** Wire name: `OriginalImageId`. */
    readonly originalImageId?: string;
    /**
     * 是否是市场镜像
     *
     * Wire name: `IsCloudMarket`.
     */
    readonly isCloudMarket?: boolean;
    /**
     * 底层imageid 映射
     *
     * Wire name: `RealImageId`.
     */
    readonly realImageId?: string;
    /**
     * 是否支持在线扩容
     *
     * Wire name: `OnlineExpansion`.
     */
    readonly onlineExpansion?: boolean;
    /**
     * 主机启动方式:枚举值:uefi;legacy
     *
     * Wire name: `ImageMode`.
     */
    readonly imageMode?: string;
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
/** 镜像关联的快照 (SnapshotSet 的元素)。 */
export interface ImageSnapshot {
    /** Wire name: `SnapshotId`. */
    readonly snapshotId?: string;
    /** Wire name: `DiskType`. */
    readonly diskType?: string;
    /** Wire name: `DiskSize`. */
    readonly diskSize?: number;
    /** Wire name: `Type`. */
    readonly type?: string;
    /** Wire name: `VolumeType`. */
    readonly volumeType?: string;
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
/** 一个实例 (InstancesSet 的元素)。 */
export interface Instance {
    /**
     * 实例ID
     *
     * Wire name: `InstanceId`.
     */
    readonly instanceId?: string;
    /**
     * 项目ID
     *
     * Wire name: `ProjectId`.
     */
    readonly projectId?: string;
    /**
     * 实例名称
     *
     * Wire name: `InstanceName`.
     */
    readonly instanceName?: string;
    /**
     * 实例套餐类型
     *
     * Wire name: `InstanceType`.
     */
    readonly instanceType?: string;
    /**
     * 实例配置
     *
     * Wire name: `InstanceConfigure`.
     */
    readonly instanceConfigure?: InstanceConfigure;
    /**
     * 镜像ID
     *
     * Wire name: `ImageId`.
     */
    readonly imageId?: string;
    /**
     * 子网ID
     *
     * Wire name: `SubnetId`.
     */
    readonly subnetId?: string;
    /**
     * 主网卡的内网IP
     *
     * Wire name: `PrivateIpAddress`.
     */
    readonly privateIpAddress?: string;
    /**
     * 实例状态
     *
     * Wire name: `InstanceState`.
     */
    readonly instanceState?: InstanceState;
    /**
     * 云监控状态
     *
     * Wire name: `Monitoring`.
     */
    readonly monitoring?: InstanceMonitoring;
    /**
     * 网卡列表
     *
     * Wire name: `NetworkInterfaceSet`.
     */
    readonly networkInterfaceSet: readonly InstanceNetworkInterface[];
    /**
     * 系统盘
     *
     * Wire name: `SystemDisk`.
     */
    readonly systemDisk?: InstanceSystemDisk;
    /**
     * 云硬盘数据盘
     *
     * Wire name: `DataDisks`.
     */
    readonly dataDisks: readonly InstanceDataDisk[];
    /**
     * 是否支持网络增强
     *
     * Wire name: `SriovNetSupport`.
     */
    readonly sriovNetSupport?: string;
    /**
     * 是否展示网络增强选项
     *
     * Wire name: `IsShowSriovNetSupport`.
     */
    readonly isShowSriovNetSupport?: boolean;
    /**
     * 可用区
     *
     * Wire name: `AvailabilityZone`.
     */
    readonly availabilityZone?: string;
    /**
     * 计费方式
     *
     * Wire name: `ChargeType`.
     */
    readonly chargeType?: string;
    /**
     * 主机名
     *
     * Wire name: `HostName`.
     */
    readonly hostName?: string;
    /**
     * 创建时间
     *
     * Wire name: `CreationDate`.
     */
    readonly creationDate?: string;
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
/** 实例的规格配置。 */
export interface InstanceConfigure {
    /**
     * vCPU 个数
     *
     * Wire name: `VCPU`.
     */
    readonly vcpu?: number;
    /**
     * GPU 个数
     *
     * Wire name: `GPU`.
     */
    readonly gpu?: number;
    /**
     * 内存大小,单位GB
     *
     * Wire name: `MemoryGb`.
     */
    readonly memoryGb?: number;
    /**
     * 本地数据盘大小,单位GB
     *
     * Wire name: `DataDiskGb`.
     */
    readonly dataDiskGb?: number;
    /**
     * 系统盘大小,单位GB
     *
     * Wire name: `RootDiskGb`.
     */
    readonly rootDiskGb?: number;
    /**
     * 数据盘类型
     *
     * Wire name: `DataDiskType`.
     */
    readonly dataDiskType?: string;
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
/** 实例的一块云硬盘数据盘。 */
export interface InstanceDataDisk {
    /**
     * 数据盘ID
     *
     * Wire name: `DiskId`.
     */
    readonly diskId?: string;
    /**
     * 数据盘类型
     *
     * Wire name: `DiskType`.
     */
    readonly diskType?: string;
    /**
     * 数据盘大小,单位GB
     *
     * Wire name: `DiskSize`.
     */
    readonly diskSize?: number;
    /**
     * 是否随实例删除
     *
     * Wire name: `DeleteWithInstance`.
     */
    readonly deleteWithInstance?: boolean;
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
/** 实例的云监控状态。 */
export interface InstanceMonitoring {
    /**
     * 监控状态
     *
     * Wire name: `State`.
     */
    readonly state?: string;
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
/** 实例的一块网卡。 */
export interface InstanceNetworkInterface {
    /**
     * 网卡ID
     *
     * Wire name: `NetworkInterfaceId`.
     */
    readonly networkInterfaceId?: string;
    /**
     * 主网卡(primary)或辅助网卡(extension)
     *
     * Wire name: `NetworkInterfaceType`.
     */
    readonly networkInterfaceType?: string;
    /**
     * VPC ID
     *
     * Wire name: `VpcId`.
     */
    readonly vpcId?: string;
    /**
     * 子网ID
     *
     * Wire name: `SubnetId`.
     */
    readonly subnetId?: string;
    /**
     * MAC 地址
     *
     * Wire name: `MacAddress`.
     */
    readonly macAddress?: string;
    /**
     * 内网IP
     *
     * Wire name: `PrivateIpAddress`.
     */
    readonly privateIpAddress?: string;
    /**
     * 网卡所属安全组
     *
     * Wire name: `SecurityGroupSet`.
     */
    readonly securityGroupSet: readonly InstanceSecurityGroup[];
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
/** 网卡所属的一个安全组。 */
export interface InstanceSecurityGroup {
    /**
     * 安全组ID
     *
     * Wire name: `SecurityGroupId`.
     */
    readonly securityGroupId?: string;
    /**
     * 安全组名称
     *
     * Wire name: `SecurityGroupName`.
     */
    readonly securityGroupName?: string;
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
/** 实例的状态。 */
export interface InstanceState {
    /**
     * 状态名称,如 active、stopped、building
     *
     * Wire name: `Name`.
     */
    readonly name?: string;
    /**
     * 是否迁移中
     *
     * Wire name: `OnMigrate`.
     */
    readonly onMigrate?: boolean;
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
/** 实例的系统盘。 */
export interface InstanceSystemDisk {
    /**
     * 系统盘类型
     *
     * Wire name: `DiskType`.
     */
    readonly diskType?: string;
    /**
     * 系统盘大小,单位GB
     *
     * Wire name: `DiskSize`.
     */
    readonly diskSize?: number;
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
