/**
 * The local database: typed tables and row shapes of docs/ARCHITECTURE.md "Local store
 * (Dexie) schema". The sync engine reads and writes the same tables, so every row type is
 * exported from here.
 */
import { Dexie } from './dexie.js';
import type { Table } from 'dexie';
import type { Contact, ContactInfo } from '../model/contact.js';
import type { Conflict } from '../model/conflict.js';
import type { ContactId, MutationId, ServerContactId, ServerRevision, TempContactId } from '../model/ids.js';
import { MIGRATIONS, applyMigrations, type Migration } from './migrations.js';
import { checkStorageFormat } from './storage-format.js';

/** Index keys derived from a contact on every write (see `index-keys.ts`). */
export interface IndexKeys {
  /** Lower-cased `info.name.first`, `""` when absent. */
  readonly first: string;
  readonly last: string;
  /** Lower-cased primary email. */
  readonly email: string;
  /** Lower-cased primary phone as typed. */
  readonly phone: string;
  /** `_createdDate` in epoch ms (-Infinity when absent, which sorts first like the model). */
  readonly created: number;
  /** `info.labelKeys.items`, exactly (multiEntry index). */
  readonly labels: readonly string[];
  /** Duplicate key of the primary email (`emailKey`), `""` when there is no email. */
  readonly dupEmail: string;
  /** Duplicate key of the primary phone (`phoneKey`), `""` when there is no phone. */
  readonly dupPhone: string;
}

/** A row of `contacts`: the local view of one contact and its index keys. */
export interface ContactRow {
  readonly _id: string;
  readonly c: Contact;
  readonly k: IndexKeys;
  /**
   * Set when the row is the server's copy at this server revision, unchanged (a pulled
   * contact nothing was done to here): the row is then its own merge base and `bases` holds
   * none for it, so a pull writes each contact once, not twice (base-of.ts). Any other
   * write of the row drops it (`contactRow` builds rows without it).
   */
  readonly s?: ServerRevision | undefined;
}

/**
 * A row of `bases`: the last server copy of a contact, the merge base. A contact whose row
 * has `s` has none; read bases with `baseOf` (base-of.ts), which covers both.
 */
export interface BaseRow {
  readonly contactId: ServerContactId;
  readonly serverRevision: ServerRevision;
  readonly contact: Contact;
}

/** Fields every outbox row has. `seq` is assigned by IndexedDB on insert. */
interface OutboxCommon {
  readonly seq?: number;
  readonly mutationId: MutationId;
  readonly contactId: ContactId;
  /** Epoch ms. */
  readonly createdAt: number;
}

/** A local mutation waiting to be pushed, discriminated on `op`. */
export type OutboxRow =
  | (OutboxCommon & { readonly op: 'create'; readonly allowDuplicates: boolean })
  | (OutboxCommon & { readonly op: 'update'; readonly patch: ContactInfo; readonly allowDuplicates: boolean })
  | (OutboxCommon & {
    readonly op: 'delete';
    /**
     * The contact's local revision when it was deleted. Rows written before this field
     * existed lack it. Kept so that a delete the server refuses brings the contact back
     * with a higher revision than any a caller may still hold.
     */
    readonly lastRevision?: number;
  })
  | (OutboxCommon & { readonly op: 'label'; readonly labelKeys: readonly string[] })
  | (OutboxCommon & { readonly op: 'unlabel'; readonly labelKeys: readonly string[] });

/** The kind of an outbox row. */
export type OutboxOp = OutboxRow['op'];

/** How the `contactId` of an import batch row starts: neither a temporary id nor a server GUID does. */
export const IMPORT_BATCH_PREFIX = 'import-batch:';

/** The `contactId` of an import batch row: the prefix and how many contacts it still holds. */
export type ImportBatchKey = `${typeof IMPORT_BATCH_PREFIX}${number}`;

/**
 * The creates of one import, in one row of `outbox` until the sync engine splits it into a
 * `create` row per contact (worker/split-import-batches.ts). In Chromium each row an import
 * adds is one more request: 10,000 `create` rows cost an import about 1.2 s over the
 * contacts themselves (docs/BENCHMARKS.md), one row costs next to nothing.
 *
 * Its `contactId` is `import-batch:<contacts it holds>`, which no contact's id is: reads by
 * contact find rows of that contact only, and `countPending` reads the batches' sizes off
 * the index keys, without their rows. (Not an index of their own: a row without an index's
 * key path costs fake-indexeddb an exception on every insert and delete, ~50 µs, and every
 * other outbox row would lack it.)
 */
export interface ImportBatchRow {
  readonly seq?: number;
  readonly op: 'import';
  readonly contactId: ImportBatchKey;
  /** The creates' `Idempotency-Key`s derive from it (`importMutationId`). */
  readonly mutationId: MutationId;
  /** The imported contacts not split off yet, in import order. */
  readonly contactIds: readonly TempContactId[];
  /** How many contacts the engine has split off already (it splits in chunks); 0 when absent. */
  readonly split?: number;
  readonly allowDuplicates: boolean;
  /** Epoch ms. */
  readonly createdAt: number;
}

/** A row of `outbox`: one mutation of one contact, or the creates of an import. */
export type OutboxEntry = OutboxRow | ImportBatchRow;

/** A row of `conflicts`. */
export type ConflictRow = Conflict;

/** A row of `meta`: pull cursor, leadership epoch, device id... */
export interface MetaRow {
  readonly key: string;
  readonly value: unknown;
}

/** A row of `aliases`: a temporary id the server has since replaced. */
export interface AliasRow {
  readonly tempId: TempContactId;
  readonly serverId: ServerContactId;
}

/** What `ContactsDb` needs from the environment (injected in Node tests). */
export interface ContactsDbDeps {
  readonly indexedDB: IDBFactory;
  readonly IDBKeyRange: typeof IDBKeyRange;
}

/**
 * The Dexie database of one user and site. Opening it applies `MIGRATIONS` in order.
 *
 * @example
 * ```ts
 * const db = new ContactsDb('contacts-u1', { indexedDB, IDBKeyRange });
 * await db.open();
 * const row = await db.contacts.get(id);
 * ```
 */
export class ContactsDb extends Dexie {
  declare contacts: Table<ContactRow, string>;
  declare bases: Table<BaseRow, string>;
  declare outbox: Table<OutboxEntry, number>;
  declare conflicts: Table<ConflictRow, string>;
  declare meta: Table<MetaRow, string>;
  declare aliases: Table<AliasRow, string>;

  /** `migrations` is a parameter only so that tests can add a future version. */
  constructor(name: string, deps: ContactsDbDeps, migrations: readonly Migration[] = MIGRATIONS) {
    super(name, { indexedDB: deps.indexedDB, IDBKeyRange: deps.IDBKeyRange });
    applyMigrations(this, migrations);
    // Sticky: checked again whenever Dexie reopens the connection.
    this.on('ready', (vip: Dexie) => checkStorageFormat(vip), true);
    this.on('versionchange', (event) => this.onVersionChange(event));
  }

  /**
   * Another connection deletes the database (a logout in another tab): close for good, so
   * that a later call fails (`DATABASE_CLOSED`) instead of Dexie silently re-creating an
   * empty database. An upgrade elsewhere keeps Dexie's default (close, reopen on next use).
   */
  private onVersionChange(event: IDBVersionChangeEvent): boolean | undefined {
    if (event.newVersion !== null) return undefined;
    this.close({ disableAutoOpen: true });
    return false;
  }
}
