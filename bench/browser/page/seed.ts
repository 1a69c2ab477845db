/**
 * Building and seeding benchmark databases. Contacts are built once per page with the
 * library's own write path (validated, normalised, with index keys), then written with a raw
 * `bulkPut`, so every contender starts from exactly the rows our store would hold.
 */
import { openContacts, type ContactsClient } from '../../../src/index.js';
import type { Contact, ContactInfo } from '../../../src/model/contact.js';
import { newTempId } from '../../../src/model/ids.js';
import type { ContactsRemote } from '../../../src/remote/contacts-remote.js';
import { loadWritePath } from '../../../src/store/contact-store.js';
import { ContactsDb, type ContactRow } from '../../../src/store/schema.js';
import { realisticInfos } from './dataset.js';

/** The data of one workload. */
export interface Dataset {
  readonly infos: ContactInfo[];
  readonly contacts: Contact[];
  readonly rows: ContactRow[];
}

const CREATED_BASE = Date.UTC(2024, 0, 1);

/**
 * `count` contacts as a fresh import would store them (temporary ids, revision 1), created
 * one second apart so that the default sort has real work to do. The write path is loaded
 * the way the library loads it, so the page keeps an app's chunks.
 *
 * @example
 * ```ts
 * const { rows } = await buildDataset(10_000, 42);
 * ```
 */
export async function buildDataset(count: number, seed: number, tag = ''): Promise<Dataset> {
  const { contactRow, newContact, normalizeInfo, validateInfo } = await loadWritePath();
  const infos = realisticInfos(count, seed, tag);
  const contacts = infos.map((info, i) => newContact(newTempId(), normalizeInfo(validateInfo(info, 'create')), CREATED_BASE + i * 1000));
  return { infos, contacts, rows: contacts.map(contactRow) };
}

/** The page's IndexedDB, as the store takes it. */
export function browserDeps(): { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange } {
  return { indexedDB: globalThis.indexedDB, IDBKeyRange: globalThis.IDBKeyRange };
}

/**
 * A new database `name` (any old one is deleted first) holding `rows`.
 *
 * @example
 * ```ts
 * const floor = await seededDb('floor-0', rows);
 * ```
 */
export async function seededDb(name: string, rows: readonly ContactRow[]): Promise<ContactsDb> {
  await ContactsDb.delete(name);
  const db = new ContactsDb(name, browserDeps());
  await db.contacts.bulkPut([...rows]);
  return db;
}

/** A remote that is never called (sync 'off'): it turns the outbox on, as in real use. */
const idleRemote = new Proxy({}, { get: () => () => Promise.reject(new Error('unused')) }) as ContactsRemote;

/**
 * Our client on a fresh database holding `rows`: `withOutbox` gives it a remote (sync off),
 * so every write also appends its outbox row, as an app that syncs does.
 *
 * @example
 * ```ts
 * const client = await openOurs('ours-0', rows, true);
 * ```
 */
export async function openOurs(name: string, rows: readonly ContactRow[], withOutbox: boolean): Promise<ContactsClient> {
  (await seededDb(name, rows)).close();
  return openContacts({ name, sync: 'off', ...(withOutbox ? { remote: idleRemote } : {}) });
}

/** Median size of the stored documents, in bytes of JSON. */
export function docSize(rows: readonly ContactRow[]): number {
  const sizes = rows.slice(0, 1000).map((r) => JSON.stringify(r).length).sort((a, b) => a - b);
  return sizes[Math.floor(sizes.length / 2)] ?? 0;
}
