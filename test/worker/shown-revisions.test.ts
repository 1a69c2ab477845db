import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContactsDb } from '../../src/store/schema.js';
import { STORAGE_FORMAT_KEY } from '../../src/store/storage-format.js';
import { forgetCreateAttempt, recordCreateAttempt } from '../../worker/create-attempts.js';
import { forgetShownRevisions, rememberShownRevision, shownRevision } from '../../worker/shown-revisions.js';

describe('shown revisions (kept while a lost create may re-key onto a deleted id)', () => {
  let db: ContactsDb;
  beforeEach(async () => {
    db = new ContactsDb('shown-revisions', { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.open();
  });
  afterEach(() => { db.close(); });

  it('records nothing when no create is out: nothing can bring the id back', async () => {
    await rememberShownRevision(db, 's1', 4);
    expect(await shownRevision(db, 's1')).toBeUndefined();
  });

  it('records while a create is out, forgets one id when it came back, and all with the last create', async () => {
    await recordCreateAttempt(db, 'm1', { info: { name: { first: 'A' } }, allowDuplicates: false });
    await recordCreateAttempt(db, 'm2', { info: { name: { first: 'B' } }, allowDuplicates: false });
    await rememberShownRevision(db, 's1', 4);
    await rememberShownRevision(db, 's2', 7);
    expect([await shownRevision(db, 's1'), await shownRevision(db, 's2')]).toEqual([4, 7]);
    await forgetShownRevisions(db, 's1');
    expect(await shownRevision(db, 's1')).toBeUndefined();
    await forgetCreateAttempt(db, 'm1');
    expect(await shownRevision(db, 's2')).toBe(7); // m2 is still out
    await forgetCreateAttempt(db, 'm2');
    expect(await shownRevision(db, 's2')).toBeUndefined();
    // Nothing of the creates or the revisions is left (the storage-format stamp stays).
    expect(await db.meta.toCollection().primaryKeys()).toEqual([STORAGE_FORMAT_KEY]);
  });
});
