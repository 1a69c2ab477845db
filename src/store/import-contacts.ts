/**
 * Bulk insert with the duplicate rule applied as if the contacts were created one after the
 * other: each one is checked against the stored contacts and the ones before it, with one
 * index walk per key kind instead of one lookup per contact.
 */
import type { Contact } from '../model/contact.js';
import { duplicateContactError, duplicateKeyOf, type DuplicateKey } from '../model/duplicates.js';
import { indexOf, shownValue } from './find-duplicate.js';
import { contactRow } from './index-keys.js';
import type { ContactRow, ContactsDb } from './schema.js';

/**
 * Adds `contacts` (new, normalised) in the caller's transaction.
 *
 * @throws ContactsError 409 `DUPLICATE_CONTACT_EXISTS` for the first contact that duplicates
 * a stored or earlier one, unless `allowDuplicates`.
 * @example
 * ```ts
 * await db.transaction('rw', db.contacts, () => importContacts(db, contacts, false));
 * ```
 */
export async function importContacts(db: ContactsDb, contacts: readonly Contact[], allowDuplicates: boolean): Promise<void> {
  const rows = contacts.map(contactRow);
  if (!allowDuplicates) {
    const seen = await storedOwners(db, rows);
    for (const row of rows) checkRow(row, seen);
  }
  await db.contacts.bulkAdd(rows);
}

/** Owners of duplicate keys, per key kind: key -> contact id (one map per kind, no composite keys to build). */
type Owners = Readonly<Record<DuplicateKey['kind'], Map<string, string>>>;

async function storedOwners(db: ContactsDb, rows: readonly ContactRow[]): Promise<Owners> {
  const owners: Owners = { email: new Map(), phone: new Map() };
  // A first import goes into an empty store: one key probe spares the two index walks, whose
  // set of up to 10,000 keys Dexie sorts before it opens a cursor (~2% of a 10k import).
  if ((await db.contacts.limit(1).primaryKeys()).length === 0) return owners;
  for (const kind of ['email', 'phone'] as const) {
    const keys: string[] = [];
    for (const row of rows) {
      const key = kind === 'email' ? row.k.dupEmail : row.k.dupPhone;
      if (key !== '') keys.push(key);
    }
    if (keys.length === 0) continue;
    const found = owners[kind];
    await db.contacts.where(indexOf({ kind, value: '' })).anyOf(keys).eachKey((key, cursor) => {
      // The dup indexes hold strings only (index-keys.ts).
      if (!found.has(key as string)) found.set(key as string, String(cursor.primaryKey));
    });
  }
  return owners;
}

/** Checks one row against the owners so far, then records it as an owner of its keys. */
function checkRow(row: ContactRow, owners: Owners): void {
  const key = duplicateKeyOf(row.c.info);
  if (key !== undefined) {
    const owner = owners[key.kind].get(key.value);
    if (owner !== undefined) throw duplicateContactError(owner, key, shownValue(row.c.info, key));
  }
  if (row.k.dupEmail !== '' && !owners.email.has(row.k.dupEmail)) owners.email.set(row.k.dupEmail, row._id);
  if (row.k.dupPhone !== '' && !owners.phone.has(row.k.dupPhone)) owners.phone.set(row.k.dupPhone, row._id);
}
