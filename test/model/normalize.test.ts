import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContactInfo } from '../../src/model/contact.js';
import { infoEquals } from '../../src/model/info-diff.js';
import { derivePrimaryFields, normalizeInfo } from '../../src/model/normalize.js';
import { validInfoArb } from '../support/arbitraries.js';

describe('normalizeInfo', () => {
  it('fills tags, makes the first item primary when none is, and computes e164Phone', () => {
    const out = normalizeInfo({
      emails: { items: [{ email: 'a@b.co' }, { email: 'c@d.co', tag: 'WORK' }] },
      phones: { items: [{ phone: '(415) 555-2671', countryCode: 'US', e164Phone: '+1000' }, { phone: 'n/a' }] },
    });
    expect(out.emails?.items).toEqual([
      { tag: 'UNTAGGED', email: 'a@b.co', primary: true }, { tag: 'WORK', email: 'c@d.co', primary: false },
    ]);
    expect(out.phones?.items).toEqual([
      { tag: 'UNTAGGED', countryCode: 'US', phone: '(415) 555-2671', e164Phone: '+14155552671', primary: true },
      { tag: 'UNTAGGED', phone: 'n/a', primary: false },
    ]);
  });

  it('keeps the flagged primary and item ids', () => {
    const out = normalizeInfo({ emails: { items: [{ _id: 'e1', email: 'a@b.co', primary: false }, { _id: 'e2', email: 'c@d.co', primary: true }] } });
    expect(out.emails?.items.map((e) => [e._id, e.primary])).toEqual([['e1', false], ['e2', true]]);
  });

  it('keeps only the first of several primaries (input the merge may produce)', () => {
    const out = normalizeInfo({ phones: { items: [{ phone: '1' }, { phone: '2', primary: true }, { phone: '3', primary: true }] } });
    expect(out.phones?.items.map((p) => p.primary)).toEqual([false, true, false]);
  });

  it('derives displayBy fields from the name and replaces stale ones', () => {
    const out = normalizeInfo({ name: { first: ' Ann ', last: 'Lee' }, extendedFields: { items: { 'contacts.displayByFirstName': 'old', 'custom.a': 1 } } });
    expect(out.extendedFields?.items).toEqual({
      'custom.a': 1, 'contacts.displayByFirstName': 'Ann Lee', 'contacts.displayByLastName': 'Lee Ann',
    });
    expect(normalizeInfo({ name: { last: 'Lee' } }).extendedFields?.items).toEqual({
      'contacts.displayByFirstName': 'Lee', 'contacts.displayByLastName': 'Lee',
    });
  });

  it('drops the displayBy fields when there is no name', () => {
    expect(normalizeInfo({ emails: { items: [{ email: 'a@b.co' }] }, extendedFields: { items: { 'contacts.displayByFirstName': 'x' } } }).extendedFields)
      .toBeUndefined();
  });

  it('keeps other system extended fields (they come from the server)', () => {
    expect(normalizeInfo({ extendedFields: { items: { 'emailSubscriptions.effectiveEmail': 'a@b.co' } } }).extendedFields?.items)
      .toEqual({ 'emailSubscriptions.effectiveEmail': 'a@b.co' });
  });

  it('drops empty strings, empty wrappers, empty names and empty addresses', () => {
    const info: ContactInfo = {
      name: { first: '', last: '  ' }, emails: { items: [] }, phones: { items: [] }, company: '', jobTitle: ' ', birthdate: '', locale: '',
      labelKeys: { items: [] }, extendedFields: { items: { 'custom.a': '' } }, picture: { image: '' }, locations: { items: [] },
      addresses: { items: [{ tag: 'HOME', address: { city: '', streetAddress: { name: '' }, location: {} } }, { tag: 'WORK' }] },
    };
    expect(normalizeInfo(info)).toEqual({});
  });

  it('keeps the meaningful parts of an address', () => {
    const out = normalizeInfo({ addresses: { items: [{ address: { city: 'Paris', postalCode: '', streetAddress: { number: '1', name: '' }, location: { latitude: 0 } } }] } });
    expect(out.addresses?.items).toEqual([{ tag: 'UNTAGGED', address: { streetAddress: { number: '1' }, city: 'Paris', location: { latitude: 0 } } }]);
  });

  it('drops duplicate label keys and locations', () => {
    const out = normalizeInfo({ labelKeys: { items: ['custom.a', 'custom.b', 'custom.a'] } });
    expect(out.labelKeys?.items).toEqual(['custom.a', 'custom.b']);
  });

  it('does not mutate its input', () => {
    const info: ContactInfo = { name: { first: 'A' }, emails: { items: [{ email: 'a@b.co' }] } };
    const before = JSON.stringify(info);
    normalizeInfo(info);
    expect(JSON.stringify(info)).toBe(before);
  });

  it('is idempotent (property)', () => {
    fc.assert(fc.property(validInfoArb, (info) => {
      const once = normalizeInfo(info);
      expect(infoEquals(normalizeInfo(once), once)).toBe(true);
      const emails = once.emails?.items ?? [];
      if (emails.length > 0) expect(emails.filter((e) => e.primary).length).toBe(1);
    }), { numRuns: 200 });
  });
});

describe('derivePrimaryFields', () => {
  const info = normalizeInfo({
    emails: { items: [{ email: 'a@b.co' }, { email: 'main@b.co', primary: true }] },
    phones: { items: [{ phone: '(415) 555-2671', countryCode: 'US' }] },
  });

  it('copies the primary email and phone with default statuses', () => {
    expect(derivePrimaryFields(info)).toEqual({
      primaryInfo: { email: 'main@b.co', phone: '(415) 555-2671' },
      primaryEmail: { email: 'main@b.co', subscriptionStatus: 'NOT_SET', deliverabilityStatus: 'NOT_SET' },
      primaryPhone: { countryCode: 'US', e164Phone: '+14155552671', phone: '(415) 555-2671', subscriptionStatus: 'NOT_SET' },
    });
  });

  it('gives a phone without E.164 NO_SUBSCRIPTION_STATUS', () => {
    expect(derivePrimaryFields(normalizeInfo({ phones: { items: [{ phone: '555' }] } })).primaryPhone)
      .toEqual({ phone: '555', subscriptionStatus: 'NO_SUBSCRIPTION_STATUS' });
  });

  it('has an empty primaryInfo and no primaryEmail/primaryPhone without email and phone', () => {
    expect(derivePrimaryFields({ name: { first: 'A' } })).toEqual({ primaryInfo: {} });
  });

  it('carries statuses over while the primary stays the same', () => {
    const previous = {
      primaryEmail: { email: 'MAIN@b.co', subscriptionStatus: 'SUBSCRIBED', deliverabilityStatus: 'VALID' },
      primaryPhone: { phone: '+1 415 555 2671', subscriptionStatus: 'UNSUBSCRIBED' },
    } as const;
    const out = derivePrimaryFields(info, previous);
    expect(out.primaryEmail).toMatchObject({ subscriptionStatus: 'SUBSCRIBED', deliverabilityStatus: 'VALID' });
    expect(out.primaryPhone?.subscriptionStatus).toBe('UNSUBSCRIBED');
  });

  it('resets statuses when the primary changes', () => {
    const previous = {
      primaryEmail: { email: 'a@b.co', subscriptionStatus: 'SUBSCRIBED', deliverabilityStatus: 'BOUNCED' },
      primaryPhone: { phone: '555', subscriptionStatus: 'SUBSCRIBED' },
    } as const;
    const out = derivePrimaryFields(info, previous);
    expect(out.primaryEmail).toMatchObject({ subscriptionStatus: 'NOT_SET', deliverabilityStatus: 'NOT_SET' });
    expect(out.primaryPhone?.subscriptionStatus).toBe('NOT_SET');
  });
});
