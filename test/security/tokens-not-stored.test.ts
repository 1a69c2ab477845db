/**
 * Credentials never reach IndexedDB: after a device has synced (creates, edits, a 401 and a
 * new login through `auth()`, conflicts, a close and reopen), every object store of every
 * database on its profile is read raw and searched for the tokens.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContacts } from '../../src/client/open-contacts.js';
import type { ContactsClient } from '../../src/client/types.js';
import { dumpAll } from './scan-indexed-db.js';
import { startSecurityServer, type SecurityServer } from './security-server.js';

let s: SecurityServer;
beforeAll(async () => { s = await startSecurityServer(); });
afterAll(async () => { await s.server.close(); });

describe('tokens are never written to IndexedDB', () => {
  it('after a sync run with a re-login, no store of any database holds a token or the auth header', async () => {
    const factory = new IDBFactory();
    let headers: Record<string, string> = { Authorization: 'Bearer wrong-token-Z9Q', 'X-Api-Key': 'api-key-K7W' };
    const open = (): Promise<ContactsClient> => openContacts({
      name: 'contacts-secure', indexedDB: factory, IDBKeyRange, sync: 'inline',
      remote: { baseUrl: s.url, auth: () => headers },
    });
    let client = await open();
    client.sync.pause();
    const { contact } = await client.createContact({ name: { first: 'Token', last: 'Test' } });
    await expect(client.sync.syncNow()).rejects.toMatchObject({ status: 401 });
    headers = { Authorization: `Bearer ${s.users.a1}`, 'X-Api-Key': 'api-key-K7W' };
    await client.sync.syncNow();
    const id = (await client.getContact(contact._id))._id;
    await client.updateContact(id, { company: 'Mine' }, (await client.getContact(id)).revision);
    expect((await s.call('PATCH', `/contacts/v4/contacts/${id}`, s.users.a2, { revision: 1, info: { company: 'Theirs' } })).status).toBe(200);
    await client.sync.syncNow();
    await client.close();
    client = await open();
    client.sync.pause();
    await client.sync.syncNow();
    expect((await client.listConflicts()).length).toBeGreaterThan(0); // the conflict path ran too
    const dump = JSON.stringify(await dumpAll(factory));
    expect(dump.length).toBeGreaterThan(1000);
    for (const secret of [s.users.a1, 'wrong-token-Z9Q', 'api-key-K7W', 'Bearer', 'Authorization']) {
      expect(dump.includes(secret), `found ${secret}`).toBe(false);
    }
    await client.destroy();
  });
});
