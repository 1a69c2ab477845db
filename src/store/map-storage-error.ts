/**
 * The one place where IndexedDB and Dexie failures become `ContactsError` codes, so that a
 * caller branches on `code` and never on browser-specific error names.
 */
import { ContactsError } from '../model/contacts-error.js';
import type { ContactsErrorCode } from '../model/error-codes.js';

/** Dexie/DOMException names and the code each one maps to. */
const BY_NAME: Readonly<Record<string, ContactsErrorCode>> = {
  QuotaExceededError: 'STORAGE_FULL',
  VersionError: 'DATABASE_VERSION',
  DatabaseClosedError: 'DATABASE_CLOSED',
  InvalidStateError: 'DATABASE_CLOSED',
};

/** Safari and Chromium report a dead IndexedDB backend with these messages. */
const CONNECTION_LOST = /connection (to indexed database server )?(was )?lost|connection is closing|database connection is closing/i;

/**
 * Converts anything thrown by storage code into a `ContactsError`; a `ContactsError`
 * passes through unchanged. Dexie wraps the DOMException of a failed transaction (for
 * instance an `AbortError` around a `QuotaExceededError`), so the chain of `inner`/`cause`
 * errors is searched for the most specific name.
 *
 * @example
 * ```ts
 * try { await db.contacts.put(row); } catch (e) { throw mapStorageError(e); }
 * ```
 */
export function mapStorageError(error: unknown): ContactsError {
  if (error instanceof ContactsError) return error;
  // Ours, thrown while Dexie opened the database (storage-format.ts) and wrapped by it.
  const own = errorChain(error).find((e): e is ContactsError => e instanceof ContactsError);
  if (own !== undefined) return own;
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  return new ContactsError({ code, message: `${code}: ${message}`, cause: error });
}

function codeOf(error: unknown): ContactsErrorCode {
  for (const e of errorChain(error)) {
    const byName = BY_NAME[e.name];
    if (byName !== undefined) return byName;
    if (CONNECTION_LOST.test(e.message)) return 'DATABASE_CLOSED';
  }
  return 'STORAGE_FAILED';
}

/** The error and its wrapped errors, outermost first (bounded: chains can be cyclic). */
function errorChain(error: unknown): { name: string; message: string }[] {
  const chain: { name: string; message: string }[] = [];
  let current: unknown = error;
  while (isNamed(current) && chain.length < 8) {
    chain.push(current);
    current = current.inner ?? current.cause;
  }
  return chain;
}

function isNamed(v: unknown): v is { name: string; message: string; inner?: unknown; cause?: unknown } {
  return typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string'
    && typeof (v as { message?: unknown }).message === 'string';
}
