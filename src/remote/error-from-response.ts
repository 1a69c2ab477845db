/**
 * Turns a failed HTTP exchange into a `ContactsError`, keeping the server's Wix envelope
 * (`details`) as it was sent, so the caller branches on `applicationError.code` first and
 * the status second, as WIX-CONTACTS.md section 4 advises.
 */
import { ContactsError, type ErrorDetails } from '../model/contacts-error.js';
import { isContactsErrorCode, type ContactsErrorCode } from '../model/error-codes.js';

/** The code a status means when the body names no code we know. */
export function codeForStatus(status: number): ContactsErrorCode {
  switch (status) {
    case 400: return 'INVALID_ARGUMENT';
    case 401: return 'UNAUTHENTICATED';
    case 403: return 'PERMISSION_DENIED';
    case 404: return 'NOT_FOUND';
    case 409: return 'CONTACT_ALREADY_CHANGED';
    case 413: return 'PAYLOAD_TOO_LARGE';
    case 428: return 'FAILED_PRECONDITION';
    case 429: return 'RESOURCE_EXHAUSTED';
    case 503: return 'UNAVAILABLE';
    default: return status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT';
  }
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function isDetails(v: unknown): v is ErrorDetails {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  const app = o['applicationError'];
  if (typeof app === 'object' && app !== null) return typeof (app as Record<string, unknown>)['code'] === 'string';
  const val = o['validationError'];
  return typeof val === 'object' && val !== null && Array.isArray((val as Record<string, unknown>)['fieldViolations']);
}

/** The `ContactsError` for a non-2xx response whose body is `body` (already parsed, or undefined). */
export function errorFromResponse(status: number, body: unknown, retryAfterMs: number | undefined): ContactsError {
  const envelope = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const details = isDetails(envelope['details']) ? envelope['details'] : undefined;
  const appCode = details && 'applicationError' in details ? details.applicationError.code : undefined;
  const code = isContactsErrorCode(appCode) ? appCode : codeForStatus(status);
  const message = typeof envelope['message'] === 'string' ? envelope['message'] : `HTTP ${status}`;
  return new ContactsError({
    code, status, message,
    ...(details === undefined ? {} : { details }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/** The error for a request that got no HTTP answer at all (offline, reset, aborted). */
export function networkError(cause: unknown): ContactsError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ContactsError({ code: 'NETWORK_ERROR', message: `network error: ${reason}`, cause });
}

/** The error for an answer that is not what the API promises. */
export function badResponse(what: string, cause?: unknown): ContactsError {
  return new ContactsError({ code: 'BAD_RESPONSE', message: `bad response: ${what}`, ...(cause === undefined ? {} : { cause }) });
}
