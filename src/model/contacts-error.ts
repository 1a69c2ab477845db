/**
 * `ContactsError`: the one error type every public call rejects with. It has the HTTP status
 * the server would use, the Wix code, and `details` in the Wix shape, so code written for
 * the Wix SDK (`err.details.applicationError.code`) keeps working offline.
 */
import { ERROR_STATUS, isContactsErrorCode, type ContactsErrorCode } from './error-codes.js';

/** One field-level violation of a validation error. */
export interface FieldViolation {
  /** Path of the offending field, e.g. `info.emails.items[2].email`. */
  field: string;
  description: string;
  violatedRule?: string;
  data?: Record<string, unknown>;
}

/** A business rejection: the Wix `applicationError`. */
export interface ApplicationErrorDetails {
  applicationError: { code: string; description: string; data?: Record<string, unknown> };
}

/** A schema or format violation: the Wix `validationError`. */
export interface ValidationErrorDetails {
  validationError: { fieldViolations: FieldViolation[] };
}

/** Wix-shaped error details: exactly one of the two kinds. */
export type ErrorDetails = ApplicationErrorDetails | ValidationErrorDetails;

/** The Wix REST error body. */
export interface ErrorEnvelope {
  message: string;
  details: ErrorDetails;
}

/** What a `ContactsError` is built from. */
export interface ContactsErrorInit {
  code: ContactsErrorCode;
  /** Defaults to the code's status in `ERROR_STATUS`. */
  status?: number;
  message?: string;
  /** Defaults to an `applicationError` with the code and message. */
  details?: ErrorDetails;
  /** Extra data for the default `applicationError` (e.g. `duplicateContactId`). */
  data?: Record<string, unknown>;
  cause?: unknown;
  /** For 429/503 answers: how long the server asked us to wait (`Retry-After`), in ms. */
  retryAfterMs?: number;
}

/**
 * The error of every failing call: `status` (HTTP-equivalent), `code` (stable string) and
 * Wix-shaped `details`.
 *
 * @example
 * ```ts
 * try { await client.updateContact(id, info, 3); }
 * catch (e) { if (e instanceof ContactsError && e.code === 'CONTACT_ALREADY_CHANGED') reload(); }
 * ```
 */
export class ContactsError extends Error {
  override readonly name = 'ContactsError';
  readonly status: number;
  readonly code: ContactsErrorCode;
  readonly details: ErrorDetails;
  /** How long the server asked the caller to wait before retrying, when it said so. */
  readonly retryAfterMs?: number;

  constructor(init: ContactsErrorInit) {
    const message = init.message ?? init.code;
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.status = init.status ?? ERROR_STATUS[init.code];
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    this.details = init.details ?? {
      applicationError: {
        code: init.code,
        description: message,
        ...(init.data === undefined ? {} : { data: init.data }),
      },
    };
  }

  /** The `data` of an application error, or undefined for validation errors. */
  get data(): Record<string, unknown> | undefined {
    return 'applicationError' in this.details ? this.details.applicationError.data : undefined;
  }

  /** The REST body a server sends for this error. */
  toEnvelope(): ErrorEnvelope {
    return { message: this.message, details: this.details };
  }

  /** A plain, structured-clone-safe copy (for Comlink and postMessage). */
  toJSON(): SerializedContactsError {
    return { name: 'ContactsError', status: this.status, code: this.code, message: this.message, details: this.details };
  }
}

/** The plain form of a `ContactsError`, as it crosses a worker boundary. */
export interface SerializedContactsError {
  name: 'ContactsError';
  status: number;
  code: ContactsErrorCode;
  message: string;
  details: ErrorDetails;
}

/** Rebuilds a `ContactsError` from its plain form. */
export function deserializeContactsError(s: SerializedContactsError): ContactsError {
  return new ContactsError({ code: s.code, status: s.status, message: s.message, details: s.details });
}

/** True for values that look like a serialized `ContactsError`. */
export function isSerializedContactsError(v: unknown): v is SerializedContactsError {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return o['name'] === 'ContactsError' && typeof o['status'] === 'number' && isContactsErrorCode(o['code'])
    && typeof o['message'] === 'string' && typeof o['details'] === 'object' && o['details'] !== null;
}

/** A 400 `INVALID_ARGUMENT` carrying field violations (Wix `validationError`). */
export function validationError(fieldViolations: FieldViolation[], message?: string): ContactsError {
  const first = fieldViolations[0];
  return new ContactsError({
    code: 'INVALID_ARGUMENT',
    message: message ?? (first ? `${first.field}: ${first.description}` : 'invalid argument'),
    details: { validationError: { fieldViolations } },
  });
}

/** Shorthand for an application error with a code, a description and optional data. */
export function appError(code: ContactsErrorCode, description: string, data?: Record<string, unknown>): ContactsError {
  return new ContactsError({ code, message: description, ...(data === undefined ? {} : { data }) });
}
