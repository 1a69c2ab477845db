import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContactInfo } from '../../src/model/contact.js';
import { ContactsError } from '../../src/model/contacts-error.js';
import { infoEquals } from '../../src/model/info-diff.js';
import { normalizeInfo } from '../../src/model/normalize.js';
import { validateInfo, type ValidationMode } from '../../src/model/validate-info.js';
import { infoPatchArb, validInfoArb } from '../support/arbitraries.js';

// Property tests of validateInfo; the table-driven cases are in validate-info.test.ts.

const s = (n: number, c = 'a'): string => c.repeat(n);
const times = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

function errorOf(input: unknown, mode: ValidationMode): ContactsError | undefined {
  try {
    validateInfo(input, mode);
    return undefined;
  } catch (e) {
    if (e instanceof ContactsError) return e;
    throw e;
  }
}

/** Ways to break a valid info; each yields the broken info and the code it must fail with. */
const breakers: readonly ((info: ContactInfo, n: number) => [unknown, string])[] = [
  (i) => [{ ...i, unknownField: 1 }, 'INVALID_ARGUMENT'],
  (i, n) => [{ ...i, name: { ...i.name, first: s(1001 + n) } }, 'INVALID_ARGUMENT'],
  (i) => [{ ...i, name: { ...i.name, last: 42 } }, 'INVALID_ARGUMENT'],
  (i) => [{ ...i, emails: { items: [...(i.emails?.items ?? []), { email: 'not an email' }] } }, 'INVALID_ARGUMENT'],
  (i) => [{ ...i, emails: { items: times(51, (k) => ({ email: `a${k}@b.co` })) } }, 'INVALID_ARGUMENT'],
  (i) => [{ ...i, emails: { items: [{ email: 'a@b.co', extra: true }] } }, 'INVALID_ARGUMENT'],
  (i, n) => [{ ...i, phones: { items: [{ phone: s(51 + n, '1') }] } }, 'INVALID_ARGUMENT'],
  (i) => [{ ...i, phones: { items: [{ phone: '1', countryCode: 'ZZ' }] } }, 'INVALID_ARGUMENT'],
  (i) => [{ ...i, addresses: { items: [{ address: { subdivision: 'NY' } }] } }, 'INVALID_ARGUMENT'],
  (i) => [{ ...i, addresses: { items: [{ address: { country: 'XX' } }] } }, 'INVALID_ARGUMENT'],
  (i, n) => [{ ...i, birthdate: `2023-02-${29 + (n % 3)}` }, 'INVALID_ARGUMENT'],
  (i) => [{ ...i, locale: 'en_US' }, 'INVALID_ARGUMENT'],
  (i) => [{ ...i, company: 7 }, 'INVALID_ARGUMENT'],
  (i, n) => [{ ...i, jobTitle: s(1001 + n) }, 'INVALID_ARGUMENT'],
  (i) => [{ ...i, labelKeys: { items: ['no-namespace'] } }, 'INVALID_ARGUMENT'],
  (i) => [{ ...i, picture: { image: 'not a url' } }, 'INVALID_ARGUMENT'],
  (i) => [{ ...i, locations: { items: ['nope'] } }, 'INVALID_ARGUMENT'],
  (i) => [{ ...i, emails: 'a@b.co' }, 'INVALID_ARGUMENT'],
  (i) => [{ ...i, extendedFields: { items: { ...i.extendedFields?.items, 'custom.obj': { a: 1 } } } }, 'INVALID_EXTENDED_FIELD_VALUE'],
  (i) => [{ ...i, extendedFields: { items: { ...i.extendedFields?.items, 'other.key': 1 } } }, 'INVALID_EXTENDED_FIELD_VALUE'],
  (i) => [{ ...i, phones: { items: [{ phone: '1', primary: true }, { phone: '2', primary: true }] } }, 'CANNOT_HAVE_MULTIPLE_PRIMARY_INFO'],
];

describe('validateInfo: properties', () => {
  it('accepts every valid info unchanged (no read-only fields in it)', () => {
    fc.assert(fc.property(validInfoArb, (info) => {
      const out = validateInfo(info, 'create');
      expect(infoEquals(out, info)).toBe(true);
    }), { numRuns: 200 });
  });

  it('normalises every valid info idempotently, and the normal form is still valid', () => {
    fc.assert(fc.property(validInfoArb, (info) => {
      const once = normalizeInfo(validateInfo(info, 'create'));
      expect(infoEquals(normalizeInfo(once), once)).toBe(true);
      expect(infoEquals(normalizeInfo(validateInfo(once, 'create')), once)).toBe(true);
    }), { numRuns: 200 });
  });

  it('accepts every valid patch', () => {
    fc.assert(fc.property(infoPatchArb, (patch) => {
      expect(() => validateInfo(patch, 'update')).not.toThrow();
    }), { numRuns: 200 });
  });

  it('rejects a valid info with one thing broken, always with status 400', () => {
    fc.assert(fc.property(validInfoArb, fc.nat(breakers.length - 1), fc.nat(20), fc.constantFrom('create', 'update') as fc.Arbitrary<ValidationMode>,
      (info, which, n, mode) => {
        const [broken, code] = breakers[which]!(info, n);
        const e = errorOf(broken, mode);
        expect(e?.status).toBe(400);
        expect(e?.code).toBe(code);
      }), { numRuns: 300 });
  });
});
