import { map } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContactsClient } from '../../src/client/types.js';
import { withOwnWritesOf } from '../../src/live/observe-contact.js';
import type { Contact } from '../../src/model/contact.js';
import { newContact } from '../../src/store/build-contact.js';
import { contactRow } from '../../src/store/index-keys.js';
import { IDBFactory } from 'fake-indexeddb';
import { openEngineDb, openTwoTabs, quiet, record, type Recording } from './live-helpers.js';

let open: ContactsClient[] = [];
let recordings: Recording<unknown>[] = [];
afterEach(async () => {
  recordings.forEach((r) => { r.stop(); });
  await Promise.all(open.map((c) => c.close()));
  open = [];
  recordings = [];
});

function track<T>(r: Recording<T>): Recording<T> {
  recordings.push(r);
  return r;
}

describe('contact$', () => {
  it('emits the contact, then each change written by another tab, and nothing for unrelated writes', async () => {
    const [tabA, tabB] = await openTwoTabs();
    open = [tabA, tabB];
    const { contact } = await tabA.createContact({ name: { first: 'Ada' } });
    const other = (await tabA.createContact({ name: { first: 'Bob' } })).contact;
    const seen = track(record(tabA.contact$(contact._id)));
    await seen.until(1);
    expect(seen.values[0]?.revision).toBe(1);

    await tabB.updateContact(other._id, { company: 'Unrelated' }, 1);
    await tabB.labelContact(contact._id, ['custom.none']).then(() => tabB.unlabelContact(contact._id, ['custom.none']));
    await seen.until(3);
    await tabB.labelContact(contact._id, ['custom.none', 'custom.x']);
    await quiet();
    const afterUnrelated = seen.values.length;
    await tabB.updateContact(other._id, { company: 'Still unrelated' }, 2);
    await quiet();
    expect(seen.values.length).toBe(afterUnrelated);

    await tabB.updateContact(contact._id, { company: 'Engines' }, 4);
    await seen.until(afterUnrelated + 1);
    expect(seen.values.at(-1)?.info.company).toBe('Engines');
    expect(seen.values.map((c) => c?.revision)).toEqual([1, 2, 3, 4, 5]);
  });

  it('emits undefined for a missing contact and after a delete', async () => {
    const [tabA, tabB] = await openTwoTabs();
    open = [tabA, tabB];
    const missing = track(record(tabA.contact$('nope')));
    await missing.until(1);
    expect(missing.values).toEqual([undefined]);
    const { contact } = await tabA.createContact({ name: { first: 'Ada' } });
    const seen = track(record(tabA.contact$(contact._id)));
    await seen.until(1);
    await tabB.deleteContact(contact._id);
    await seen.until(2);
    expect(seen.values[1]).toBeUndefined();
    await quiet();
    expect(missing.values).toEqual([undefined]);
  });

  it('follows a temporary id to the server id when the engine re-keys the contact', async () => {
    const indexedDB = new IDBFactory();
    const [tabA] = await openTwoTabs('live', indexedDB);
    open = [tabA];
    const { contact } = await tabA.createContact({ name: { first: 'Ada' } });
    const seen = track(record(tabA.contact$(contact._id)));
    await seen.until(1);
    // What the engine does after the server assigned an id, on its own connection.
    const engineDb = await openEngineDb(indexedDB);
    const rekeyed: Contact = { ...contact, _id: 'srv-1', revision: 2 };
    await engineDb.transaction('rw', engineDb.contacts, engineDb.aliases, async () => {
      await engineDb.contacts.delete(contact._id);
      await engineDb.contacts.put(contactRow(rekeyed));
      await engineDb.aliases.put({ tempId: contact._id as never, serverId: 'srv-1' as never });
    });
    await seen.until(2);
    expect(seen.values[1]?._id).toBe('srv-1');
    engineDb.close();
  });
});

describe("contact$: this tab's own writes", () => {
  it('shows an edit before its commit, and only once', async () => {
    const [tabA] = await openTwoTabs();
    open = [tabA];
    const { contact } = await tabA.createContact({ name: { first: 'Ada' } });
    const committed = { value: false };
    const seen = track(record(tabA.contact$(contact._id).pipe(map((c) => ({ c, committed: committed.value })))));
    await seen.until(1);
    const done = tabA.updateContact(contact._id, { company: 'Engines' }, 1).then(() => { committed.value = true; });
    await seen.until(2);
    expect(seen.values[1]).toMatchObject({ committed: false, c: { revision: 2, info: { company: 'Engines' } } });
    await done;
    await quiet();
    expect(seen.values).toHaveLength(2);
  });
});

describe('withOwnWritesOf', () => {
  const at = (revision: number, company: string): Contact => ({ ...newContact('c1', { name: { first: 'Ada' }, company }, 0), revision });

  it('applies the writes of the contact in order, skipping older ones and other contacts', () => {
    const stored = at(2, 'Stored');
    const writes = [
      { id: 'c1', after: at(2, 'Old'), revision: 2 },
      { id: 'c9', after: undefined, revision: 5 },
      { id: 'c1', after: at(3, 'Mine'), revision: 3 },
    ];
    expect(withOwnWritesOf('c1', stored, writes)?.info.company).toBe('Mine');
    expect(withOwnWritesOf('c1', stored, [{ id: 'c1', after: undefined, revision: 3 }])).toBeUndefined();
  });

  it('follows the id the contact is stored under when asked by its temporary id', () => {
    const stored = at(4, 'Stored');
    expect(withOwnWritesOf('tmp-1', stored, [{ id: 'c1', after: at(5, 'Mine'), revision: 5 }])?.revision).toBe(5);
  });
});
