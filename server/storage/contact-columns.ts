/**
 * The typed columns stored beside a contact's REST JSON: what duplicate detection, member
 * checks and sorting need, derived in one place so every write stores the same thing.
 */
import type { Contact } from '../../src/model/contact.js';
import { emailKey, phoneKey } from '../../src/model/identity.js';
import type { WireContact } from '../../src/model/wire.js';
import type { SqlValue } from './sql.js';

/**
 * A contact ready to be written: the SDK form (for the columns), its REST form, and that
 * form serialised once (the `data` column, and the body of the answer).
 */
export interface StoredContact {
  readonly contact: Contact;
  readonly wire: WireContact;
  readonly json: string;
}

/** Column names, in the order `columnValues` returns them. */
export const CONTACT_COLUMNS = [
  'revision', 'data', 'created_at', 'updated_at', 'member_id', 'email_key', 'phone_key', 'email_keys',
  'sort_first', 'sort_last', 'sort_email', 'sort_company', 'sort_job_title',
] as const;

/** The SQL type each column's parameter is cast to. */
export const CONTACT_COLUMN_CASTS: Readonly<Record<(typeof CONTACT_COLUMNS)[number], string>> = {
  revision: 'integer', data: 'jsonb', created_at: 'timestamptz', updated_at: 'timestamptz', member_id: 'text',
  email_key: 'text', phone_key: 'text', email_keys: 'text[]', sort_first: 'text', sort_last: 'text',
  sort_email: 'text', sort_company: 'text', sort_job_title: 'text',
};

/**
 * Sort keys are lower-cased here, with the same `toLowerCase()` the local store uses, so the
 * server's `ORDER BY key COLLATE "C"` and the page's index agree on non-ASCII letters too.
 */
function sortKey(value: string | undefined): string {
  return (value ?? '').toLowerCase();
}

function primaryPhoneKey(contact: Contact): string | null {
  const phones = contact.info.phones?.items ?? [];
  const phone = phones.find((p) => p.primary === true) ?? phones[0];
  return phone === undefined ? null : phoneKey(phone);
}

/** The parameter values of `CONTACT_COLUMNS` for `stored`. */
export function columnValues(stored: StoredContact): SqlValue[] {
  const { contact } = stored;
  const primaryEmail = contact.primaryInfo?.email;
  const now = new Date();
  return [
    contact.revision,
    stored.json,
    contact._createdDate ?? now,
    contact._updatedDate ?? now,
    contact.memberInfo?.memberId ?? null,
    primaryEmail === undefined ? null : emailKey(primaryEmail),
    primaryPhoneKey(contact),
    (contact.info.emails?.items ?? []).map((e) => emailKey(e.email)),
    sortKey(contact.info.name?.first),
    sortKey(contact.info.name?.last),
    sortKey(primaryEmail),
    sortKey(contact.info.company),
    sortKey(contact.info.jobTitle),
  ];
}
