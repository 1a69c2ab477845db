/**
 * `destroy()` is a logout: the contacts database is deleted and its name leaves the registry
 * (`offline-contacts-registry`), even after a sync run and with a second tab open; another
 * user's database on the same profile is untouched. The registry database itself stays,
 * empty: it holds no user data and lists what a later logout must wipe. (The same check in
 * Chromium, through `indexedDB.databases()`, belongs to the browser suite.)
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContacts } from '../../src/client/open-contacts.js';
import { registeredDatabases, REGISTRY_DB_NAME } from '../../src/platform/db-registry.js';
import { dumpDatabase } from './scan-indexed-db.js';
import { startSecurityServer, type SecurityServer } from './security-server.js';

let s: SecurityServer;
beforeAll(async () => { s = await startSecurityServer(); });
afterAll(async () => { await s.server.close(); });

const names = async (factory: IDBFactory): Promise<string[]> => (await factory.databases()).map((d) => d.name ?? '').sort();

describe('destroy() leaves no database of the library behind', () => {
  // Regression: the other tab's engine, its database deleted under it, re-queued for
  // leadership in a microtask loop that never yielded (worker/leadership.ts): destroy() hung.
  it('after a sync run, with a second tab open: no contacts database, no registry entry, no spinning tab', async () => {
    const factory = new IDBFactory();
    const deps = { indexedDB: factory, IDBKeyRange };
    const open = () => openContacts({ name: 'contacts-u1', ...deps, sync: 'inline', remote: { baseUrl: s.url, auth: () => ({ Authorization: `Bearer ${s.users.a1}` }) } });
    const tab1 = await open();
    const tab2 = await open();
    await tab1.createContact({ name: { first: 'Gone', last: 'Soon' } });
    await tab1.sync.syncNow();
    expect(await names(factory)).toContain('contacts-u1');
    expect(await registeredDatabases(deps)).toEqual(['contacts-u1']);
    await tab1.destroy();
    const left = (await names(factory)).filter((n) => n !== REGISTRY_DB_NAME);
    expect(left).toEqual([]);
    expect(await registeredDatabases(deps)).toEqual([]);
    // The other tab was closed by the deletion rather than re-creating an empty database.
    await expect(tab2.getContact('anything')).rejects.toMatchObject({ status: 503 });
    await tab2.close();
    expect((await names(factory)).filter((n) => n !== REGISTRY_DB_NAME)).toEqual([]);
  });

  it('after the last destroy only the (empty) registry is left: no row of it names a database', async () => {
    const factory = new IDBFactory();
    const client = await openContacts({ name: 'contacts-only', indexedDB: factory, IDBKeyRange, sync: 'off' });
    await client.destroy();
    expect(await names(factory)).toEqual([REGISTRY_DB_NAME]);
    expect(await dumpDatabase(factory, REGISTRY_DB_NAME)).toEqual({ names: JSON.stringify({ keys: [], values: [] }) });
  });

  it('another user\'s database on the same profile stays, registered', async () => {
    const factory = new IDBFactory();
    const deps = { indexedDB: factory, IDBKeyRange };
    const u1 = await openContacts({ name: 'contacts-u1', ...deps, sync: 'off' });
    const u2 = await openContacts({ name: 'contacts-u2', ...deps, sync: 'off' });
    await u2.createContact({ name: { first: 'Stays', last: 'Here' } });
    await u1.destroy();
    expect(await registeredDatabases(deps)).toEqual(['contacts-u2']);
    expect((await u2.queryContacts().find()).items.map((c) => c.info.name?.first)).toEqual(['Stays']);
    await u2.destroy();
    expect(await names(factory)).toEqual([REGISTRY_DB_NAME]);
  });
});
