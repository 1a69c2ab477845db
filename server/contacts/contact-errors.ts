/** The errors of single-contact calls, with the wording the Wix service is known to use. */
import { appError, type ContactsError } from '../../src/model/contacts-error.js';

/** 404 `CONTACT_NOT_FOUND`. */
export function contactNotFound(contactId: string): ContactsError {
  return appError('CONTACT_NOT_FOUND', 'Contact not found', { contactId });
}

/** 409 `CONTACT_ALREADY_CHANGED`, with the message third-party code matches on (WIX-CONTACTS.md C1). */
export function contactAlreadyChanged(contactId: string, revision: number, currentRevision?: number): ContactsError {
  return appError('CONTACT_ALREADY_CHANGED', 'Contact has been updated since the requested revision.', {
    contactId, revision, ...(currentRevision === undefined ? {} : { currentRevision }),
  });
}
