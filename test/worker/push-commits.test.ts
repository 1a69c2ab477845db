/**
 * What an acknowledged PATCH writes (worker/push-commits.ts `commitAck`), seen from the
 * outside: the IndexedDB requests it makes and what Dexie then tells live queries. During a
 * push every answer is acknowledged, so each request saved and each live query not re-run
 * counts once per edit.
 */
import type { DBCore, Middleware } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../src/model/contact.js';
import { asServerId, asServerRevision, randomId, type ContactId, type MutationId } from '../../src/model/ids.js';
import { baseOf } from '../../src/store/base-of.js';
import { newContact } from '../../src/store/build-contact.js';
import { ContactStore } from '../../src/store/contact-store.js';
import { contactRow } from '../../src/store/index-keys.js';
import { ContactsDb } from '../../src/store/schema.js';
import type { EngineDeps } from '../../worker/engine-deps.js';
import { takeLeadership } from '../../worker/fence.js';
import { commitAck, commitPark } from '../../worker/push-commits.js';
import { readSnapshot } from '../../worker/snapshot.js';
import { TxBatcher } from '../../worker/tx-batcher.js';
import { contactOutboxRows } from '../store/test-db.js';
import { onTable } from '../support/table-middleware.js';
import { touchedParts } from '../support/touched-parts.js';

/** Counts requests on `contacts` by kind while `on.value` is true. */
function requestCounter(counts: Map<string, number>, on: { value: boolean }): Middleware<{ stack: 'dbcore' } & DBCore> {
  const count = (kind: string): void => { if (on.value) counts.set(kind, (counts.get(kind) ?? 0) + 1); };
  return onTable('request-counter', 'contacts', (table) => ({
    ...table,
    get: (req) => { count('get'); return table.get(req); },
    getMany: (req) => { count('getMany'); return table.getMany(req); },
    query: (req) => { count('query'); return table.query(req); },
    openCursor: (req) => { count('openCursor'); return table.openCursor(req); },
    mutate: (req) => { count(`mutate.${req.type}`); return table.mutate(req); },
  }));
}

describe('commitAck', () => {
  let db: ContactsDb;
  let deps: EngineDeps;
  const counts = new Map<string, number>();
  const counting = { value: false };

  beforeEach(async () => {
    db = new ContactsDb(`push-commits-${randomId()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    db.use(requestCounter(counts, counting));
    await db.open();
    const remote = {} as EngineDeps['remote']; // commitAck never calls the server
    deps = { db, remote, policy: 'local', now: Date.now, makeId: randomId, fence: await takeLeadership(db) };
  });
  afterEach(() => { db.close(); counts.clear(); });

  /** A synced contact edited here (company only), its PATCH answered with `server`. */
  async function answeredEdit(id = 's1'): Promise<{ server: Contact; sent: Contact }> {
    const base = newContact(id, { name: { first: 'Zoe', last: 'Last' }, company: 'Old' }, Date.now());
    await db.transaction('rw', [db.contacts, db.bases], async () => {
      await db.contacts.put(contactRow(base));
      await db.bases.put({ contactId: asServerId(base._id), serverRevision: asServerRevision(base.revision), contact: base });
    });
    const store = new ContactStore(db, { queueMutations: true });
    const sent = await store.updateContact(id, { company: 'New' }, base.revision);
    return { server: { ...base, revision: 2, info: sent.info }, sent };
  }

  it('rewrites the contact with one read by key, then one write (no key query, no second read)', async () => {
    const { server, sent } = await answeredEdit();
    const snap = await readSnapshot(db, 's1');
    if (snap === undefined) throw new Error('nothing pending');
    counting.value = true;
    await commitAck(deps, snap, server, sent.info);
    counting.value = false;
    // One read of the row serves the acknowledgement and Dexie's account for live queries.
    expect(Object.fromEntries(counts)).toEqual({ 'getMany': 1, 'mutate.put': 1 });
    const row = await db.contacts.get('s1');
    expect(row?.c.info.company).toBe('New');
    expect(await db.outbox.count()).toBe(0);
    expect((await db.bases.get('s1'))?.serverRevision).toBe(2);
  });

  it('tells live queries only about what changed: no deletion, no index but the primary key', async () => {
    const { server, sent } = await answeredEdit();
    const snap = await readSnapshot(db, 's1');
    if (snap === undefined) throw new Error('nothing pending');
    const touched = await touchedParts(db.name, 'contacts', () => commitAck(deps, snap, server, sent.info));
    // A limited page (a sorted list) re-runs on any deletion (':dels'): a plain put of the
    // row counts as one, as Dexie cannot see the old row. The company is not indexed.
    expect(touched).toEqual(new Set(['']));
  });

  it.each([12, 60])('keeps that precision when a batch commits %i acknowledgements with bulk requests', async (n) => {
    const ids = Array.from({ length: n }, (_, i) => `s${i}`);
    const answered = await Promise.all(ids.map((id) => answeredEdit(id)));
    const snaps = await Promise.all(ids.map((id) => readSnapshot(db, id)));
    const batched: EngineDeps = { ...deps, batcher: new TxBatcher(deps) };
    counting.value = true;
    const touched = await touchedParts(db.name, 'contacts', () => Promise.all(snaps.map((snap, i) => {
      if (snap === undefined) throw new Error('nothing pending');
      return commitAck(batched, snap, answered[i]!.server, answered[i]!.sent.info);
    }))).finally(() => { counting.value = false; });
    // One transaction for all of them, the rows read and rewritten in as few requests as keep
    // Dexie's account of what changed precise (under 50 rows per write), each row read once.
    expect(counts.get('mutate.put')).toBe(Math.ceil(n / 49));
    expect(counts.get('getMany')).toBe(Math.ceil(n / 49));
    expect(touched).toEqual(new Set(['']));
    for (const id of ids) expect((await db.contacts.get(id))?.c.info.company).toBe('New');
    expect(await db.outbox.count()).toBe(0);
  });
  it('commits a group as each would commit alone: one as sent, one edited while out, one deleted meanwhile', async () => {
    const ids = ['s1', 's2', 's3'];
    const answered = await Promise.all(ids.map((id) => answeredEdit(id)));
    const snaps = await Promise.all(ids.map((id) => readSnapshot(db, id)));
    // While the PATCHes are out: s2 gets another edit (a row of its own), s3 is deleted here.
    const store = new ContactStore(db, { queueMutations: true });
    await store.updateContact('s2', { jobTitle: 'Chief' }, (await store.getContact('s2')).revision);
    await store.deleteContact('s3');
    const batched: EngineDeps = { ...deps, batcher: new TxBatcher(deps) };
    await Promise.all(snaps.map((snap, i) => commitAck(batched, snap!, answered[i]!.server, answered[i]!.sent.info)));

    // Every base is the server's copy, every snapshot row is gone.
    expect((await db.bases.bulkGet(ids)).map((b) => b?.serverRevision)).toEqual([2, 2, 2]);
    const left = await contactOutboxRows(db);
    // s2's later edit stays pending on top of the server copy; s3's delete stays pending.
    expect(left.map((r) => [r.contactId, r.op]).sort()).toEqual([['s2', 'update'], ['s3', 'delete']]);
    const [s1, s2, s3] = await db.contacts.bulkGet(ids);
    // Nothing changed in s1's view: its local revision stays.
    expect(s1?.c).toMatchObject({ revision: 2, info: { company: 'New' } });
    expect(s2?.c.info).toMatchObject({ company: 'New', jobTitle: 'Chief' });
    expect(s3).toBeUndefined();
  });
});

describe('bases dropped or replaced by the push, for a row that is its own base', () => {
  let db: ContactsDb;
  let deps: EngineDeps;

  beforeEach(async () => {
    db = new ContactsDb(`push-commits-own-${randomId()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.open();
    deps = { db, remote: {} as EngineDeps['remote'], policy: 'local', now: Date.now, makeId: randomId, fence: await takeLeadership(db) };
  });
  afterEach(() => { db.close(); });

  /** A pulled copy (marked `s`, base stored beside it) with an edit queued on it as it is. */
  async function markedWithEdit(): Promise<Contact> {
    const copy = { ...newContact('s1', { name: { first: 'Zoe', last: 'Last' }, company: 'Old' }, Date.now()), revision: 3 };
    await db.contacts.put({ ...contactRow({ ...copy, revision: 1 }), s: asServerRevision(3) });
    await db.bases.put({ contactId: asServerId('s1'), serverRevision: asServerRevision(3), contact: copy });
    await db.outbox.add({ op: 'update', contactId: 's1' as ContactId, patch: { company: 'Old' }, allowDuplicates: true, mutationId: 'm1' as MutationId, createdAt: 1 });
    return copy;
  }

  it('a 404 parked (the base dropped) leaves no base marked on the kept row', async () => {
    const copy = await markedWithEdit();
    const snap = await readSnapshot(db, 's1');
    if (snap === undefined) throw new Error('nothing pending');
    await commitPark(deps, snap, { id: 'k1', contactId: 's1', kind: 'delete', base: copy.info, local: copy.info, createdAt: new Date() }, { kind: 'keep' }, { dropBase: true });
    const row = await db.contacts.get('s1');
    expect(row?.c.info.company).toBe('Old');
    expect(baseOf(row, await db.bases.get('s1'))).toBeUndefined();
  });

  it('an acknowledgement rewrites the row without the mark', async () => {
    const copy = await markedWithEdit();
    const snap = await readSnapshot(db, 's1');
    if (snap === undefined) throw new Error('nothing pending');
    await commitAck(deps, snap, { ...copy, revision: 4, info: { ...copy.info, company: 'New' } }, copy.info);
    const row = await db.contacts.get('s1');
    expect([row?.s, row?.c.info.company]).toEqual([undefined, 'New']);
    expect((await db.bases.get('s1'))?.serverRevision).toBe(4);
  });
});
