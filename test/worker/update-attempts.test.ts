import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Contact, ContactInfo } from '../../src/model/contact.js';
import { ContactsDb } from '../../src/store/schema.js';
import { lostUpdateAppliedAs, recordLostUpdate } from '../../worker/update-attempts.js';

const contact = (revision: number, info: ContactInfo): Contact => ({ _id: 'c1', revision, info });

const sent: ContactInfo = {
  name: { first: 'Ada' },
  emails: { items: [{ email: 'ada@example.com', tag: 'WORK', primary: true }] },
  phones: { items: [{ phone: '555 0100', countryCode: 'US', tag: 'MOBILE', primary: true }] },
};
/** What the server makes of `sent`: item ids and the E.164 form are its own. */
const applied: ContactInfo = {
  name: { first: 'Ada' },
  emails: { items: [{ _id: 'e-1', email: 'ada@example.com', tag: 'WORK', primary: true }] },
  phones: { items: [{ _id: 'p-1', phone: '555 0100', countryCode: 'US', e164Phone: '+15550100', tag: 'MOBILE', primary: true }] },
};
const base = contact(4, { name: { first: 'Ada' } });

describe('lostUpdateAppliedAs', () => {
  let db: ContactsDb;
  beforeEach(async () => {
    db = new ContactsDb('update-attempts', { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.open();
  });
  afterEach(() => { db.close(); });

  it('recognises the server copy of a recorded PATCH, whatever ids the server gave its items', async () => {
    await recordLostUpdate(db, 'c1', { baseRevision: 4, sent });
    expect(await lostUpdateAppliedAs(db, 'c1', base, contact(5, applied))).toEqual({ baseRevision: 4, sent });
  });

  it('does not take somebody else\'s edit, a later revision, another base or no record for ours', async () => {
    expect(await lostUpdateAppliedAs(db, 'c1', base, contact(5, applied))).toBeUndefined();
    await recordLostUpdate(db, 'c1', { baseRevision: 4, sent });
    expect(await lostUpdateAppliedAs(db, 'c1', base, contact(5, { ...applied, company: 'Other app' }))).toBeUndefined();
    expect(await lostUpdateAppliedAs(db, 'c1', base, contact(6, applied))).toBeUndefined();
    expect(await lostUpdateAppliedAs(db, 'c1', contact(5, applied), contact(6, applied))).toBeUndefined();
    expect(await lostUpdateAppliedAs(db, 'c2', base, contact(5, applied))).toBeUndefined();
  });
});
