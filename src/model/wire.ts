/**
 * The REST (wire) form of contacts and the mapping to and from the SDK form.
 * REST: `id`, `createdDate`/`updatedDate` as ISO strings at every level (item `id`s too),
 * address `addressLine`/`formattedAddress`/`geocode`, and `info.picture.image` as an Image
 * object (`{ id, url, height, width, altText?, filename? }` or `{ url }`). SDK: `_id`,
 * `Date`s, `addressLine1`/`formatted`/`location`, and the picture as a string. The info
 * mapping itself is in `wire-info.ts`.
 */
import { CheckContext } from './check-context.js';
import { checkWireContact } from './check-contact.js';
import type { Contact } from './contact.js';
import { ContactsError } from './contacts-error.js';
import { copy, infoToWire, type Json } from './wire-info.js';
import { readWireContact } from './wire-read.js';

export { imageFromWire, imageToWire, infoFromWire, infoToWire, type Json, type WireImage } from './wire-info.js';

/** A contact in REST form (loosely typed: it is what goes through JSON). */
export type WireContact = { id: string; revision: number; info: Record<string, Json> } & Record<string, Json>;

/**
 * The REST form of an SDK contact.
 *
 * @example
 * ```ts
 * contactToWire({ _id: 'c1', revision: 1, _createdDate: new Date(0), info: {} });
 * // { id: 'c1', revision: 1, createdDate: '1970-01-01T00:00:00.000Z', info: {} }
 * ```
 */
export function contactToWire(contact: Contact): WireContact {
  const out: WireContact = { id: contact._id, revision: contact.revision, info: infoToWire(contact.info) };
  const put = (key: string, value: unknown): void => {
    const json = copy(value) as Json | undefined;
    if (json !== undefined && json !== null) out[key] = json;
  };
  put('source', contact.source);
  put('createdDate', contact._createdDate);
  put('updatedDate', contact._updatedDate);
  put('lastActivity', contact.lastActivity);
  put('primaryInfo', contact.primaryInfo);
  put('primaryEmail', contact.primaryEmail);
  put('primaryPhone', contact.primaryPhone);
  put('memberInfo', contact.memberInfo);
  // Key order as Wix sends it: info after the envelope fields.
  const { info, ...rest } = out;
  return { ...rest, info };
}

/**
 * The SDK form of a REST contact received from a server. Read-only fields (`e164Phone`,
 * item ids, `contacts.displayBy*` and other system extended fields) are kept; unknown
 * fields are dropped; lengths and formats are not re-checked (the server owns them).
 *
 * @throws ContactsError 502 `BAD_RESPONSE` when `json` is not a contact (no string `id`,
 * no integer `revision` >= 1, `info` not an object, known fields of the wrong type, dates
 * that do not parse...), so a broken response can never be written locally. The message
 * starts with the offending path (`contact.info.emails.items[0].email: must be a string`);
 * `data` has `path` and every `violations` entry.
 */
export function contactFromWire(json: unknown): Contact {
  // The common case in one walk; anything unusual (and every error) takes the full check,
  // which alone builds paths and violations (wire-read.ts).
  const fast = readWireContact(json);
  if (fast !== undefined) return fast;
  const ctx = new CheckContext('response');
  const contact = checkWireContact(json, 'contact', ctx);
  const first = ctx.violations[0];
  if (first || !contact) {
    const path = first?.field ?? 'contact';
    const description = first?.description ?? 'is not a contact';
    throw new ContactsError({
      code: 'BAD_RESPONSE',
      message: `${path}: ${description}`,
      data: { path, violations: ctx.violations },
    });
  }
  return contact;
}
