/**
 * Request and response types of VPC 2016-03-04, part Describe:
 * exported by `../../types.ts`.
 *
 * @module
 */
/** Parameters of DescribeSubnets: 查询子网 */
export interface DescribeSubnetsRequest {
    /**
     * 子网的ID,可传多个
     *
     * Wire name: `SubnetId`.
     */
    readonly subnetId?: readonly string[];
    /**
     * 过滤条件,可传多个;同一条件的多个取值为“或”,多个条件为“与”。
     *
     * Wire name: `Filter`.
     */
    readonly filter?: readonly Filter[];
    /**
     * 单页返回的最大条目数,取值5-1000
     *
     * Wire name: `MaxResults`.
     */
    readonly maxResults?: number;
    /**
     * 上一页返回的 NextToken,从该位置继续查询
     *
     * Wire name: `NextToken`.
     */
    readonly nextToken?: string;
}
/** Parameters of DescribeVpcs: 查询VPC */
export interface DescribeVpcsRequest {
    /**
     * VPC的ID,可传多个
     *
     * Wire name: `VpcId`.
     */
    readonly vpcId?: readonly string[];
    /**
     * 过滤条件,可传多个;同一条件的多个取值为“或”,多个条件为“与”。
     *
     * Wire name: `Filter`.
     */
    readonly filter?: readonly Filter[];
    /**
     * 单页返回的最大条目数,取值5-1000
     *
     * Wire name: `MaxResults`.
     */
    readonly maxResults?: number;
    /**
     * 上一页返回的 NextToken,从该位置继续查询
     *
     * Wire name: `NextToken`.
     */
    readonly nextToken?: string;
}
/** DescribeSubnets 的返回结果。 */
export interface DescribeSubnetsResponse {
    /** Wire name: `RequestId`. */
    readonly requestId?: string;
    /**
     * 下一页的位置;没有更多结果时不返回
     *
     * Wire name: `NextToken`.
     */
    readonly nextToken?: string;
    /**
     * 子网列表
     *
     * Wire name: `SubnetSet`.
     */
    readonly subnetSet: readonly Subnet[];
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
/** DescribeVpcs 的返回结果。 */
export interface DescribeVpcsResponse {
    /** Wire name: `RequestId`. */
    readonly requestId?: string;
    /**
     * 下一页的位置;没有更多结果时不返回
     *
     * Wire name: `NextToken`.
     */
    readonly nextToken?: string;
    /**
     * VPC 列表
     *
     * Wire name: `VpcSet`.
     */
    readonly vpcSet: readonly Vpc[];
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
/** 一个过滤条件:名称与可选的取值。 */
export interface Filter {
    /**
     * 过滤条件的名称,如 vpc-id、availability-zone-name
     *
     * Wire name: `Name`.
     */
    readonly name: string;
    /**
     * 过滤条件的取值
     *
     * Wire name: `Value`.
     */
    readonly value?: readonly string[];
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
/** 一个子网 (SubnetSet 的元素)。 */
export interface Subnet {
    /**
     * 子网的ID
     *
     * Wire name: `SubnetId`.
     */
    readonly subnetId?: string;
    /**
     * 所属VPC的ID
     *
     * Wire name: `VpcId`.
     */
    readonly vpcId?: string;
    /**
     * 子网名称
     *
     * Wire name: `SubnetName`.
     */
    readonly subnetName?: string;
    /**
     * 子网网段
     *
     * Wire name: `CidrBlock`.
     */
    readonly cidrBlock?: string;
    /**
     * 子网类型:Normal、Reserve 等
     *
     * Wire name: `SubnetType`.
     */
    readonly subnetType?: string;
    /**
     * 可用区
     *
     * Wire name: `AvailabilityZoneName`.
     */
    readonly availabilityZoneName?: string;
    /**
     * 网关IP
     *
     * Wire name: `GatewayIp`.
     */
    readonly gatewayIp?: string;
    /**
     * 首选DNS
     *
     * Wire name: `Dns1`.
     */
    readonly dns1?: string;
    /**
     * 备选DNS
     *
     * Wire name: `Dns2`.
     */
    readonly dns2?: string;
    /**
     * 可用IP数
     *
     * Wire name: `AvailableIpNumber`.
     */
    readonly availableIpNumber?: number;
    /**
     * 创建时间
     *
     * Wire name: `CreateTime`.
     */
    readonly createTime?: string;
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
/** 一个VPC (VpcSet 的元素)。 */
export interface Vpc {
    /**
     * VPC的ID
     *
     * Wire name: `VpcId`.
     */
    readonly vpcId?: string;
    /**
     * VPC的名称
     *
     * Wire name: `VpcName`.
     */
    readonly vpcName?: string;
    /**
     * VPC的网段
     *
     * Wire name: `CidrBlock`.
     */
    readonly cidrBlock?: string;
    /**
     * 是否为默认VPC
     *
     * Wire name: `IsDefault`.
     */
    readonly isDefault?: boolean;
    /**
     * 创建时间
     *
     * Wire name: `CreateTime`.
     */
    readonly createTime?: string;
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
