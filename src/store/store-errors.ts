/** The application errors the local write path raises, built the way the server builds them. */
import type { Contact } from '../model/contact.js';
import { appError, validationError, type ContactsError } from '../model/contacts-error.js';

/**
 * 404 `CONTACT_NOT_FOUND`.
 *
 * @example
 * ```ts
 * if (!row) throw contactNotFound(id);
 * ```
 */
export function contactNotFound(contactId: string): ContactsError {
  return appError('CONTACT_NOT_FOUND', `Contact ${contactId} was not found.`, { contactId });
}

/**
 * 409 `CONTACT_ALREADY_CHANGED`, with the message the Wix server uses.
 *
 * @example
 * ```ts
 * if (current.revision !== revision) throw contactAlreadyChanged(current);
 * ```
 */
export function contactAlreadyChanged(current: Contact): ContactsError {
  return appError('CONTACT_ALREADY_CHANGED', 'Contact has been updated since the requested revision.', {
    contactId: current._id, revision: current.revision,
  });
}

/**
 * 400 `INVALID_ARGUMENT` for a bad top-level argument (`contactId`, `revision`...).
 *
 * @example
 * ```ts
 * throw invalidArgument('revision', 'must be an integer >= 0');
 * ```
 */
export function invalidArgument(field: string, description: string): ContactsError {
  return validationError([{ field, description }]);
}

/**
 * Checks a contact id argument.
 *
 * @throws ContactsError 400 `INVALID_ARGUMENT` when it is not a non-empty string.
 * @example
 * ```ts
 * const id = checkContactId(input);
 * ```
 */
export function checkContactId(contactId: unknown, field = 'contactId'): string {
  if (typeof contactId !== 'string' || contactId.length === 0) {
    throw invalidArgument(field, 'must be a non-empty string');
  }
  return contactId;
}

/**
 * Checks the `revision` argument of an update (Wix requires it).
 *
 * @throws ContactsError 400 `INVALID_ARGUMENT` when it is missing or not an integer >= 0.
 * @example
 * ```ts
 * checkRevision(contact.revision);
 * ```
 */
export function checkRevision(revision: unknown): number {
  if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 0) {
    throw invalidArgument('revision', 'must be an integer >= 0');
  }
  return revision;
}
