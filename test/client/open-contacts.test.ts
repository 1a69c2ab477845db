import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { firstValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { openContacts } from '../../src/client/open-contacts.js';
import type { ContactsClient } from '../../src/client/types.js';
import type { SyncStatus } from '../../src/model/sync-status.js';
import { REGISTRY_DB_NAME, registeredDatabases } from '../../src/platform/db-registry.js';
import type { ContactsRemote } from '../../src/remote/contacts-remote.js';
import { ContactsDb } from '../../src/store/schema.js';
import { codeOf } from '../store/test-db.js';

const open = (indexedDB: IDBFactory, extra: Partial<Parameters<typeof openContacts>[0]> = {}) =>
  openContacts({ name: 'contacts-u1', sync: 'off', indexedDB, IDBKeyRange, ...extra });

/** A remote the 'off' driver never calls; its presence only turns the outbox on. */
const unusedRemote = new Proxy({}, { get: () => () => Promise.reject(new Error('not called')) }) as ContactsRemote;

function currentStatus(client: ContactsClient): SyncStatus | undefined {
  let status: SyncStatus | undefined;
  client.sync.status$.subscribe((s) => { status = s; }).unsubscribe();
  return status;
}

describe('openContacts', () => {
  it('works fully with no remote: the TSDoc example, and nothing is queued', async () => {
    const client = await open(new IDBFactory());
    const { contact } = await client.createContact({ name: { first: 'Ada' } });
    expect((await client.getContact(contact._id)).info.name?.first).toBe('Ada');
    expect((await client.updateContact(contact._id, { company: 'X' }, 1)).contact.revision).toBe(2);
    expect((await client.labelContact(contact._id, ['custom.vip'])).contact.info.labelKeys?.items).toEqual(['custom.vip']);
    expect((await client.unlabelContact(contact._id, ['custom.vip'])).contact.revision).toBe(4);
    expect((await client.queryContacts().find()).totalCount).toBe(1);
    await client.deleteContact(contact._id);
    expect(currentStatus(client)).toEqual({ state: 'idle', pending: 0 });
    await expect(client.sync.syncNow()).resolves.toBeUndefined();
    client.sync.pause();
    client.sync.resume();
    await client.close();
  });

  it('with a remote, queues outbox rows and keeps status$.pending current (at once on subscribe)', async () => {
    const indexedDB = new IDBFactory();
    const client = await open(indexedDB, { remote: unusedRemote });
    const { contact } = await client.createContact({ name: { first: 'Ada' } });
    await client.updateContact(contact._id, { company: 'X' }, 1);
    expect(currentStatus(client)).toEqual({ state: 'idle', pending: 2 });
    // Another tab's writes reach a status$ subscriber.
    const seen: number[] = [];
    const sub = client.sync.status$.subscribe((s) => seen.push(s.pending));
    const other = await open(indexedDB, { remote: unusedRemote });
    await other.updateContact(contact._id, { company: 'Y' }, 2);
    for (let i = 0; i < 200 && seen.at(-1) !== 3; i++) await new Promise((r) => setTimeout(r, 5));
    expect(seen).toEqual([2, 3]);
    sub.unsubscribe();
    await other.close();
    await client.close();
  });

  it('rejects every call after close() with 503 CLIENT_CLOSED; close is idempotent; live views complete', async () => {
    const client = await open(new IDBFactory());
    const { contact } = await client.createContact({ name: { first: 'Ada' } });
    const completed = firstValueFrom(client.contact$(contact._id).pipe(toArray()));
    await client.close();
    await client.close();
    expect((await completed).length).toBeLessThanOrEqual(1);
    expect(await codeOf(client.getContact(contact._id))).toBe('503 CLIENT_CLOSED');
    expect(await codeOf(client.createContact({ name: { first: 'B' } }))).toBe('503 CLIENT_CLOSED');
    expect(await codeOf(client.updateContact(contact._id, { company: 'x' }, 1))).toBe('503 CLIENT_CLOSED');
    expect(await codeOf(client.deleteContact(contact._id))).toBe('503 CLIENT_CLOSED');
    expect(await codeOf(client.labelContact(contact._id, ['custom.a']))).toBe('503 CLIENT_CLOSED');
    expect(await codeOf(client.unlabelContact(contact._id, ['custom.a']))).toBe('503 CLIENT_CLOSED');
    expect(await codeOf(client.queryContacts().find())).toBe('503 CLIENT_CLOSED');
    expect(await codeOf(client.listConflicts())).toBe('503 CLIENT_CLOSED');
    expect(await codeOf(client.resolveConflict('x', 'local'))).toBe('503 CLIENT_CLOSED');
    expect(await codeOf(client.sync.syncNow())).toBe('503 CLIENT_CLOSED');
    expect(await codeOf(firstValueFrom(client.contact$(contact._id)))).toBe('503 CLIENT_CLOSED');
    expect(await codeOf(firstValueFrom(client.queryContacts().observe()))).toBe('503 CLIENT_CLOSED');
  });

  it('reopening after close keeps the data and the local revisions', async () => {
    const indexedDB = new IDBFactory();
    const first = await open(indexedDB, { remote: unusedRemote });
    const { contact } = await first.createContact({ name: { first: 'Ada' } });
    await first.updateContact(contact._id, { company: 'X' }, 1);
    await first.close();
    const second = await open(indexedDB);
    expect(await second.getContact(contact._id)).toMatchObject({ revision: 2, info: { company: 'X' } });
    expect(currentStatus(second)).toEqual({ state: 'idle', pending: 2 });
    await second.close();
  });

  it('destroy() deletes the database and forgets its name; a new open starts empty', async () => {
    const indexedDB = new IDBFactory();
    const client = await open(indexedDB);
    const other = await open(indexedDB, { name: 'contacts-u2' });
    await client.createContact({ name: { first: 'Ada' } });
    const deps = { indexedDB, IDBKeyRange };
    expect((await registeredDatabases(deps)).sort()).toEqual(['contacts-u1', 'contacts-u2']);
    await client.destroy();
    const names = (await indexedDB.databases()).map((d) => d.name).sort();
    expect(names).toEqual(['contacts-u2', REGISTRY_DB_NAME]);
    expect(await registeredDatabases(deps)).toEqual(['contacts-u2']);
    expect(await codeOf(client.getContact('x'))).toBe('503 CLIENT_CLOSED');
    await other.close();
    const again = await open(indexedDB);
    expect((await again.queryContacts().find()).totalCount).toBe(0);
    await again.destroy();
  });

  it('destroy() in one tab closes the others for good: they fail with DATABASE_CLOSED and never re-create it', async () => {
    const indexedDB = new IDBFactory();
    const tabA = await open(indexedDB);
    const tabB = await open(indexedDB);
    const { contact } = await tabA.createContact({ name: { first: 'Ada' } });
    await tabA.destroy();
    expect(await codeOf(tabB.getContact(contact._id))).toBe('503 DATABASE_CLOSED');
    expect(await codeOf(tabB.createContact({ name: { first: 'B' } }))).toBe('503 DATABASE_CLOSED');
    expect((await indexedDB.databases()).map((d) => d.name)).toEqual([REGISTRY_DB_NAME]);
    await tabB.close();
  });

  it('conflicts: listConflicts reads the table; resolveConflict 404s for an unknown id and delegates otherwise', async () => {
    const indexedDB = new IDBFactory();
    const client = await open(indexedDB);
    const engine = new ContactsDb('contacts-u1', { indexedDB, IDBKeyRange });
    await engine.conflicts.put({ id: 'k1', contactId: 'c1', kind: 'rejected', code: 'INVALID_ARGUMENT', createdAt: new Date(1) });
    expect((await client.listConflicts()).map((c) => c.id)).toEqual(['k1']);
    expect(await codeOf(client.resolveConflict('nope', 'local'))).toBe('404 CONFLICT_NOT_FOUND');
    expect(await codeOf(client.resolveConflict('k1', 'sideways' as 'local'))).toBe('400 INVALID_ARGUMENT');
    await client.resolveConflict('k1', 'local');
    expect(await client.listConflicts()).toEqual([]);
    engine.close();
    await client.close();
  });

  it('refuses a bad name or sync mode (400) and a missing IndexedDB (STORAGE_FAILED)', async () => {
    expect(await codeOf(openContacts({ name: '', indexedDB: new IDBFactory(), IDBKeyRange }))).toBe('400 INVALID_ARGUMENT');
    expect(await codeOf(openContacts({ name: 'x', sync: 'always' as 'off', indexedDB: new IDBFactory(), IDBKeyRange }))).toBe('400 INVALID_ARGUMENT');
    expect(await codeOf(openContacts({ name: 'x', sync: 'off' }))).toBe('500 STORAGE_FAILED');
  });
});
