/**
 * Reading the change feed one page ahead: the next page is requested while the current one
 * is applied, but pages commit strictly in order, and a page read ahead of a failed apply is
 * dropped, never applied, with the stored cursor still at the last committed page.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../src/model/contact.js';
import { ContactsError } from '../../src/model/contacts-error.js';
import { randomId } from '../../src/model/ids.js';
import type { ChangesPage, ContactsRemote } from '../../src/remote/contacts-remote.js';
import { ContactsDb } from '../../src/store/schema.js';
import type { EngineDeps } from '../../worker/engine-deps.js';
import { fenceFor, takeLeadership, type Fence } from '../../worker/fence.js';
import { LabelRegistry } from '../../worker/label-registry.js';
import { pullToHead, readCursor } from '../../worker/pull.js';

const contact = (id: string): Contact => ({ _id: id, revision: 1, info: { name: { first: id } } });

/** A feed of three pages (`c1`..`c3`) that logs the cursor of every request. */
function feed(): { remote: ContactsRemote; requested: (string | undefined)[] } {
  const pages: Record<string, ChangesPage> = {
    start: { changes: [{ contact: contact('a') }], cursor: 'c1', hasMore: true, remaining: 2 },
    c1: { changes: [{ contact: contact('b') }], cursor: 'c2', hasMore: true, remaining: 1 },
    c2: { changes: [{ contact: contact('c') }], cursor: 'c3', hasMore: false },
  };
  const requested: (string | undefined)[] = [];
  const unused = (): never => { throw new Error('not used by a pull'); };
  const remote: ContactsRemote = {
    createContact: unused, getContact: unused, updateContact: unused, deleteContact: unused,
    labelContact: unused, unlabelContact: unused, ensureLabel: unused,
    changes: (cursor) => {
      requested.push(cursor);
      const page = pages[cursor ?? 'start'];
      return page ? Promise.resolve(page) : Promise.reject(new Error(`no page ${cursor}`));
    },
  };
  return { remote, requested };
}

/** A fence that holds for `commits` commits, then reports that another engine took over. */
function fenceFailingAfter(commits: number, held: Fence): Fence {
  let checks = 0;
  return {
    epoch: held.epoch,
    check: async (db) => {
      if (++checks > commits) throw new ContactsError({ code: 'NOT_LEADER', message: 'taken over' });
      await held.check(db);
    },
  };
}

const dbs: ContactsDb[] = [];
afterEach(() => { for (const db of dbs.splice(0)) db.close(); });

async function setup(remote: ContactsRemote): Promise<{ db: ContactsDb; deps: (fence: Fence) => EngineDeps; fence: Fence }> {
  const db = new ContactsDb(`pull-ahead-${randomId()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  dbs.push(db);
  await db.open();
  const fence = await takeLeadership(db);
  return { db, fence, deps: (f) => ({ db, remote, policy: 'local', now: Date.now, makeId: randomId, fence: f }) };
}

describe('pull reads one page ahead', () => {
  it('requests the next page before applying the current one, and reports progress per page', async () => {
    const { remote, requested } = feed();
    const { db, deps, fence } = await setup(remote);
    const progress: unknown[] = [];
    const order: string[] = [];
    // Each row with the number of pages requested when it was written.
    db.contacts.hook('creating', (_key, row: { _id: string }) => { order.push(`${row._id}@${requested.length}`); });
    expect(await pullToHead(deps(fence), new LabelRegistry(remote), (p) => progress.push(p))).toBe(3);
    expect(requested).toEqual([undefined, 'c1', 'c2']);
    expect(order).toEqual(['a@2', 'b@3', 'c@3']);
    expect(progress).toEqual([{ pulled: 1, total: 3 }, { pulled: 2, total: 3 }, undefined]);
    expect(await readCursor({ db })).toBe('c3');
  });

  it('drops the page read ahead when applying fails: nothing after the failed page, cursor at the last commit', async () => {
    const { remote, requested } = feed();
    const { db, deps, fence } = await setup(remote);
    const failing = deps(fenceFailingAfter(1, fence));
    await expect(pullToHead(failing, new LabelRegistry(remote), () => undefined)).rejects.toMatchObject({ code: 'NOT_LEADER' });
    // Page c2 was already asked for when page c1 failed to apply; its contact must not land.
    expect(requested).toEqual([undefined, 'c1', 'c2']);
    expect((await db.contacts.toArray()).map((r) => r._id)).toEqual(['a']);
    expect(await readCursor({ db })).toBe('c1');

    requested.length = 0;
    expect(await pullToHead(deps(fenceFor(fence.epoch)), new LabelRegistry(remote), () => undefined)).toBe(2);
    expect(requested).toEqual(['c1', 'c2']);
    expect((await db.contacts.toArray()).map((r) => r._id).sort()).toEqual(['a', 'b', 'c']);
    expect(await readCursor({ db })).toBe('c3');
  });

  it('a read ahead that fails while the current page is applied fails the pull after that page commits', async () => {
    const { remote, requested } = feed();
    const broken: ContactsRemote = { ...remote, changes: (cursor, limit) => (cursor === 'c2' ? Promise.reject(new ContactsError({ code: 'NETWORK_ERROR', message: 'down' })) : remote.changes(cursor, limit)) };
    const { db, deps, fence } = await setup(broken);
    await expect(pullToHead(deps(fence), new LabelRegistry(broken), () => undefined)).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect(requested).toEqual([undefined, 'c1']);
    expect((await db.contacts.toArray()).map((r) => r._id).sort()).toEqual(['a', 'b']);
    expect(await readCursor({ db })).toBe('c2');
  });
});
