/**
 * Request and response types of KEC 2016-03-04.
 *
 * Properties are the wire names in camelCase (`ImageId` ↔ `imageId`); the
 * client maps them both ways. Responses keep fields this version of the SDK
 * does not know under `$extra`, by their wire names.
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
/** DescribeImages 的返回结果。 */
export interface DescribeImagesResponse {
    /** Wire name: `RequestId`. */
    readonly requestId?: string;
    /** Wire name: `ImagesSet`. */
    readonly imagesSet?: readonly Image[];
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
    readonly snapshotSet?: readonly ImageSnapshot[];
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
