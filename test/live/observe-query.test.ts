import { afterEach, describe, expect, it } from 'vitest';
import type { ContactsClient } from '../../src/client/types.js';
import type { Contact } from '../../src/model/contact.js';
import { IDBFactory } from 'fake-indexeddb';
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
