/**
 * The business checks a create or update runs against stored data: label keys must exist,
 * the contact must not duplicate another (WIX-CONTACTS.md section 10), and a member's
 * primary email must not change (section 7.5).
 */
import type { Contact, ContactInfo } from '../../src/model/contact.js';
import { appError } from '../../src/model/contacts-error.js';
import { duplicateContactError, duplicateKeyOf, needsDuplicateCheck } from '../../src/model/duplicates.js';
import { emailKey } from '../../src/model/identity.js';
import { findDuplicateContact } from '../storage/duplicate-store.js';
import type { SqlClient } from '../storage/sql.js';
import type { ContactsDeps } from './contacts-deps.js';

/**
 * Checks that every label key the write sends exists.
 *
 * @throws ContactsError 400 `LABEL_NOT_FOUND`
 */
export async function checkLabelKeys(deps: ContactsDeps, db: SqlClient, tenantId: string, sent: ContactInfo): Promise<void> {
  const keys = sent.labelKeys?.items ?? [];
  if (keys.length > 0) await deps.labels.assertExist(db, tenantId, keys);
}

/** What a duplicate check is about. */
export interface DuplicateCheck {
  readonly mode: 'create' | 'update';
  /** The info as the request sent it (decides whether an update is checked at all). */
  readonly sent: ContactInfo;
  /** The normalised info the contact will have. */
  readonly result: ContactInfo;
  /** The contact being written (never its own duplicate). */
  readonly selfId: string;
  readonly allowDuplicates: boolean | undefined;
}

/**
 * Refuses a write whose email (or, without any email, phone) another contact already has.
 *
 * @throws ContactsError 409 `DUPLICATE_CONTACT_EXISTS` with `data.duplicateContactId` and
 * `duplicateEmail` or `duplicatePhone`
 */
export async function checkDuplicate(deps: ContactsDeps, db: SqlClient, tenantId: string, check: DuplicateCheck): Promise<void> {
  if (!needsDuplicateCheck(check.mode, check.sent, check.allowDuplicates)) return;
  const key = duplicateKeyOf(check.result);
  if (key === undefined) return;
  const emails = check.result.emails?.items ?? [];
  const found = await findDuplicateContact(db, tenantId, key, check.selfId, deps.duplicateEmailMode, emails.map((e) => emailKey(e.email)));
  if (found === undefined) return;
  const phones = check.result.phones?.items ?? [];
  const shown = key.kind === 'email'
    ? (emails.find((e) => e.primary === true) ?? emails[0])?.email
    : (phones.find((p) => p.primary === true) ?? phones[0])?.phone;
  throw duplicateContactError(found, key, shown ?? key.value);
}

/**
 * The names of the locks a write holds from its duplicate check until it is stored
 * (`KeyLocks`), none when it runs no check: its duplicate key, and in `any` mode every
 * email it has, since any of them can match another contact's.
 */
export function duplicateLockNames(deps: ContactsDeps, tenantId: string, check: Omit<DuplicateCheck, 'selfId'>): string[] {
  if (!needsDuplicateCheck(check.mode, check.sent, check.allowDuplicates)) return [];
  const key = duplicateKeyOf(check.result);
  if (key === undefined) return [];
  const values = key.kind === 'email' && deps.duplicateEmailMode === 'any'
    ? [key.value, ...(check.result.emails?.items ?? []).map((e) => emailKey(e.email))]
    : [key.value];
  return values.map((v) => `${tenantId}\u0000${key.kind}:${v}`);
}

/**
 * Refuses to change (or remove) the primary email of a contact that is a site member.
 *
 * @throws ContactsError 428 `CANNOT_UPDATE_MEMBER_EMAIL`
 */
export function checkMemberEmail(current: Contact, next: Contact): void {
  if (current.memberInfo === undefined) return;
  if (current.primaryInfo?.email !== next.primaryInfo?.email) {
    throw appError('CANNOT_UPDATE_MEMBER_EMAIL',
      'the contact is a site member: its primary email can only be changed through the Members API', {
        contactId: current._id,
      });
  }
}
