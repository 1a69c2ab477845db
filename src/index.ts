/**
 * offline-contacts: the Wix Contacts v4 API on IndexedDB, with sync to a Contacts server.
 * This is the whole public surface; everything else is internal.
 */
export { openContacts } from './client/open-contacts.js';
export { merge3 } from './merge/merge3.js';
export { ContactsError } from './model/contacts-error.js';
export { ERROR_STATUS, isContactsErrorCode } from './model/error-codes.js';

export type {
  ContactsClient, ContactsQueryBuilder, ContactsQueryResult, OpenContactsOptions, SyncHandle, WriteOptions,
} from './client/types.js';
export type {
  Address, AddressLocation, Contact, ContactActivity, ContactAddress, ContactAddressesWrapper, ContactEmail,
  ContactEmailsWrapper, ContactInfo, ContactName, ContactPhone, ContactPhonesWrapper, ContactPicture, ContactSource,
  ExtendedFieldValue, ExtendedFieldsWrapper, LabelsWrapper, LocationsWrapper, MemberInfo, PrimaryContactInfo,
  PrimaryEmail, PrimaryPhone, StreetAddress,
} from './model/contact.js';
export type {
  AddressTag, ContactActivityType, ContactSourceType, EmailDeliverabilityStatus, EmailTag, MemberStatus, PhoneTag,
  SubscriptionStatus,
} from './model/enums.js';
export type { Conflict, ConflictKind } from './model/conflict.js';
export type { SyncProgress, SyncState, SyncStatus } from './model/sync-status.js';
export type {
  ApplicationErrorDetails, ErrorDetails, ErrorEnvelope, FieldViolation, ValidationErrorDetails,
} from './model/contacts-error.js';
export type { ContactsErrorCode } from './model/error-codes.js';
export type { ConflictPolicy, MergeConflict, MergeResult } from './merge/merge3.js';
export type { ChangeEntry, ChangesPage, ContactsRemote, RemoteOptions } from './remote/contacts-remote.js';
