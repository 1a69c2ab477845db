/**
 * Builds the stored form of a contact from a normalised info: the read-only fields the
 * server computes (item ids, primary info and statuses, dates, last activity, revision).
 */
import type { Contact, ContactInfo } from '../../src/model/contact.js';
import { derivePrimaryFields } from '../../src/model/normalize.js';
import { contactToWire } from '../../src/model/wire.js';
import type { StoredContact } from '../storage/contact-columns.js';

type ItemList = 'emails' | 'phones' | 'addresses';
const ITEM_LISTS: readonly ItemList[] = ['emails', 'phones', 'addresses'];

function idsOf(info: ContactInfo | undefined, list: ItemList): Set<string> {
  const ids = new Set<string>();
  for (const item of info?.[list]?.items ?? []) if (item._id !== undefined) ids.add(item._id);
  return ids;
}

/**
 * Gives every email, phone and address item an `_id`: an item keeps its id when that id
 * belongs to the same list of `previous` (and is not used twice); any other item, including
 * one carrying an id the contact never had, gets a new GUID. Returns a new info.
 */
export function assignItemIds(info: ContactInfo, previous: ContactInfo | undefined, newId: () => string): ContactInfo {
  const out: ContactInfo = { ...info };
  for (const list of ITEM_LISTS) {
    const wrapper = info[list];
    if (wrapper === undefined) continue;
    const owned = idsOf(previous, list);
    const used = new Set<string>();
    const items = wrapper.items.map((item) => {
      const keep = item._id !== undefined && owned.has(item._id) && !used.has(item._id);
      const _id = keep && item._id !== undefined ? item._id : newId();
      used.add(_id);
      return { ...item, _id };
    });
    Object.assign(out, { [list]: { items } });
  }
  return out;
}

/** Pairs a contact with its REST form, ready to be written and returned. */
export function toStored(contact: Contact): StoredContact {
  const wire = contactToWire(contact);
  return { contact, wire, json: JSON.stringify(wire) };
}

/** A new contact (revision 1) from a normalised info that already has item ids. */
export function newContact(info: ContactInfo, id: string, now: Date): Contact {
  return {
    _id: id,
    revision: 1,
    source: { sourceType: 'OTHER' },
    _createdDate: now,
    _updatedDate: now,
    lastActivity: { activityDate: now, activityType: 'CONTACT_CREATED' },
    info,
    ...derivePrimaryFields(info),
  };
}

/**
 * The next version of `current` with a new normalised info: revision + 1, a new
 * `_updatedDate`, primary fields recomputed (statuses kept where the primary is unchanged).
 */
export function nextVersion(current: Contact, info: ContactInfo, now: Date): Contact {
  const { primaryInfo: _pi, primaryEmail: _pe, primaryPhone: _pp, ...rest } = current;
  return { ...rest, revision: current.revision + 1, _updatedDate: now, info, ...derivePrimaryFields(info, current) };
}
