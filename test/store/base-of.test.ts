/**
 * A pulled contact nothing was done to is stored once: its row stands for its merge base
 * (src/store/base-of.ts). Every local write that changes or removes such a row must store
 * that base first, or the push would find no base and read the contact as deleted there.
 */
import { describe, expect, it } from 'vitest';
import type { Contact } from '../../src/model/contact.js';
import { asServerId, asServerRevision } from '../../src/model/ids.js';
import { baseOf, keepRowBase, rowBase } from '../../src/store/base-of.js';
import { newContact } from '../../src/store/build-contact.js';
import { contactRow } from '../../src/store/index-keys.js';
import { resolveConflict } from '../../src/store/resolve-conflict.js';
import type { ContactRow, ContactsDb } from '../../src/store/schema.js';
import { codeOf, openTestStore } from './test-db.js';

/** The server's copy of a contact at server revision 7, as a pull would store it (local revision 1). */
function pulled(id = 's1'): { readonly server: Contact; readonly row: ContactRow } {
  const server: Contact = { ...newContact(id, { name: { first: 'Ada', last: 'Lovelace' }, company: 'Engines' }, Date.UTC(2024, 0, 1)), revision: 7 };
  return { server, row: { ...contactRow({ ...server, revision: 1 }), s: asServerRevision(7) } };
}

async function storePulled(db: ContactsDb, id = 's1'): Promise<Contact> {
  const { server, row } = pulled(id);
  await db.contacts.put(row);
  return server;
}

describe('rowBase and baseOf', () => {
  it("a row marked with `s` stands for the server's copy at that revision", () => {
    const { server, row } = pulled();
    expect(rowBase(row)).toEqual({ contactId: 's1', serverRevision: 7, contact: server });
    expect(baseOf(row, undefined)).toEqual(rowBase(row));
  });

  it('a row without the mark stands for nothing, and a stored base wins over the mark', () => {
    const { server, row } = pulled();
    const { s: _s, ...plain } = row;
    expect(rowBase(plain)).toBeUndefined();
    expect(rowBase(undefined)).toBeUndefined();
    const stored = { contactId: asServerId('s1'), serverRevision: asServerRevision(5), contact: { ...server, revision: 5 } };
    expect(baseOf(row, stored)).toBe(stored);
  });
});

describe('keepRowBase', () => {
  it('stores the base a marked row stands for, once, and nothing for other rows', async () => {
    const { db } = await openTestStore();
    const { server, row } = pulled();
    await db.transaction('rw', [db.contacts, db.bases], () => keepRowBase(db, row));
    expect(await db.bases.get('s1')).toEqual({ contactId: 's1', serverRevision: 7, contact: server });
    const { s: _s, ...plain } = row;
    await db.transaction('rw', [db.contacts, db.bases], () => keepRowBase(db, { ...plain, _id: 's2' }));
    expect(await db.bases.count()).toBe(1);
  });

  it('leaves a stored base as it is', async () => {
    const { db } = await openTestStore();
    const { server, row } = pulled();
    const stored = { contactId: asServerId('s1'), serverRevision: asServerRevision(9), contact: { ...server, revision: 9 } };
    await db.bases.put(stored);
    await db.transaction('rw', [db.contacts, db.bases], () => keepRowBase(db, row));
    expect(await db.bases.get('s1')).toEqual(stored);
  });
});

describe("local writes to a pulled contact store its base first", () => {
  it('updateContact: the base is the server copy, the row is marked no more', async () => {
    const { store, db } = await openTestStore({ queueMutations: true });
    const server = await storePulled(db);
    await store.updateContact('s1', { jobTitle: 'Countess' }, 1);
    expect(await db.bases.get('s1')).toEqual({ contactId: 's1', serverRevision: 7, contact: server });
    const row = await db.contacts.get('s1');
    expect(row?.s).toBeUndefined();
    expect(row?.c.info.jobTitle).toBe('Countess');
  });

  it('a refused updateContact (409) stores nothing and leaves the row marked', async () => {
    const { store, db } = await openTestStore({ queueMutations: true });
    await storePulled(db);
    expect(await codeOf(store.updateContact('s1', { jobTitle: 'Countess' }, 3))).toBe('409 CONTACT_ALREADY_CHANGED');
    expect(await db.bases.count()).toBe(0);
    expect((await db.contacts.get('s1'))?.s).toBe(7);
  });

  it('deleteContact keeps the base for the push of the delete', async () => {
    const { store, db } = await openTestStore({ queueMutations: true });
    const server = await storePulled(db);
    await store.deleteContact('s1');
    expect(await db.contacts.count()).toBe(0);
    expect((await db.bases.get('s1'))?.contact).toEqual(server);
  });

  it('labelContact and unlabelContact store it when they change the contact, not when they change nothing', async () => {
    const { store, db } = await openTestStore({ queueMutations: true });
    await storePulled(db, 's1');
    await storePulled(db, 's2');
    await store.unlabelContact('s2', ['custom.absent']);
    expect(await db.bases.count()).toBe(0);
    expect((await db.contacts.get('s2'))?.s).toBe(7);
    await store.labelContact('s1', ['custom.vip']);
    expect((await db.bases.get('s1'))?.serverRevision).toBe(7);
    expect((await db.contacts.get('s1'))?.s).toBeUndefined();
  });

  it('resolveConflict on a marked contact stores its base before the choice rewrites it', async () => {
    const { store, db } = await openTestStore({ queueMutations: true });
    const server = await storePulled(db);
    await db.conflicts.put({
      id: 'k1', contactId: 's1', kind: 'field', path: 'info.company', createdAt: 1,
      base: 'Engines', local: 'Engines', remote: 'Mills', chosen: 'local',
    } as never);
    const queued = await resolveConflict({ db, now: () => 2, makeId: () => 'm1' }, 'k1', 'remote');
    expect(queued).toBe(true);
    expect((await db.bases.get('s1'))?.contact).toEqual(server);
    expect((await store.getContact('s1')).info.company).toBe('Mills');
  });
});
