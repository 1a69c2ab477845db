/**
 * The REST (wire) form of a `ContactInfo` and the renaming to and from the SDK form.
 * The picture mapping follows the Wix SDK's own (so the real SDK, talking to our server,
 * reads the same strings): a `wix:image://v1/<id>[/<name>]#originWidth=..&originHeight=..`
 * string becomes `{ id, url, width, height, altText, filename }`, a plain URL `{ url }`,
 * and back. SDK -> wire -> SDK is the identity for every string.
 */
import type { ContactInfo } from './contact.js';
import { parseWixImage } from './formats.js';
import { isPlainObject, setOwn, type PlainObject } from './plain-object.js';

/** A JSON value as it goes over the wire. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A REST image object. Wix media has `id`, `width`, `height` (and `altText`/`filename`, the
 * file name of the SDK string); an external picture has only `url`.
 */
export interface WireImage {
  id?: string;
  url?: string;
  height?: number;
  width?: number;
  altText?: string;
  filename?: string;
}

/** Where Wix serves media by id; gives REST clients a usable `url`. */
const WIX_MEDIA_URL = 'https://static.wixstatic.com/media/';

const SDK_TO_REST_ITEM = new Map([['_id', 'id'], ['_createdDate', 'createdDate'], ['_updatedDate', 'updatedDate']]);
const REST_TO_SDK_ITEM = invert(SDK_TO_REST_ITEM);
const SDK_TO_REST_ADDRESS = new Map([['addressLine1', 'addressLine'], ['formatted', 'formattedAddress'], ['location', 'geocode']]);
const REST_TO_SDK_ADDRESS = invert(SDK_TO_REST_ADDRESS);

function invert(map: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  return new Map([...map].map(([a, b]) => [b, a]));
}

/**
 * The REST form of an SDK info (pure renaming; no validation): item `_id` -> `id`, address
 * `addressLine1`/`formatted`/`location` -> `addressLine`/`formattedAddress`/`geocode`,
 * picture string -> Image object.
 *
 * @example
 * ```ts
 * infoToWire({ emails: { items: [{ _id: 'e1', email: 'a@b.co' }] } }); // { emails: { items: [{ id: 'e1', email: 'a@b.co' }] } }
 * ```
 */
export function infoToWire(info: ContactInfo): Record<string, Json> {
  return mapInfo(info as PlainObject, { items: SDK_TO_REST_ITEM, address: SDK_TO_REST_ADDRESS, image: imageToWire, value: copy }) as Record<string, Json>;
}

/**
 * The SDK form of a REST info, renaming the keys it knows and passing everything else
 * through untouched, so that `validateInfo` can then reject unknown fields and wrong types
 * with a field path. Never throws on odd input.
 */
export function infoFromWire(json: unknown): unknown {
  if (!isPlainObject(json)) return json;
  // Values are passed by reference: validation builds its own copy and never mutates.
  return mapInfo(json, { items: REST_TO_SDK_ITEM, address: REST_TO_SDK_ADDRESS, image: imageFromWire, value: (v) => v });
}

/** The REST Image of an SDK picture string. */
export function imageToWire(image: unknown): unknown {
  if (typeof image !== 'string') return image;
  const wix = parseWixImage(image);
  if (!wix) return { url: image };
  return {
    id: wix.id, url: `${WIX_MEDIA_URL}${wix.id}`, height: wix.height, width: wix.width,
    ...(wix.name === undefined ? {} : { altText: wix.name, filename: wix.name }),
  };
}

/** The SDK picture string of a REST Image; anything that is not an image passes through. */
export function imageFromWire(image: unknown): unknown {
  if (!isPlainObject(image)) return image;
  const { id, url, width, height } = image;
  const name = nonEmptyString(image['filename']) ?? nonEmptyString(image['altText']);
  if (nonEmptyString(id) !== undefined && isDimension(width) && isDimension(height)) {
    const suffix = name === undefined ? '' : `/${encodeURIComponent(name)}`;
    return `wix:image://v1/${String(id)}${suffix}#originWidth=${width}&originHeight=${height}`;
  }
  return typeof url === 'string' ? url : image;
}

function nonEmptyString(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function isDimension(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** How one direction of the mapping treats each part. */
interface Direction {
  readonly items: ReadonlyMap<string, string>;
  readonly address: ReadonlyMap<string, string>;
  readonly image: (image: unknown) => unknown;
  /** Copies a value that is not renamed. */
  readonly value: (v: unknown) => unknown;
}

/** Renames an info's item and address keys and maps its picture; other values go through `dir.value`. */
function mapInfo(info: PlainObject, dir: Direction): PlainObject {
  const copy = dir.value;
  const rename = (obj: PlainObject, map: ReadonlyMap<string, string>): PlainObject => renameKeys(obj, map, copy);
  const replaceKey = (obj: PlainObject, key: string, value: unknown): PlainObject => replaceKeyIn(obj, key, value, copy);
  const mapItems = (wrapper: unknown, each: (item: unknown) => unknown): unknown => {
    if (!isPlainObject(wrapper) || !Array.isArray(wrapper['items'])) return copy(wrapper);
    return replaceKey(wrapper, 'items', wrapper['items'].map(each));
  };
  const mapItem = (item: unknown): unknown => (isPlainObject(item) ? rename(item, dir.items) : copy(item));
  const mapAddressItem = (item: unknown): unknown => {
    const renamed = mapItem(item);
    if (!isPlainObject(renamed) || !isPlainObject(renamed['address'])) return renamed;
    return replaceKey(renamed, 'address', rename(renamed['address'], dir.address));
  };
  const out: PlainObject = {};
  for (const key of Object.keys(info)) {
    const value = info[key];
    if (value === undefined) continue;
    if (key === 'emails' || key === 'phones') setOwn<unknown>(out, key, mapItems(value, mapItem));
    else if (key === 'addresses') setOwn<unknown>(out, key, mapItems(value, mapAddressItem));
    else if (key === 'picture' && isPlainObject(value)) setOwn<unknown>(out, key, replaceKey(value, 'image', dir.image(value['image'])));
    else setOwn<unknown>(out, key, copy(value));
  }
  return out;
}

/** A copy of `obj` with its keys renamed by `map`; a key whose new name is already taken is kept as it is. */
function renameKeys(obj: PlainObject, map: ReadonlyMap<string, string>, copy: (v: unknown) => unknown): PlainObject {
  const out: PlainObject = {};
  for (const key of Object.keys(obj)) {
    const target = map.get(key);
    const name = target !== undefined && !Object.hasOwn(obj, target) ? target : key;
    if (obj[key] !== undefined) setOwn<unknown>(out, name, copy(obj[key]));
  }
  return out;
}

function replaceKeyIn(obj: PlainObject, key: string, value: unknown, copy: (v: unknown) => unknown): PlainObject {
  const out = renameKeys(obj, new Map(), copy);
  if (value === undefined) delete out[key];
  else setOwn<unknown>(out, key, value);
  return out;
}

/** A deep copy of JSON-like data: `undefined` dropped, `Date`s as ISO strings, prototypes never touched. */
export function copy(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map((v: unknown) => (v === undefined ? null : copy(v)));
  if (!isPlainObject(value)) return value;
  const out: PlainObject = {};
  for (const key of Object.keys(value)) {
    if (value[key] !== undefined) setOwn<unknown>(out, key, copy(value[key]));
  }
  return out;
}
