/**
 * A random id per local database, shared by every tab that opens it. Lock and channel names
 * are derived from it rather than from the database name, so that two "devices" in one Node
 * process (separate fake-indexeddb factories, same database name) never share a lock.
 */
import type { IdFactory } from '../src/model/ids.js';
import type { ContactsDb } from '../src/store/schema.js';

const DEVICE_KEY = 'deviceId';

/** The database's device id, created on first use (atomically, so two tabs agree). */
export async function ensureDeviceId(db: ContactsDb, makeId: IdFactory): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get(DEVICE_KEY);
    if (typeof row?.value === 'string') return row.value;
    const id = makeId();
    await db.meta.put({ key: DEVICE_KEY, value: id });
    return id;
  });
}
