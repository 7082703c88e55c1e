/**
 * The shapes of Edge 2021-02-03 as data, part Create
 * (see `../../shapes.ts`).
 *
 * @module
 */
import type * as codec from "../../../../runtime/codec.js";
export declare const CreateThingRequest: codec.ShapeSpec;
export declare const CreateThingResponse: codec.ShapeSpec;
export declare const CreateThingTagItem: codec.ShapeSpec;
