/** Delete Contact (`DELETE /contacts/v4/contacts/{id}`), and `seedMember` (the test seam that makes a member). */
import type { Contact } from '../../src/model/contact.js';
import { appError } from '../../src/model/contacts-error.js';
import { deleteContactRow, ensureTenant } from '../storage/contact-store.js';
import { nextVersion, toStored } from './contact-builder.js';
import { contactNotFound } from './contact-errors.js';
import type { ContactsDeps } from './contacts-deps.js';
import { loadContact } from './load-contact.js';

/**
 * Deletes a contact, leaving a tombstone in the change feed.
 *
 * @throws ContactsError 404 `CONTACT_NOT_FOUND` (unknown or already deleted), 428
 * `CANNOT_DELETE_MEMBER` (the contact is a site member)
 */
export async function deleteContact(deps: ContactsDeps, tenantId: string, id: string): Promise<void> {
  const result = await deleteContactRow(deps.sql, tenantId, id, deps.now());
  deps.cache.delete(tenantId, id);
  if (result === 'missing') throw contactNotFound(id);
  if (result === 'member') {
    throw appError('CANNOT_DELETE_MEMBER', 'the contact is a site member and cannot be deleted', { contactId: id });
  }
}

/** How often `seedMember` retries against concurrent writes. */
const MAX_ATTEMPTS = 20;

/**
 * Links a contact to a (made-up) site member: it gains `memberInfo`, its primary email can
 * no longer change (428 `CANNOT_UPDATE_MEMBER_EMAIL`) and it cannot be deleted (428
 * `CANNOT_DELETE_MEMBER`). Like any server-side change, this bumps the revision by 1 and
 * appears in the change feed, so synced clients learn the contact is a member. A contact
 * that is already a member is left as it is.
 *
 * @throws ContactsError 404 `CONTACT_NOT_FOUND`
 */
export async function seedMember(deps: ContactsDeps, tenantId: string, id: string): Promise<void> {
  await ensureTenant(deps.sql, tenantId);
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    const base = await loadContact(deps, deps.sql, tenantId, id);
    if (base === undefined) throw contactNotFound(id);
    if (base.contact.memberInfo !== undefined) return;
    const now = deps.now();
    const email = base.contact.primaryInfo?.email;
    const member: Contact = {
      ...nextVersion(base.contact, base.contact.info, now),
      memberInfo: { memberId: deps.newId(), status: 'ACTIVE', signupDate: now, ...(email === undefined ? {} : { email }) },
    };
    const next = toStored(member);
    if (await deps.updates.update(tenantId, base.contact.revision, next)) {
      deps.cache.set(tenantId, next);
      return;
    }
  }
  throw appError('CONTACT_ALREADY_CHANGED', 'The contact kept changing while it was being linked to a member.', { contactId: id });
}
