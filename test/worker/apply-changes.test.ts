/**
 * Applying a page of the change feed (worker/apply-changes.ts) to contacts stored as their
 * own base (`ContactRow.s`, src/store/base-of.ts): the mark follows the server copy while
 * nothing is done here, and never outlives the base it stands for.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../src/model/contact.js';
import { asServerId, asServerRevision, randomId, type ContactId, type MutationId } from '../../src/model/ids.js';
import { baseOf } from '../../src/store/base-of.js';
import { newContact } from '../../src/store/build-contact.js';
import { contactRow } from '../../src/store/index-keys.js';
import { ContactsDb } from '../../src/store/schema.js';
import { applyChangesPage } from '../../worker/apply-changes.js';
import type { EngineDeps } from '../../worker/engine-deps.js';
import { takeLeadership } from '../../worker/fence.js';
import { onTable } from '../support/table-middleware.js';

const server = (revision: number, company: string): Contact => ({
  ...newContact('s1', { name: { first: 'Ada', last: 'Lovelace' }, company }, Date.UTC(2024, 0, 1)),
  revision,
});

describe('applyChangesPage and rows that are their own base', () => {
  let db: ContactsDb;
  let deps: EngineDeps;

  beforeEach(async () => {
    db = new ContactsDb(`apply-${randomId()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.open();
    deps = { db, remote: {} as EngineDeps['remote'], policy: 'local', now: Date.now, makeId: randomId, fence: await takeLeadership(db) };
  });
  afterEach(() => { db.close(); });

  const page = (changes: Parameters<typeof applyChangesPage>[1]['changes']): Parameters<typeof applyChangesPage>[1] => ({ changes, cursor: randomId(), hasMore: false });

  it('marks a new clean contact, and moves the mark along when the server changes it', async () => {
    await applyChangesPage(deps, page([{ contact: server(3, 'Engines') }]));
    expect(await db.bases.count()).toBe(0);
    const first = await db.contacts.get('s1');
    expect([first?.s, first?.c.revision]).toEqual([3, 1]);
    await applyChangesPage(deps, page([{ contact: server(4, 'Mills') }]));
    const second = await db.contacts.get('s1');
    expect([second?.s, second?.c.revision, second?.c.info.company]).toEqual([4, 2, 'Mills']);
    expect(baseOf(second, undefined)?.contact).toEqual(server(4, 'Mills'));
    expect(await db.bases.count()).toBe(0);
  });

  it('reads no base by key while no base is stored (a first pull), and reads them once one is', async () => {
    const reads: number[] = [];
    const counted = new ContactsDb(`apply-count-${randomId()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    counted.use(onTable('bases-reads', 'bases', (table) => ({
      ...table, getMany: (req) => { reads.push(req.keys.length); return table.getMany(req); },
    })));
    await counted.open();
    try {
      const countedDeps: EngineDeps = { ...deps, db: counted, fence: await takeLeadership(counted) };
      const others = Array.from({ length: 20 }, (_, i) => ({ contact: { ...server(1, 'Co'), _id: `p${String(i)}` } }));
      await applyChangesPage(countedDeps, page(others));
      expect(reads).toEqual([]);
      await counted.bases.put({ contactId: asServerId('s1'), serverRevision: asServerRevision(5), contact: server(5, 'Engines') });
      await counted.contacts.put(contactRow({ ...server(5, 'Engines'), revision: 2 }));
      await applyChangesPage(countedDeps, page([{ contact: server(6, 'Mills') }]));
      expect(reads).toEqual([1]);
      expect((await counted.bases.get('s1'))?.serverRevision).toBe(6);
    } finally {
      counted.close();
    }
  });

  it('keeps updating a stored base (a contact pushed from here) instead of marking its row', async () => {
    const pushed = server(5, 'Engines');
    await db.contacts.put(contactRow({ ...pushed, revision: 2 }));
    await db.bases.put({ contactId: asServerId('s1'), serverRevision: asServerRevision(5), contact: pushed });
    await applyChangesPage(deps, page([{ contact: server(6, 'Mills') }]));
    expect((await db.bases.get('s1'))?.serverRevision).toBe(6);
    expect((await db.contacts.get('s1'))?.s).toBeUndefined();
  });

  it('a tombstone that keeps an edited contact (delete conflict) leaves no base behind, stored or marked', async () => {
    // Marked and with a stored base beside it, and an edit still pending: what resolving a
    // conflict by queueing an edit of the contact as it is leaves.
    const copy = server(3, 'Engines');
    await db.contacts.put({ ...contactRow({ ...copy, revision: 1 }), s: asServerRevision(3) });
    await db.bases.put({ contactId: asServerId('s1'), serverRevision: asServerRevision(3), contact: copy });
    await db.outbox.add({ op: 'update', contactId: 's1' as ContactId, patch: { company: 'Engines' }, allowDuplicates: true, mutationId: 'm1' as MutationId, createdAt: 1 });
    await applyChangesPage(deps, page([{ deletedId: 's1' }]));
    const kept = await db.contacts.get('s1');
    expect(kept?.c.info.company).toBe('Engines');
    expect(kept?.s).toBeUndefined();
    expect(baseOf(kept, await db.bases.get('s1'))).toBeUndefined();
    expect((await db.conflicts.toArray()).map((c) => c.kind)).toEqual(['delete']);
  });
});
