import { describe, expect, it } from 'vitest';
import { ContactsError } from '../../src/model/contacts-error.js';
import { duplicateContactError, duplicateKeyOf, needsDuplicateCheck } from '../../src/model/duplicates.js';
import { normalizeInfo } from '../../src/model/normalize.js';

describe('duplicateKeyOf', () => {
  it('is the primary email, case-folded', () => {
    const info = normalizeInfo({ emails: { items: [{ email: 'a@b.co' }, { email: ' Main@Example.COM', primary: true }] }, phones: { items: [{ phone: '1' }] } });
    expect(duplicateKeyOf(info)).toEqual({ kind: 'email', value: 'main@example.com' });
  });

  it('is the first email when none is flagged', () => {
    expect(duplicateKeyOf({ emails: { items: [{ email: 'First@b.co' }, { email: 'x@b.co' }] } })).toEqual({ kind: 'email', value: 'first@b.co' });
  });

  it('is the primary phone (E.164 when it parses) only without any email', () => {
    expect(duplicateKeyOf(normalizeInfo({ phones: { items: [{ phone: '555' }, { phone: '(415) 555-2671', countryCode: 'US', primary: true }] } })))
      .toEqual({ kind: 'phone', value: '+14155552671' });
    expect(duplicateKeyOf({ phones: { items: [{ phone: '555-0100' }] } })).toEqual({ kind: 'phone', value: '5550100' });
  });

  it('is undefined without email and phone', () => {
    expect(duplicateKeyOf({ name: { first: 'A' } })).toBeUndefined();
    expect(duplicateKeyOf({ emails: { items: [] }, phones: { items: [] } })).toBeUndefined();
  });
});

describe('needsDuplicateCheck', () => {
  it.each<['create' | 'update', object, boolean | undefined, boolean]>([
    ['create', { name: { first: 'A' } }, undefined, true],
    ['create', { emails: { items: [] } }, false, true],
    ['create', { emails: { items: [] } }, true, false],
    ['update', { company: 'A' }, undefined, false],
    ['update', { emails: { items: [] } }, undefined, true],
    ['update', { phones: { items: [] } }, false, true],
    ['update', { phones: { items: [] } }, true, false],
  ])('%s %j allowDuplicates=%s -> %s', (mode, patch, allow, expected) => {
    expect(needsDuplicateCheck(mode, patch, allow)).toBe(expected);
  });
});

describe('duplicateContactError', () => {
  it('is a 409 DUPLICATE_CONTACT_EXISTS naming the contact and the email', () => {
    const e = duplicateContactError('c1', { kind: 'email', value: 'a@b.co' }, 'A@b.co');
    expect(e).toBeInstanceOf(ContactsError);
    expect([e.status, e.code]).toEqual([409, 'DUPLICATE_CONTACT_EXISTS']);
    expect(e.details).toMatchObject({ applicationError: { code: 'DUPLICATE_CONTACT_EXISTS', data: { duplicateContactId: 'c1', duplicateEmail: 'A@b.co' } } });
    expect(e.data).not.toHaveProperty('duplicatePhone');
  });

  it('names the phone for a phone key', () => {
    const e = duplicateContactError('c2', { kind: 'phone', value: '+14155552671' }, '(415) 555-2671');
    expect(e.data).toEqual({ duplicateContactId: 'c2', duplicatePhone: '(415) 555-2671' });
  });
});
