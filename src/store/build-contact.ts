/**
 * Pure constructors of stored contacts: what a local create or change writes. The derived,
 * read-only fields are recomputed here so that every write path (local API, import, engine)
 * stores the same shape the server would answer with.
 */
import type { Contact, ContactInfo } from '../model/contact.js';
import { derivePrimaryFields } from '../model/normalize.js';

/**
 * The source of a contact created on this device. Wix sets `source` server-side from the
 * caller (an app, the dashboard...); a local create has no such caller, so it says `OTHER`
 * until the server's copy replaces it after the first push.
 */
export const LOCAL_SOURCE = { sourceType: 'OTHER' } as const;

/**
 * A new contact (revision 1) from a normalised info.
 *
 * @example
 * ```ts
 * const c = newContact(newTempId(), normalizeInfo(info), Date.now());
 * c.revision; // 1
 * ```
 */
export function newContact(id: string, info: ContactInfo, nowMs: number): Contact {
  const derived = derivePrimaryFields(info);
  // Assigned in the stored key order rather than spread: an import builds thousands of these.
  const contact: Partial<Contact> = {
    _id: id,
    revision: 1,
    source: { ...LOCAL_SOURCE },
    _createdDate: new Date(nowMs),
    _updatedDate: new Date(nowMs),
    lastActivity: { activityDate: new Date(nowMs), activityType: 'CONTACT_CREATED' },
  };
  if (derived.primaryInfo !== undefined) contact.primaryInfo = derived.primaryInfo;
  if (derived.primaryEmail !== undefined) contact.primaryEmail = derived.primaryEmail;
  if (derived.primaryPhone !== undefined) contact.primaryPhone = derived.primaryPhone;
  contact.info = info;
  return contact as Contact;
}

/**
 * `current` with a new normalised info: revision + 1, `_updatedDate` now, and the primary
 * fields re-derived (a primary field that no longer applies is removed, not kept stale).
 *
 * @example
 * ```ts
 * const next = withInfo(current, normalizeInfo(applyInfoPatch(current.info, patch)), Date.now());
 * next.revision === current.revision + 1; // true
 * ```
 */
export function withInfo(current: Contact, info: ContactInfo, nowMs: number): Contact {
  // Copied key by key rather than with a rest pattern (which V8 runs through a slow generic
  // copy), keeping the same key order: the current keys without the primary fields, which
  // are appended re-derived.
  const next: Partial<Contact> = {};
  for (const key of Object.keys(current) as (keyof Contact)[]) {
    if (key !== 'primaryInfo' && key !== 'primaryEmail' && key !== 'primaryPhone') copyField(next, current, key);
  }
  const derived = derivePrimaryFields(info, current);
  if (derived.primaryInfo !== undefined) next.primaryInfo = derived.primaryInfo;
  if (derived.primaryEmail !== undefined) next.primaryEmail = derived.primaryEmail;
  if (derived.primaryPhone !== undefined) next.primaryPhone = derived.primaryPhone;
  next.info = info;
  next.revision = current.revision + 1;
  next._updatedDate = new Date(nowMs);
  return next as Contact;
}

function copyField<K extends keyof Contact>(to: Partial<Contact>, from: Contact, key: K): void {
  to[key] = from[key];
}
