/**
 * What a failed call means to the person using the demo: the model's validation messages per
 * field (shown under the inputs) and one sentence for everything else. Every failure of the
 * library is a `ContactsError` with a stable `code`; only the words are the demo's.
 */
import { ContactsError } from '../../src/index.js';

/** A failure, ready to show. */
export interface ErrorText {
  readonly code: string;
  /** One sentence for the whole form or page. */
  readonly text: string;
  /** The model's message per field path of the info that was sent (`info.emails.items[0].email`). */
  readonly fields: ReadonlyMap<string, string>;
}

/** The words for the codes a person can act on. */
export const CODE_TEXT: Readonly<Record<string, string>> = {
  STORAGE_FULL: 'Storage full: this device has no room left, so this change was not saved. Free some space (other sites’ data, downloads), then try again. Changes saved earlier are safe and still sync.',
  DUPLICATE_CONTACT_EXISTS: 'Another contact already has this email (or, without email, this phone).',
  INSUFFICIENT_CONTACT_DATA: 'A contact needs at least a name, an email or a phone.',
  INSUFFICIENT_UPDATE_CONTACT_DATA: 'Nothing to save: no field changed.',
  CONTACT_NOT_FOUND: 'This contact no longer exists (it was deleted, maybe on another device).',
  CONTACT_ALREADY_CHANGED: 'This contact changed while you were editing. Your edits are still in the form: save again to apply them.',
  CANNOT_UPDATE_MEMBER_EMAIL: 'This contact is a site member: its primary email can only be changed by the member.',
  CANNOT_DELETE_MEMBER: 'This contact is a site member and cannot be deleted.',
  CANNOT_HAVE_MULTIPLE_PRIMARY_INFO: 'Only one email and one phone can be primary.',
  DATABASE_CLOSED: 'The local database was closed. Reload the page.',
  CLIENT_CLOSED: 'The local database was closed. Reload the page.',
  DATABASE_VERSION: 'A newer version of this app is open in another tab. Reload the page.',
  STORAGE_FAILED: 'The browser could not use its local database (IndexedDB).',
  INVALID_ARGUMENT: 'Some fields need fixing.',
  INVALID_EXTENDED_FIELD_VALUE: 'A custom field has a value it cannot take.',
};

/** Storage full while syncing (not while saving): nothing the user typed was lost. */
export const STORAGE_FULL_SYNC_TEXT = 'Storage full: this device has no room left. Your saved changes are kept, but syncing cannot finish until some space is freed (other sites’ data, downloads).';

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function fieldsOf(error: ContactsError): Map<string, string> {
  const fields = new Map<string, string>();
  if ('validationError' in error.details) {
    for (const v of error.details.validationError.fieldViolations) {
      if (!fields.has(v.field)) fields.set(v.field, capitalise(v.description));
    }
    return fields;
  }
  // Application errors about one field say so as "<path>: <description>".
  const m = /^(info\.[^:\s]+): (.+)$/.exec(error.message);
  if (m?.[1] !== undefined && m[2] !== undefined) fields.set(m[1], capitalise(m[2]));
  return fields;
}

/**
 * The text of any error thrown by the library (or anything else).
 *
 * @example
 * ```ts
 * try { await client.createContact(info); } catch (e) { show(errorText(e).text); }
 * ```
 */
export function errorText(error: unknown): ErrorText {
  if (!(error instanceof ContactsError)) {
    return { code: 'UNKNOWN', text: error instanceof Error ? error.message : String(error), fields: new Map() };
  }
  return { code: error.code, text: CODE_TEXT[error.code] ?? capitalise(error.message), fields: fieldsOf(error) };
}
