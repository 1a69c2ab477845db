/**
 * Rows rewritten inside a transaction, each read once (src/store/rewrite-rows.ts). The
 * precision of what live queries are told is pinned down where it matters, for the
 * acknowledgements of a push (test/worker/push-commits.test.ts); here: which rows are
 * written, in which transaction, and what is left alone.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newContact } from '../../src/store/build-contact.js';
import { contactRow } from '../../src/store/index-keys.js';
import { PRECISE_WRITE, rewriteRows } from '../../src/store/rewrite-rows.js';
import type { ContactRow, ContactsDb } from '../../src/store/schema.js';
import { touchedParts } from '../support/touched-parts.js';
import { openTestDb } from './test-db.js';

const row = (id: string, company = 'Old'): ContactRow => contactRow(newContact(id, { name: { first: 'Ann', last: id }, company }, Date.UTC(2024, 0, 1)));
const renamed = (r: ContactRow): ContactRow => contactRow({ ...r.c, revision: r.c.revision + 1, info: { ...r.c.info, company: 'New' } });

describe('rewriteRows', () => {
  let db: ContactsDb;
  beforeEach(async () => { ({ db } = await openTestDb(`rw-${Math.random()}`)); });
  afterEach(() => { db.close(); });

  it('writes what `rewrite` makes of each existing row, skips missing ones, and passes each row its index in `ids`', async () => {
    await db.contacts.bulkPut([row('a'), row('c')]);
    const seen: [string, number][] = [];
    await db.transaction('rw', db.contacts, () => rewriteRows(db, ['a', 'b', 'c'], (r, i) => { seen.push([r._id, i]); return renamed(r); }));
    expect(seen).toEqual([['a', 0], ['c', 2]]);
    expect((await db.contacts.bulkGet(['a', 'b', 'c'])).map((r) => r?.c.info.company)).toEqual(['New', undefined, 'New']);
    expect(await db.contacts.count()).toBe(2);
  });

  it(`writes more than ${PRECISE_WRITE} rows in several writes, every one of them precise for live queries`, async () => {
    const ids = Array.from({ length: 2 * PRECISE_WRITE + 3 }, (_, i) => `r${String(i).padStart(3, '0')}`);
    await db.contacts.bulkPut(ids.map((id) => row(id)));
    const touched = await touchedParts(db.name, 'contacts', () => db.transaction('rw', db.contacts, () => rewriteRows(db, ids, renamed)));
    expect((await db.contacts.toArray()).every((r) => r.c.info.company === 'New' && r.c.revision === 2)).toBe(true);
    // Only the primary key: no deletion (':dels') and no index (the company is not indexed).
    expect(touched).toEqual(new Set(['']));
  });

  it("writes in the caller's transaction: when it aborts, nothing is written", async () => {
    await db.contacts.bulkPut([row('a'), row('b')]);
    await expect(db.transaction('rw', db.contacts, async () => {
      await rewriteRows(db, ['a', 'b'], renamed);
      throw new Error('abort');
    })).rejects.toThrow('abort');
    expect((await db.contacts.toArray()).map((r) => r.c.info.company)).toEqual(['Old', 'Old']);
  });

  it('refuses to run outside a transaction (its read and write would not be one)', async () => {
    await expect(rewriteRows(db, ['a'], renamed)).rejects.toThrow(/inside a transaction/);
  });
});
