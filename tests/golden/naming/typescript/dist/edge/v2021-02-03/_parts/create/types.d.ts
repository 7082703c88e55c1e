/**
 * Request and response types of Edge 2021-02-03, part Create:
 * exported by `../../types.ts`.
 *
 * @module
 */
/** Parameters of CreateThing: 创建东西 */
export interface CreateThingRequest {
    /**
     * 名字
     *
     * Wire name: `ThingName`.
     */
    readonly thingName: string;
    /** Wire name: `Enabled`. */
    readonly enabled?: boolean;
    /** Wire name: `Tag`. */
    readonly tag?: readonly CreateThingTagItem[];
}
export interface CreateThingResponse {
    /** Wire name: `RequestId`. */
    readonly requestId?: string;
    /** Wire name: `ThingId`. */
    readonly thingId?: string;
    /** Wire name: `Done`. */
    readonly done?: boolean;
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
export interface CreateThingTagItem {
    /** Wire name: `Key`. */
    readonly key?: string;
    /** Wire name: `Value`. */
    readonly value?: string;
    /** Fields the spec does not know (yet), by wire name. */
    readonly $extra?: Readonly<Record<string, unknown>>;
}
