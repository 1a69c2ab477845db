/**
 * Validation of `ContactInfo` input against every limit and format of the Wix model. The
 * local store and the server both call this, so both fail with the same status and code.
 */
import type { ContactInfo } from './contact.js';

/** Whether the info is a whole new contact or a PATCH (implicit field mask). */
export type ValidationMode = 'create' | 'update';

/**
 * Checks `input` (anything: it may come straight from JSON) and returns a clean copy typed as
 * `ContactInfo`, with read-only fields (`e164Phone`, derived extended fields, system
 * extended fields) dropped.
 *
 * @throws ContactsError 400 `INVALID_ARGUMENT` (validationError.fieldViolations: unknown
 * fields, wrong types, lengths, formats, list sizes), 400 `CANNOT_HAVE_MULTIPLE_PRIMARY_INFO`,
 * 400 `INVALID_EXTENDED_FIELD_VALUE`, 400 `INSUFFICIENT_CONTACT_DATA` (create without name,
 * email or phone), 400 `INSUFFICIENT_UPDATE_CONTACT_DATA` (update with nothing to update).
 */
export function validateInfo(input: unknown, mode: ValidationMode): ContactInfo {
  void input; void mode; throw new Error('TODO(model helper): not implemented yet');
}

/**
 * Checks that a contact's resulting info still identifies someone (a name, an email or a
 * phone), as Wix requires after every write.
 *
 * @throws ContactsError 400 `INSUFFICIENT_CONTACT_DATA`
 */
export function assertSufficientInfo(info: ContactInfo): void {
  void info; throw new Error('TODO(model helper): not implemented yet');
}

/**
 * Checks a list of label keys given to label/unlabel (1..100 keys, each `namespace.slug`).
 *
 * @throws ContactsError 400 `INVALID_ARGUMENT`
 */
export function validateLabelKeys(input: unknown, field: string): string[] {
  void input; void field; throw new Error('TODO(model helper): not implemented yet');
}
