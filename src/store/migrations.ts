/**
 * The schema history of the local database, as data: each entry is one Dexie version with
 * its store definitions and an optional upgrade. A new schema is a new entry at the end;
 * entries are never edited once released (a browser may hold a database at any of them).
 */
import type { Dexie, Transaction } from 'dexie';

/** One schema version. `stores` uses Dexie's syntax; `null` deletes a table. */
export interface Migration {
  readonly version: number;
  readonly stores: Readonly<Record<string, string | null>>;
  /** Runs inside the version-change transaction when upgrading from an older version. */
  readonly upgrade?: (tx: Transaction) => Promise<void> | void;
}

/** Version 1: the tables of docs/ARCHITECTURE.md. */
const V1: Migration = {
  version: 1,
  stores: {
    contacts: '_id, k.first, k.last, k.email, k.phone, k.created, *k.labels, k.dupEmail, k.dupPhone',
    bases: 'contactId',
    outbox: '++seq, contactId, mutationId',
    conflicts: 'id, contactId, createdAt',
    meta: 'key',
    aliases: 'tempId, serverId',
  },
};

/**
 * Version 2: the outbox loses its `mutationId` index. Nothing looks a row up by mutation id
 * (the engine reads rows by `contactId` and `seq`), and each index is one more key that
 * IndexedDB writes with every queued edit: measured in Chromium, the outbox row was most of
 * what a synced `updateContact` and a synced import cost over a local-only one.
 */
const V2: Migration = {
  version: 2,
  stores: { outbox: '++seq, contactId' },
};

/** Every schema version, oldest first. */
export const MIGRATIONS: readonly Migration[] = [V1, V2];

/** The newest schema version. */
export const SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/**
 * Declares `migrations` on `db` (before it opens), in ascending version order.
 *
 * @throws Error when two entries share a version (a programming error, caught by tests).
 * @example
 * ```ts
 * applyMigrations(db, [...MIGRATIONS, { version: 2, stores: {}, upgrade: (tx) => tx.table('meta').clear() }]);
 * ```
 */
export function applyMigrations(db: Dexie, migrations: readonly Migration[]): void {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (i > 0 && sorted[i - 1]?.version === m.version) throw new Error(`duplicate schema version ${m.version}`);
    const version = db.version(m.version).stores({ ...m.stores });
    if (m.upgrade) version.upgrade(m.upgrade);
  });
}
