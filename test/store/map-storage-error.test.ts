import { Dexie } from '../../src/store/dexie.js';
import { describe, expect, it } from 'vitest';
import { ContactsError } from '../../src/model/contacts-error.js';
import { mapStorageError } from '../../src/store/map-storage-error.js';

const named = (name: string, message = name, inner?: unknown) => Object.assign(new Error(message), { name, inner });

describe('mapStorageError', () => {
  it('passes a ContactsError through unchanged', () => {
    const e = new ContactsError({ code: 'CONTACT_NOT_FOUND' });
    expect(mapStorageError(e)).toBe(e);
  });

  it.each([
    [named('QuotaExceededError'), 'STORAGE_FULL', 507],
    [new Dexie.QuotaExceededError('full'), 'STORAGE_FULL', 507],
    [named('AbortError', 'aborted', named('QuotaExceededError')), 'STORAGE_FULL', 507],
    [new Dexie.AbortError('tx aborted', named('QuotaExceededError')), 'STORAGE_FULL', 507],
    [named('VersionError'), 'DATABASE_VERSION', 500],
    [new Dexie.VersionError('newer'), 'DATABASE_VERSION', 500],
    [new Dexie.DatabaseClosedError('closed'), 'DATABASE_CLOSED', 503],
    [named('UnknownError', 'Connection to Indexed Database server lost. Refresh the page to try again'), 'DATABASE_CLOSED', 503],
    [named('ConstraintError'), 'STORAGE_FAILED', 500],
    ['a string', 'STORAGE_FAILED', 500],
  ] as const)('maps %s to %s', (error, code, status) => {
    const mapped = mapStorageError(error);
    expect(mapped).toBeInstanceOf(ContactsError);
    expect(mapped.code).toBe(code);
    expect(mapped.status).toBe(status);
    expect(mapped.cause).toBe(error);
  });
});
