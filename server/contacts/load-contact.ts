/** Reading the current version of a contact for a write. */
import { contactFromWire } from '../../src/model/wire.js';
import { readContactRow } from '../storage/contact-store.js';
import type { SqlClient } from '../storage/sql.js';
import type { CachedContact } from './contact-cache.js';
import { contactAlreadyChanged, contactNotFound } from './contact-errors.js';
import type { ContactsDeps } from './contacts-deps.js';

/** The stored version of a contact (also refreshing the cache), or undefined when it does not exist. */
export async function loadContact(deps: ContactsDeps, db: SqlClient, tenantId: string, id: string): Promise<CachedContact | undefined> {
  const row = await readContactRow(db, tenantId, id);
  if (row === undefined) {
    deps.cache.delete(tenantId, id);
    return undefined;
  }
  const entry: CachedContact = { contact: contactFromWire(row.data), wire: row.data };
  deps.cache.set(tenantId, entry);
  return entry;
}

/**
 * The version of a contact a PATCH with `revision` applies to: the cached one when its
 * revision matches (the conditional UPDATE will confirm it), else the stored one.
 *
 * @throws ContactsError 404 `CONTACT_NOT_FOUND`, 409 `CONTACT_ALREADY_CHANGED`
 */
export async function baseForRevision(deps: ContactsDeps, tenantId: string, id: string, revision: number): Promise<CachedContact> {
  const cached = deps.cache.get(tenantId, id);
  if (cached !== undefined && cached.contact.revision === revision) return cached;
  const stored = await loadContact(deps, deps.sql, tenantId, id);
  if (stored === undefined) throw contactNotFound(id);
  if (stored.contact.revision !== revision) throw contactAlreadyChanged(id, revision, stored.contact.revision);
  return stored;
}

/**
 * The error for a conditional UPDATE that matched no row: the contact is gone (404) or its
 * revision moved on (409).
 */
export async function whyNotUpdated(deps: ContactsDeps, tenantId: string, id: string, revision: number): Promise<Error> {
  const stored = await loadContact(deps, deps.sql, tenantId, id);
  return stored === undefined ? contactNotFound(id) : contactAlreadyChanged(id, revision, stored.contact.revision);
}
