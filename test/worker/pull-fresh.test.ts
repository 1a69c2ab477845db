/**
 * A first pull looks up no contact row it cannot have stored (`FreshRows`,
 * worker/apply-changes.ts): the contacts of its pages are new unless an earlier page of the
 * same pull brought them. Counted with a DBCore middleware on `contacts`.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../src/model/contact.js';
import { ContactsError } from '../../src/model/contacts-error.js';
import { randomId } from '../../src/model/ids.js';
import type { ChangesPage, ContactsRemote } from '../../src/remote/contacts-remote.js';
import { newContact } from '../../src/store/build-contact.js';
import { ContactStore } from '../../src/store/contact-store.js';
import { contactRow } from '../../src/store/index-keys.js';
import { ContactsDb } from '../../src/store/schema.js';
import { freshRows } from '../../worker/apply-changes.js';
import type { EngineDeps } from '../../worker/engine-deps.js';
import { takeLeadership } from '../../worker/fence.js';
import { LabelRegistry } from '../../worker/label-registry.js';
import { pullToHead } from '../../worker/pull.js';
import { onTable } from '../support/table-middleware.js';

const GUID = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const server = (n: number, revision: number, company = 'Co'): Contact => ({
  ...newContact(GUID(n), { name: { first: `P${n}`, last: 'Pulled' }, company }, Date.UTC(2024, 0, 1)),
  revision,
});

/** A remote whose feed is `pages`, one per call. */
function feed(pages: readonly (readonly Contact[])[]): ContactsRemote {
  const changes = (cursor: string | undefined): Promise<ChangesPage> => {
    const i = cursor === undefined ? 0 : Number(cursor);
    return Promise.resolve({ changes: (pages[i] ?? []).map((contact) => ({ contact })), cursor: String(i + 1), hasMore: i + 1 < pages.length });
  };
  return { changes } as unknown as ContactsRemote;
}

describe('a first pull and the rows it cannot have', () => {
  let db: ContactsDb;
  let lookedUp: string[];

  beforeEach(async () => {
    db = new ContactsDb(`fresh-${randomId()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    lookedUp = [];
    db.use(onTable('count-lookups', 'contacts', (table) => ({
      ...table, getMany: (req) => { lookedUp.push(...req.keys.map(String)); return table.getMany(req); },
    })));
    await db.open();
  });
  afterEach(() => { db.close(); });

  const pull = async (pages: readonly (readonly Contact[])[]): Promise<void> => {
    const remote = feed(pages);
    const deps: EngineDeps = { db, remote, policy: 'local', now: Date.now, makeId: randomId, fence: await takeLeadership(db) };
    await pullToHead(deps, new LabelRegistry(remote), () => undefined);
  };

  it('looks up only the ids an earlier page of the same pull brought, and applies them as updates', async () => {
    // Contacts created here and not pushed (temporary ids) do not make a pull less fresh.
    await new ContactStore(db, { queueMutations: true }).createContact({ name: { first: 'Local' } });
    await pull([[server(1, 1), server(2, 1)], [server(3, 1), server(1, 2, 'Changed')]]);
    expect(lookedUp).toEqual([GUID(1)]);
    const row = await db.contacts.get(GUID(1));
    // Its local copy changed twice: revision 2, as with a lookup of every id.
    expect([row?.c.revision, row?.c.info.company, row?.s]).toEqual([2, 'Changed', 2]);
    expect(await db.contacts.count()).toBe(4);
  });

  it('looks every id up once a row under a server id is stored', async () => {
    await db.contacts.put(contactRow({ ...server(9, 1), revision: 1 }));
    expect(await freshRows(db)).toBeUndefined();
    await pull([[server(1, 1), server(9, 2, 'Changed')]]);
    expect(lookedUp.sort()).toEqual([GUID(1), GUID(9)]);
    expect((await db.contacts.get(GUID(9)))?.c.revision).toBe(2);
  });

  it('a feed that fails at once fails the pull, with nothing left unhandled (soak seeds 4105000, 4205000)', async () => {
    // The probe used to run while the first page's request was out, with no handler on it yet.
    const remote = { changes: () => Promise.reject(new ContactsError({ code: 'NETWORK_ERROR', message: 'offline' })) } as unknown as ContactsRemote;
    const deps: EngineDeps = { db, remote, policy: 'local', now: Date.now, makeId: randomId, fence: await takeLeadership(db) };
    await expect(pullToHead(deps, new LabelRegistry(remote), () => undefined)).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });

  it('finds server ids on either side of the temporary ids', async () => {
    expect(await freshRows(db)).toEqual({ written: new Set() });
    await db.contacts.put(contactRow({ ...server(1, 1), _id: 'zz-server-id' }));
    expect(await freshRows(db)).toBeUndefined();
  });
});
