/**
 * RxDB 17 on its Dexie storage, the peer of DESIGN.md section 8. It gets the same queryable
 * fields as our rows, each with an index, so both sides maintain the same indexes (RxDB has
 * no multiEntry index, so labels are left out there, to RxDB's advantage). As in
 * bench/local-store.ts: RxDB bundles Dexie 4.4.2, and Dexie refuses to load twice with
 * different versions (a global `Symbol.for('Dexie')` slot); RxDB's copy is loaded with the
 * slot emptied, then ours is put back, and each library keeps its own Dexie.
 */
import type * as RxDbModule from 'rxdb';
import type { RxCollection, RxDatabase, RxJsonSchema } from 'rxdb';
import type * as RxDbDexieModule from 'rxdb/plugins/storage-dexie';
import type { ContactInfo } from '../../../src/model/contact.js';
import type { ContactRow } from '../../../src/store/schema.js';

/** The RxDB document of a contact. */
export interface RxContact {
  id: string; first: string; last: string; email: string; phone: string; created: number;
  dupEmail: string; dupPhone: string; revision: number; info: ContactInfo;
}

const text = { type: 'string', maxLength: 320 } as const;
const schema: RxJsonSchema<RxContact> = {
  version: 0, primaryKey: 'id', type: 'object',
  properties: {
    id: { type: 'string', maxLength: 100 },
    first: text, last: text, email: text, phone: text, dupEmail: text, dupPhone: text,
    created: { type: 'number', minimum: 0, maximum: 1e15, multipleOf: 1 },
    revision: { type: 'number' },
    info: { type: 'object' },
  },
  required: ['id', 'first', 'last', 'email', 'phone', 'created', 'dupEmail', 'dupPhone', 'revision', 'info'],
  indexes: ['first', 'last', 'email', 'phone', 'created', 'dupEmail', 'dupPhone'],
};

type RxModules = [typeof RxDbModule, typeof RxDbDexieModule];
let modules: Promise<RxModules> | undefined;

function loadRxDb(): Promise<RxModules> {
  modules ??= (async () => {
    const slot = Symbol.for('Dexie');
    const g = globalThis as Record<symbol, unknown>;
    const ours = g[slot];
    delete g[slot];
    try {
      return await Promise.all([import('rxdb'), import('rxdb/plugins/storage-dexie')]);
    } finally {
      g[slot] = ours;
    }
  })();
  return modules;
}

/**
 * The RxDB documents of our rows (JSON: dates are not, so the info goes in as JSON).
 *
 * @example
 * ```ts
 * await collection.bulkInsert(rxDocs(rows));
 * ```
 */
export function rxDocs(rows: readonly ContactRow[]): RxContact[] {
  return rows.map(({ c, k }) => ({
    id: c._id, first: k.first, last: k.last, email: k.email, phone: k.phone, created: k.created,
    dupEmail: k.dupEmail, dupPhone: k.dupPhone, revision: c.revision, info: JSON.parse(JSON.stringify(c.info)) as ContactInfo,
  }));
}

/** An open RxDB collection and how to throw its database away. */
export interface RxPeer {
  readonly contacts: RxCollection<RxContact>;
  remove(): Promise<void>;
}

/**
 * A fresh RxDB database `name` with one `contacts` collection holding `docs`.
 *
 * @example
 * ```ts
 * const rx = await openRx('rx-0', docs);
 * ```
 */
export async function openRx(name: string, docs: readonly RxContact[]): Promise<RxPeer> {
  const [{ createRxDatabase, removeRxDatabase }, { getRxStorageDexie }] = await loadRxDb();
  const storage = getRxStorageDexie();
  await removeRxDatabase(name, storage);
  const warn = console.warn;
  console.warn = () => undefined; // RxDB's open-core banner
  let db: RxDatabase;
  try {
    db = await createRxDatabase({ name, storage, multiInstance: false });
  } finally {
    console.warn = warn;
  }
  const { contacts } = await db.addCollections({ contacts: { schema } });
  if (docs.length > 0) await contacts.bulkInsert([...docs]);
  return { contacts: contacts as RxCollection<RxContact>, remove: async () => { await db.remove(); } };
}
