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
  const at = new Date(nowMs);
  return {
    _id: id,
    revision: 1,
    source: { ...LOCAL_SOURCE },
    _createdDate: at,
    _updatedDate: new Date(nowMs),
    lastActivity: { activityDate: new Date(nowMs), activityType: 'CONTACT_CREATED' },
    ...derivePrimaryFields(info),
    info,
  };
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
  const { primaryInfo: _pi, primaryEmail: _pe, primaryPhone: _pp, ...rest } = current;
  return {
    ...rest,
    ...derivePrimaryFields(info, current),
    info,
    revision: current.revision + 1,
    _updatedDate: new Date(nowMs),
  };
}
