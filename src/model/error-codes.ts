/**
 * Every error code the library, its worker and its server can produce, with the HTTP status
 * each one travels with. Codes are stable strings and are never reused for another meaning.
 * Wix's own codes come from WIX-CONTACTS.md sections 7.4, 8 and 9; the ones marked "ours"
 * exist only in this project (client-side failures and the server's additions).
 */
export const ERROR_STATUS = {
  // 400: schema/format violations carry details.validationError; the rest applicationError.
  INVALID_ARGUMENT: 400,
  INSUFFICIENT_CONTACT_DATA: 400,
  INSUFFICIENT_UPDATE_CONTACT_DATA: 400,
  CANNOT_HAVE_MULTIPLE_PRIMARY_INFO: 400,
  INVALID_EXTENDED_FIELD_VALUE: 400,
  LABEL_NOT_FOUND: 400, // ours: info.labelKeys or labelContact names a key that does not exist
  UNSUPPORTED_SORT_FIELD: 400,
  ILLEGAL_LIMIT: 400,
  MALFORMED_FILTER: 400,
  UNSUPPORTED_FILTER: 400,
  UNSUPPORTED_FILTER_FIELD_UNKNOWN: 400,
  UNSUPPORTED_FILTER_OPERATOR: 400,
  UNSUPPORTED_FILTER_VALUE: 400,
  UNSUPPORTED_FILTER_VALUE_TYPE: 400,
  ILLEGAL_MERGE: 400,
  NEITHER_FILTER_NOR_SEARCH: 400,
  MALFORMED_JSON: 400, // ours: the request body is not JSON
  // 401 / 403
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  // 404
  CONTACT_NOT_FOUND: 404,
  NOT_FOUND: 404,
  // 409
  DUPLICATE_CONTACT_EXISTS: 409,
  CONTACT_ALREADY_CHANGED: 409,
  CONTACT_ID_ALREADY_EXISTS: 409,
  IDEMPOTENCY_KEY_REUSED: 409, // ours: same Idempotency-Key, different request body
  // 413
  PAYLOAD_TOO_LARGE: 413,
  // 428
  CANNOT_UPDATE_MEMBER_EMAIL: 428,
  CANNOT_DELETE_MEMBER: 428,
  CANNOT_DELETE_CONTACT_WITH_BILLING_SUBSCRIPTION: 428,
  CANNOT_DELETE_MEMBER_OWNER_OR_CONTRIBUTOR: 428,
  FAILED_PRECONDITION: 428,
  LABELS_QUOTA_REACHED: 428,
  // 429 / 5xx
  RESOURCE_EXHAUSTED: 429,
  INTERNAL: 500,
  FAILED_DELETE_CONTACT_AFTER_MEMBER_DELETION: 500,
  UNAVAILABLE: 503,
  // Client-side failures (ours). Statuses are the nearest HTTP meaning, so callers that
  // branch on status alone still do the right thing.
  NETWORK_ERROR: 0, // no HTTP response at all: offline, DNS, connection reset, aborted
  BAD_RESPONSE: 502, // the server answered something that is not what the API promises
  STORAGE_FULL: 507, // IndexedDB QuotaExceededError
  DATABASE_CLOSED: 503, // the client was closed or the connection to IndexedDB was lost
  DATABASE_VERSION: 500, // IndexedDB VersionError (a newer schema is open elsewhere), or a storage format newer than this code
  STORAGE_FAILED: 500, // any other IndexedDB failure
  NOT_LEADER: 409, // a fenced sync engine tried to commit after losing leadership
  CLIENT_CLOSED: 503, // an API call after close()/destroy()
  CONFLICT_NOT_FOUND: 404, // resolveConflict with an unknown id
} as const;

/** A stable error code. */
export type ContactsErrorCode = keyof typeof ERROR_STATUS;

/** True when `code` is one of the codes this library knows. */
export function isContactsErrorCode(code: unknown): code is ContactsErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_STATUS, code);
}
