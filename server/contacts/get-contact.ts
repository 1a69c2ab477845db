/** Get Contact (`GET /contacts/v4/contacts/{id}`): always read from storage, never from the write cache. */
import type { WireContact } from '../../src/model/wire.js';
import { readContactRow } from '../storage/contact-store.js';
import { contactNotFound } from './contact-errors.js';
import type { ContactsDeps } from './contacts-deps.js';

/**
 * The stored REST form of a contact of the tenant.
 *
 * @throws ContactsError 404 `CONTACT_NOT_FOUND` (unknown, deleted, or another tenant's)
 */
export async function getContactRow(deps: ContactsDeps, tenantId: string, id: string): Promise<WireContact> {
  const row = await readContactRow(deps.sql, tenantId, id);
  if (row === undefined) throw contactNotFound(id);
  return row.data;
}
