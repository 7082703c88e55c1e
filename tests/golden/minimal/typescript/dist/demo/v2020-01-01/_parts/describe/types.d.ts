/**
 * Request and response types of Demo 2020-01-01, part Describe:
 * exported by `../../types.ts`.
 *
 * @module
 */
/** Parameters of DescribeThings: 查询东西 */
export interface DescribeThingsRequest {
    /**
     * 东西的ID。
     *
     * Wire name: `ThingId`.
     */
    readonly thingId?: string;
}
export interface DescribeThingsResponse {
    /** Wire name: `RequestId`. */
    readonly requestId?: string;
    /** Wire name: `ThingSet`. */
    readonly thingSet: readonly Thing[];
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
export interface Thing {
    /** Wire name: `ThingId`. */
    readonly thingId?: string;
    /**
     * 东西的类型
     *
     * Wire name: `Type`.
     */
    readonly type?: string;
    /** Wire name: `Size`. */
    readonly size?: number;
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
