/**
 * Request and response types of Edge 2021-02-03, part Describe:
 * exported by `../../types.ts`.
 *
 * @module
 */
/** Parameters of DescribeThings: 查询 """东西""" \{\{ x \}\} */
export interface DescribeThingsRequest {
    /**
     * Mode: "fast" or "slow"
     *
     * Wire name: `Mode`.
     */
    readonly mode: "fast" | "slow";
    /**
     * 实例ID列表
     *
     * Wire name: `InstanceId`.
     */
    readonly instanceId?: readonly string[];
    /**
     * 过滤条件
     *
     * Wire name: `Filter`.
     */
    readonly filter?: readonly DescribeThingsFilterItem[];
    /**
     * 系统盘
     *
     * Wire name: `SystemDisk`.
     */
    readonly systemDisk?: DescribeThingsSystemDisk;
    /** Wire name: `Level`. */
    readonly level?: 1 | 2 | 3;
    /** Wire name: `DryRun`. */
    readonly dryRun?: boolean;
    /**
     * a keyword
     *
     * Wire name: `class`.
     */
    readonly class?: string;
    /** Wire name: `from`. */
    readonly from?: number;
    /** Wire name: `import`. */
    readonly import?: boolean;
    /** Wire name: `type`. */
    readonly type?: string;
    /** Wire name: `id`. */
    readonly id?: string;
    /** Wire name: `list`. */
    readonly list?: string;
    /** Wire name: `str`. */
    readonly str?: string;
    /** Wire name: `json`. */
    readonly json?: string;
    /** Wire name: `schema`. */
    readonly schema?: string;
    /** Wire name: `model_config`. */
    readonly modelConfig?: string;
    /** Wire name: `options`. */
    readonly optionsParam?: string;
    /**
     * 非 ASCII 名称
     *
     * Wire name: `名称`.
     */
    readonly 名称?: string;
    /** Wire name: `1stDisk`. */
    readonly field1stDisk?: string;
}
export interface DescribeThingsFilterItem {
    /** Wire name: `Name`. */
    readonly name?: string;
    /** Wire name: `Value`. */
    readonly value?: readonly string[];
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
/** Response with a trailing quote" */
export interface DescribeThingsResponse {
    /** Wire name: `RequestId`. */
    readonly requestId?: string;
    /** Wire name: `ThingSet`. */
    readonly thingSet: readonly Thing[];
    /**
     * An object that only exists inline.
     *
     * Wire name: `Detail`.
     */
    readonly detail?: DescribeThingsResponseDetail;
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
/** An object that only exists inline. */
export interface DescribeThingsResponseDetail {
    /**
     * ends with a backslash \\
     *
     * Wire name: `Inner`.
     */
    readonly inner?: string;
    /** Wire name: `Count`. */
    readonly count?: number;
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
export interface DescribeThingsSystemDisk {
    /** Wire name: `DiskType`. */
    readonly diskType?: "SSD3.0" | "EHDD";
    /** Wire name: `DiskSize`. */
    readonly diskSize?: number;
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
/** A thing: """ \{\{ x \}\} \{% y %\} \\d </script> end" */
export interface Thing {
    /**
     * Triple """quotes""" inside
     *
     * Wire name: `class`.
     */
    readonly class?: string;
    /** Wire name: `from`. */
    readonly from?: number;
    /** Wire name: `import`. */
    readonly import?: boolean;
    /**
     * \{\{ jinja \}\} and \{% tag %\}
     *
     * Wire name: `type`.
     */
    readonly type?: string;
    /**
     * back\\slash \\\\ double \\n not a newline
     *
     * Wire name: `id`.
     */
    readonly id?: string;
    /** Wire name: `list`. */
    readonly list?: string;
    /** Wire name: `str`. */
    readonly str?: string;
    /** Wire name: `json`. */
    readonly json?: string;
    /** Wire name: `schema`. */
    readonly schema?: string;
    /**
     * </script><script>alert(1)</script>
     *
     * Wire name: `model_config`.
     */
    readonly modelConfig?: string;
    /**
     * 非 ASCII 字段
     *
     * Wire name: `名称`.
     */
    readonly 名称?: string;
    /**
     * trailing quote"
     *
     * Wire name: `1stDisk`.
     */
    readonly field1stDisk?: number;
    /** Wire name: `Tags`. */
    readonly tags: readonly string[];
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
