import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { map, type Observable } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContactsClient } from '../../src/client/types.js';
import { observeQuery } from '../../src/live/observe-query.js';
import type { Contact } from '../../src/model/contact.js';
import { randomId } from '../../src/model/ids.js';
import { ContactStore } from '../../src/store/contact-store.js';
import { parseContactQuery } from '../../src/store/query/contact-query.js';
import { ContactsDb } from '../../src/store/schema.js';
import { onTable } from '../support/table-middleware.js';
import { openEngineDb, openTwoTabs, quiet, record, type Recording } from './live-helpers.js';

let open: ContactsClient[] = [];
let recording: Recording<Contact[]> | undefined;
afterEach(async () => {
  recording?.stop();
  await Promise.all(open.map((c) => c.close()));
  open = [];
});

const names = (list: Contact[] | undefined) => list?.map((c) => c.info.name?.first);

describe('queryContacts().observe()', () => {
  it('emits the page, re-emits for writes from another tab that change it, and stays quiet otherwise', async () => {
    const [tabA, tabB] = await openTwoTabs();
    open = [tabA, tabB];
    const ada = (await tabA.createContact({ name: { first: 'Ada' } })).contact;
    const bob = (await tabA.createContact({ name: { first: 'Bob' } })).contact;
    recording = record(tabA.queryContacts().startsWith('info.name.first', 'a').ascending('info.name.first').observe());
    await recording.until(1);
    expect(names(recording.values[0])).toEqual(['Ada']);

    await tabB.updateContact(bob._id, { company: 'not shown' }, 1); // outside the filter
    await tabB.createContact({ name: { first: 'Zed' } });
    await quiet();
    expect(recording.values).toHaveLength(1);

    await tabB.createContact({ name: { first: 'alan' } }); // enters the page
    await recording.until(2);
    expect(names(recording.values[1])).toEqual(['Ada', 'alan']);

    await tabB.updateContact(ada._id, { company: 'shown contact changed' }, 1);
    await recording.until(3);
    expect(recording.values[2]?.[0]?.info.company).toBe('shown contact changed');

    await tabB.updateContact(bob._id, { name: { first: 'Abe' } }, 2); // moves into the page
    await recording.until(4);
    expect(names(recording.values[3])).toEqual(['Abe', 'Ada', 'alan']);

    await tabB.deleteContact(ada._id);
    await recording.until(5);
    expect(names(recording.values[4])).toEqual(['Abe', 'alan']);
  });

  it('a limited page ignores changes past its end', async () => {
    const [tabA, tabB] = await openTwoTabs();
    open = [tabA, tabB];
    const created: Contact[] = [];
    for (const first of ['A', 'B', 'C', 'D']) created.push((await tabA.createContact({ name: { first } })).contact);
    // Sorted by name: the four can share a millisecond of _createdDate (the default sort),
    // and then their order falls to the random ids.
    recording = record(tabA.queryContacts().ascending('info.name.first').limit(2).observe());
    await recording.until(1);
    expect(names(recording.values[0])).toEqual(['A', 'B']);
    await tabB.updateContact(created[3]!._id, { company: 'x' }, 1);
    await quiet();
    expect(recording.values).toHaveLength(1);
    await tabB.updateContact(created[1]!._id, { company: 'x' }, 1);
    await recording.until(2);
  });

  it('errors with the query code for an invalid query', async () => {
    const [tabA] = await openTwoTabs();
    open = [tabA];
    const error = await new Promise((resolve) => {
      tabA.queryContacts().startsWith('_createdDate', 'x').observe().subscribe({ error: resolve });
    });
    expect(error).toMatchObject({ code: 'UNSUPPORTED_FILTER_OPERATOR', status: 400 });
  });
});

describe("observe(): this tab's own writes", () => {
  /** Records each emission with whether the write had committed (its promise resolved) by then. */
  function recordAgainst(source: Observable<Contact[]>, committed: { value: boolean }): Recording<{ list: Contact[]; committed: boolean }> {
    return record(source.pipe(map((list) => ({ list, committed: committed.value }))));
  }

  it('shows an edit before its commit, and only once (the read after the commit re-emits nothing)', async () => {
    const [tabA] = await openTwoTabs();
    open = [tabA];
    for (const first of ['Ann', 'Ben', 'Cy']) await tabA.createContact({ name: { first } });
    const committed = { value: false };
    const seen = recordAgainst(tabA.queryContacts().ascending('info.name.first').limit(10).observe(), committed);
    await seen.until(1);
    const ben = seen.values[0]!.list[1]!;
    const done = tabA.updateContact(ben._id, { company: 'Now' }, ben.revision).then(() => { committed.value = true; });
    await seen.until(2);
    expect(seen.values[1]).toMatchObject({ committed: false, list: [{ info: { name: { first: 'Ann' } } }, { _id: ben._id, revision: 2, info: { company: 'Now' } }, {}] });
    await done;
    await quiet();
    seen.stop();
    expect(seen.values).toHaveLength(2);
  });

  it('shows a new contact and a deletion in place before they commit', async () => {
    const [tabA] = await openTwoTabs();
    open = [tabA];
    const ann = (await tabA.createContact({ name: { first: 'Ann' } })).contact;
    const committed = { value: false };
    const seen = recordAgainst(tabA.queryContacts().ascending('info.name.first').limit(10).observe(), committed);
    await seen.until(1);
    const created = tabA.createContact({ name: { first: 'Abe' } }).then(() => { committed.value = true; });
    await seen.until(2);
    expect(seen.values[1]).toMatchObject({ committed: false });
    expect(names(seen.values[1]!.list)).toEqual(['Abe', 'Ann']);
    await created;
    committed.value = false;
    const deleted = tabA.deleteContact(ann._id).then(() => { committed.value = true; });
    await seen.until(3);
    expect(seen.values[2]).toMatchObject({ committed: false });
    expect(names(seen.values[2]!.list)).toEqual(['Abe']);
    await deleted;
    await quiet();
    seen.stop();
    expect(seen.values).toHaveLength(3);
  });

  it('waits for the database when the page alone cannot tell (a shown contact leaves a full page)', async () => {
    const [tabA] = await openTwoTabs();
    open = [tabA];
    for (const first of ['Ann', 'Ben', 'Cy']) await tabA.createContact({ name: { first } });
    const committed = { value: false };
    const seen = recordAgainst(tabA.queryContacts().ascending('info.name.first').limit(2).observe(), committed);
    await seen.until(1);
    const ann = seen.values[0]!.list[0]!;
    await tabA.updateContact(ann._id, { name: { first: 'Zoe' } }, ann.revision).then(() => { committed.value = true; });
    await seen.until(2);
    expect(seen.values[1]).toMatchObject({ committed: true });
    expect(names(seen.values[1]!.list)).toEqual(['Ben', 'Cy']);
  });

  it('withdraws a write that fails after it showed: the list goes back to what is stored', async () => {
    const db = new ContactsDb(`own-${randomId()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    const failOutbox = { value: false };
    db.use(onTable('failing-outbox', 'outbox', (table) => ({
      ...table, mutate: (req) => (failOutbox.value ? Promise.reject(new Error('disk full')) : table.mutate(req)),
    })));
    await db.open();
    const store = new ContactStore(db, { queueMutations: true });
    const ann = await store.createContact({ name: { first: 'Ann' } });
    const seen = record(observeQuery(db, parseContactQuery({ sort: [{ fieldName: 'info.name.first' }] }), store.writes));
    try {
      await seen.until(1);
      failOutbox.value = true;
      await expect(store.updateContact(ann._id, { company: 'Lost' }, 1)).rejects.toBeDefined();
      await seen.until(3);
      expect(seen.values.map((list) => list.map((c) => `${c.info.company ?? '-'}@${String(c.revision)}`))).toEqual([['-@1'], ['Lost@2'], ['-@1']]);
      expect((await db.contacts.get(ann._id))?.c.revision).toBe(1);
    } finally {
      seen.stop();
      db.close();
    }
  });
});

describe('conflicts$', () => {
  it('emits the conflicts table, including rows the engine writes from another connection', async () => {
    const indexedDB = new IDBFactory();
    const [tabA] = await openTwoTabs('live', indexedDB);
    open = [tabA];
    const seen = record(tabA.conflicts$);
    await seen.until(1);
    expect(seen.values[0]).toEqual([]);
    const db = await openEngineDb(indexedDB);
    await db.conflicts.put({ id: 'k1', contactId: 'c1', kind: 'field', path: 'info.company', local: 'a', remote: 'b', chosen: 'local', createdAt: new Date(1) });
    await seen.until(2);
    expect(seen.values[1]?.map((c) => c.id)).toEqual(['k1']);
    expect(await tabA.listConflicts()).toHaveLength(1);
    seen.stop();
    db.close();
  });
});
