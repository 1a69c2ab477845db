import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Contact, ContactInfo } from '../../src/model/contact.js';
import { ContactsDb } from '../../src/store/schema.js';
import {
  forgetUpdateAttempts, holdUpdateAttempt, lostUpdateAppliedAs, MAX_ATTEMPTS_PER_BASE, mayHaveLanded, recordUpdateAttempt, updateAttemptsKey, withHeldAttempts,
} from '../../worker/update-attempts.js';

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

describe('update attempts', () => {
  let db: ContactsDb;
  let factory: IDBFactory;
  beforeEach(async () => {
    factory = new IDBFactory();
    db = new ContactsDb('update-attempts', { indexedDB: factory, IDBKeyRange });
    await db.open();
  });
  afterEach(() => { db.close(); });

  it('recognises the server copy of a recorded PATCH, whatever ids the server gave its items', async () => {
    await recordUpdateAttempt(db, 'c1', { baseRevision: 4, sent });
    expect(await lostUpdateAppliedAs(db, 'c1', base, contact(5, applied))).toEqual(sent);
  });

  it('does not take somebody else\'s edit, a later revision, another base or no record for ours', async () => {
    expect(await lostUpdateAppliedAs(db, 'c1', base, contact(5, applied))).toBeUndefined();
    await recordUpdateAttempt(db, 'c1', { baseRevision: 4, sent });
    expect(await lostUpdateAppliedAs(db, 'c1', base, contact(5, { ...applied, company: 'Other app' }))).toBeUndefined();
    expect(await lostUpdateAppliedAs(db, 'c1', base, contact(6, applied))).toBeUndefined();
    expect(await lostUpdateAppliedAs(db, 'c1', contact(5, applied), contact(6, applied))).toBeUndefined();
    expect(await lostUpdateAppliedAs(db, 'c2', base, contact(5, applied))).toBeUndefined();
  });

  it('keeps every attempt on one base, and starts over on a newer base', async () => {
    const later: ContactInfo = { ...sent, company: 'Later' };
    await recordUpdateAttempt(db, 'c1', { baseRevision: 4, sent });
    await recordUpdateAttempt(db, 'c1', { baseRevision: 4, sent: later });
    // Either may be the one that landed.
    expect(await lostUpdateAppliedAs(db, 'c1', base, contact(5, applied))).toEqual(sent);
    expect(await lostUpdateAppliedAs(db, 'c1', base, contact(5, { ...applied, company: 'Later' }))).toEqual(later);
    await recordUpdateAttempt(db, 'c1', { baseRevision: 5, sent: later });
    expect(await lostUpdateAppliedAs(db, 'c1', base, contact(5, applied))).toBeUndefined();
    expect(await lostUpdateAppliedAs(db, 'c1', contact(5, applied), contact(6, { ...applied, company: 'Later' }))).toEqual(later);
  });

  it('keeps at most MAX_ATTEMPTS_PER_BASE attempts, the newest', async () => {
    for (let i = 0; i < MAX_ATTEMPTS_PER_BASE + 3; i++) await recordUpdateAttempt(db, 'c1', { baseRevision: 4, sent: { ...sent, company: `v${i}` } });
    expect(await lostUpdateAppliedAs(db, 'c1', base, contact(5, { ...applied, company: 'v2' }))).toBeUndefined();
    expect(await lostUpdateAppliedAs(db, 'c1', base, contact(5, { ...applied, company: 'v3' }))).toBeDefined();
  });

  it('reads a record of the earlier single-attempt shape', async () => {
    await db.meta.put({ key: updateAttemptsKey('c1'), value: { baseRevision: 4, sent } });
    expect(await lostUpdateAppliedAs(db, 'c1', base, contact(5, applied))).toEqual(sent);
  });

  it('says a PATCH may have landed only for an attempt on this base that changes something', async () => {
    expect(await mayHaveLanded(db, 'c1', base)).toBe(false);
    await recordUpdateAttempt(db, 'c1', { baseRevision: 4, sent: base.info });
    expect(await mayHaveLanded(db, 'c1', base)).toBe(false);
    await recordUpdateAttempt(db, 'c1', { baseRevision: 4, sent });
    expect(await mayHaveLanded(db, 'c1', base)).toBe(true);
    expect(await mayHaveLanded(db, 'c1', contact(5, applied))).toBe(false);
    await forgetUpdateAttempts(db, ['c1']);
    expect(await mayHaveLanded(db, 'c1', base)).toBe(false);
  });

  it('holds an attempt that could not be written (disk full) until forgotten, joined with the stored ones', async () => {
    const later: ContactInfo = { ...sent, company: 'Later' };
    await recordUpdateAttempt(db, 'c1', { baseRevision: 4, sent });
    holdUpdateAttempt(db, 'c1', { baseRevision: 4, sent: later });
    expect(await db.meta.get(updateAttemptsKey('c1'))).toMatchObject({ value: { sent: [sent] } });
    expect(await lostUpdateAppliedAs(db, 'c1', base, contact(5, applied))).toEqual(sent);
    expect(await lostUpdateAppliedAs(db, 'c1', base, contact(5, { ...applied, company: 'Later' }))).toEqual(later);
    // Another engine's database object does not see what this one holds.
    const other = new ContactsDb('update-attempts', { indexedDB: factory, IDBKeyRange });
    expect(withHeldAttempts(other, 'c1', undefined)).toBeUndefined();
    // A newer base held wins over an older one stored; an older base held loses.
    holdUpdateAttempt(db, 'c2', { baseRevision: 6, sent });
    expect(withHeldAttempts(db, 'c2', { baseRevision: 5, sent: [later] })).toEqual({ baseRevision: 6, sent: [sent] });
    expect(withHeldAttempts(db, 'c2', { baseRevision: 7, sent: [later] })).toEqual({ baseRevision: 7, sent: [later] });
    // A record written later takes the held attempt in; forgetting drops both.
    await recordUpdateAttempt(db, 'c1', { baseRevision: 4, sent: { ...sent, company: 'Last' } });
    expect((await db.meta.get(updateAttemptsKey('c1')))?.value).toMatchObject({ sent: [sent, later, { company: 'Last' }] });
    await forgetUpdateAttempts(db, ['c1']);
    expect(await lostUpdateAppliedAs(db, 'c1', base, contact(5, { ...applied, company: 'Later' }))).toBeUndefined();
    expect(await mayHaveLanded(db, 'c1', base)).toBe(false);
  });
});
