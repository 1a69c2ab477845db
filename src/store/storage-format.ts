/**
 * The format of what the library stores, beyond the Dexie schema. Dexie 4 opens a database
 * at its stored version even when the code declares an older one (and creates a table it
 * misses), so older code never refuses newer data by itself: it would read rows it does not
 * understand as something else. A stamp in `meta`, checked on every open, makes it refuse.
 */
import type { Dexie } from 'dexie';
import { ContactsError } from '../model/contacts-error.js';
import type { MetaRow } from './schema.js';

/** The `meta` key of the stamp. */
export const STORAGE_FORMAT_KEY = 'storageFormat';

/**
 * The newest storage format this code reads and writes. Bump it whenever an older version
 * would misread what this one writes; every version from the first stamped one refuses a
 * newer format instead.
 * - 1: a pulled contact nothing was done to here stands for its own base (`ContactRow.s`,
 *   base-of.ts). Unstamped code would read it as a contact without a base, that is as
 *   deleted on the server, and drop the next edit made to it.
 * - 2: an import queues one outbox row for all its contacts (`ImportBatchRow`). Format-1
 *   code would read it as a row of no contact and never send those creates.
 */
export const STORAGE_FORMAT = 2;

/**
 * Checks the stamp of the database `db` has just opened, and stamps it with this format when
 * it is older (or unstamped: every earlier database is readable as format 1). Pass the
 * instance Dexie gives `on('ready')`: other queries wait for this one.
 *
 * @throws ContactsError 500 `DATABASE_VERSION` when a newer version of the library wrote it.
 * @example
 * ```ts
 * db.on('ready', (vip) => checkStorageFormat(vip), true);
 * ```
 */
export async function checkStorageFormat(db: Dexie): Promise<void> {
  const meta = db.table<MetaRow, string>('meta');
  const row = await meta.get(STORAGE_FORMAT_KEY);
  const stored = typeof row?.value === 'number' ? row.value : 0;
  if (stored > STORAGE_FORMAT) {
    throw new ContactsError({
      code: 'DATABASE_VERSION',
      message: `DATABASE_VERSION: ${db.name} was written by a newer version of offline-contacts (storage format ${stored}; this one reads up to ${STORAGE_FORMAT})`,
      data: { storageFormat: stored, supported: STORAGE_FORMAT },
    });
  }
  if (stored < STORAGE_FORMAT) await meta.put({ key: STORAGE_FORMAT_KEY, value: STORAGE_FORMAT });
}
