/**
 * The REST (wire) form of contacts and the mapping to and from the SDK form.
 * REST: `id`, `createdDate`/`updatedDate` as ISO strings at every level (item `id`s too),
 * address `addressLine`/`formattedAddress`/`geocode`, and `info.picture.image` as an Image
 * object `{ id, url, height, width, altText? }`. SDK: `_id`, `Date`s, `addressLine1`/`formatted`/
 * `location`, and the picture as a URL string.
 */
import type { Contact, ContactInfo } from './contact.js';

/** A REST image object. */
export interface WireImage {
  id: string;
  url: string;
  height: number;
  width: number;
  altText?: string;
}

/** A JSON object as it arrives off the wire. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A contact in REST form (loosely typed: it is what goes through JSON). */
export type WireContact = { id: string; revision: number; info: Record<string, Json> } & Record<string, Json>;

/** The REST form of an SDK info (pure renaming; no validation). */
export function infoToWire(info: ContactInfo): Record<string, Json> {
  void info; throw new Error('TODO(model helper): not implemented yet');
}

/**
 * The SDK form of a REST info, renaming the keys it knows and passing everything else
 * through untouched, so that `validateInfo` can then reject unknown fields and wrong types
 * with a field path. Never throws on odd input.
 */
export function infoFromWire(json: unknown): unknown {
  void json; throw new Error('TODO(model helper): not implemented yet');
}

/** The REST form of an SDK contact. */
export function contactToWire(contact: Contact): WireContact {
  void contact; throw new Error('TODO(model helper): not implemented yet');
}

/**
 * The SDK form of a REST contact received from a server.
 *
 * @throws ContactsError 502 `BAD_RESPONSE` when `json` is not a contact (no string `id`,
 * no integer `revision` >= 1, `info` not an object, dates that do not parse...), so a
 * broken response can never be written locally.
 */
export function contactFromWire(json: unknown): Contact {
  void json; throw new Error('TODO(model helper): not implemented yet');
}
