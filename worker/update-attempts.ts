/**
 * Records of PATCHes whose answer never came. The server may have applied such a PATCH; the
 * next attempt then meets 409 `CONTACT_ALREADY_CHANGED` and a server copy one revision on
 * that is, field for field, what was sent. Rebased with the old base as the merge base, that
 * copy would read as somebody else's edit, and an edit the user made while the request was
 * out would be undone by our own write (a removal made meanwhile came back: soak seed 1226).
 * With the record, that 409 is taken for the acknowledgement it is.
 *
 * Written only when an answer is lost (a rare path, so a push pays nothing for it), keyed by
 * contact; a record whose base revision is no longer the contact's base never matches again
 * (base revisions only go up) and is overwritten by the next lost answer of that contact.
 * A page killed while a PATCH is out writes no record: that window stays, as it does for
 * any client that cannot ask the server who wrote a revision.
 */
import type { Contact, ContactInfo } from '../src/model/contact.js';
import { deepEqual } from '../src/model/plain-object.js';
import type { ContactsDb } from '../src/store/schema.js';

/** A PATCH sent on `baseRevision` that left the contact's info as `sent`, had it been applied. */
export interface UpdateAttempt {
  readonly baseRevision: number;
  readonly sent: ContactInfo;
}

const key = (contactId: string): string => `update:${contactId}`;

/** Records a PATCH whose answer was lost. Call in a transaction over `meta`. */
export async function recordLostUpdate(db: ContactsDb, contactId: string, attempt: UpdateAttempt): Promise<void> {
  await db.meta.put({ key: key(contactId), value: attempt });
}

/** Forgets the record of a contact (its lost PATCH has been accounted for). */
export async function forgetLostUpdate(db: ContactsDb, contactId: string): Promise<void> {
  await db.meta.delete(key(contactId));
}

/**
 * The recorded lost PATCH that `remote` is the result of, if any: sent on the base the
 * contact still has, one revision behind `remote`, with the same content (item ids and
 * `e164Phone` aside: the server assigns them). Whoever wrote that revision, the contact is
 * exactly as if our PATCH had been applied, so acknowledging it loses nothing.
 */
export async function lostUpdateAppliedAs(db: ContactsDb, contactId: string, base: Contact, remote: Contact): Promise<UpdateAttempt | undefined> {
  if (remote.revision !== base.revision + 1) return undefined;
  const row = await db.meta.get(key(contactId));
  const attempt = row?.value as UpdateAttempt | undefined;
  if (attempt === undefined || attempt.baseRevision !== base.revision) return undefined;
  return deepEqual(withoutServerIds(attempt.sent), withoutServerIds(remote.info)) ? attempt : undefined;
}

/** `info` without what only the server assigns to list items. */
function withoutServerIds(info: ContactInfo): unknown {
  const strip = (items: readonly object[] | undefined): unknown[] | undefined =>
    items?.map((item) => {
      const { _id: _server, e164Phone: _derived, ...rest } = item as { _id?: unknown; e164Phone?: unknown };
      return rest;
    });
  return {
    ...info,
    emails: strip(info.emails?.items),
    phones: strip(info.phones?.items),
    addresses: strip(info.addresses?.items),
  };
}
