/** What a contact linked to a site member may not do (WIX-CONTACTS.md 7.5). */
import type { Contact } from '../model/contact.js';
import { appError } from '../model/contacts-error.js';

/**
 * Refuses a change of a member contact's primary email (its login email lives in the
 * Members API). Any change counts, a case-only one included: the login email would differ.
 *
 * @throws ContactsError 428 `CANNOT_UPDATE_MEMBER_EMAIL`
 * @example
 * ```ts
 * assertMemberEmailKept(current, next);
 * ```
 */
export function assertMemberEmailKept(current: Contact, next: Contact): void {
  if (current.memberInfo === undefined) return;
  if (current.primaryInfo?.email === next.primaryInfo?.email) return;
  throw appError('CANNOT_UPDATE_MEMBER_EMAIL', 'The primary email of a site member cannot be changed through Contacts.', {
    contactId: current._id,
  });
}

/**
 * Refuses to delete a member contact.
 *
 * @throws ContactsError 428 `CANNOT_DELETE_MEMBER`
 * @example
 * ```ts
 * assertDeletable(current);
 * ```
 */
export function assertDeletable(contact: Contact): void {
  if (contact.memberInfo === undefined) return;
  throw appError('CANNOT_DELETE_MEMBER', 'A contact linked to a site member cannot be deleted.', { contactId: contact._id });
}
