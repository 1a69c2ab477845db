import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyInfoPatch } from '../../src/model/apply-patch.js';
import type { ContactInfo } from '../../src/model/contact.js';
import { diffInfo, infoEquals } from '../../src/model/info-diff.js';
import { normalizeInfo } from '../../src/model/normalize.js';
import { validateInfo } from '../../src/model/validate-info.js';
import { normalizedInfoArb } from '../support/arbitraries.js';

describe('diffInfo', () => {
  const base = normalizeInfo({
    name: { first: 'Ann', last: 'Lee' }, company: 'Acme', jobTitle: 'CEO',
    phones: { items: [{ phone: '(415) 555-2671', countryCode: 'US' }] },
    extendedFields: { items: { 'custom.a': 1, 'custom.b': 'x' } }, picture: { image: 'https://a.co/p.png' },
  });

  it('is empty for equal infos', () => {
    expect(diffInfo(base, structuredClone(base))).toEqual({});
  });

  it('carries changed scalars, "" for cleared ones, and changed name parts only', () => {
    const { jobTitle: _cleared, ...rest } = base;
    const next = normalizeInfo({ ...rest, name: { first: 'Ann', last: 'Kim' }, company: 'Globex', birthdate: '2000-01-01' });
    expect(diffInfo(base, next)).toEqual({ name: { last: 'Kim' }, company: 'Globex', jobTitle: '', birthdate: '2000-01-01' });
  });

  it('carries whole lists that differ, without e164Phone', () => {
    const next = normalizeInfo({ ...base, phones: { items: [{ phone: '+44 20 7946 0958' }] } });
    expect(diffInfo(base, next).phones).toEqual({ items: [{ tag: 'UNTAGGED', phone: '+44 20 7946 0958', primary: true }] });
    const { phones: _removed, ...withoutPhones } = base;
    expect(diffInfo(base, withoutPhones).phones).toEqual({ items: [] });
  });

  it('carries changed extended-field keys, "" for removed ones, never system keys', () => {
    const next = normalizeInfo({ ...base, name: { first: 'Bo' }, extendedFields: { items: { 'custom.a': 2, 'emailSubscriptions.x': 'y' } } });
    expect(diffInfo(base, next)).toEqual({ name: { first: 'Bo', last: '' }, extendedFields: { items: { 'custom.a': 2, 'custom.b': '' } } });
  });

  it('clears the picture with ""', () => {
    const { picture: _removed, ...withoutPicture } = base;
    expect(diffInfo(base, withoutPicture)).toEqual({ picture: { image: '' } });
  });

  it('yields patches that validate (property)', () => {
    fc.assert(fc.property(normalizedInfoArb, normalizedInfoArb, (a, b) => {
      const patch = diffInfo(a, b);
      if (Object.keys(patch).length > 0) expect(() => validateInfo(patch, 'update')).not.toThrow();
    }), { numRuns: 200 });
  });

  it('is the inverse of applyInfoPatch: normalize(apply(a, diff(a, b))) equals b (property)', () => {
    fc.assert(fc.property(normalizedInfoArb, normalizedInfoArb, (a, b) => {
      expect(infoEquals(normalizeInfo(applyInfoPatch(a, diffInfo(a, b))), b)).toBe(true);
      expect(diffInfo(a, a)).toEqual({});
    }), { numRuns: 200 });
  });
});

describe('infoEquals', () => {
  it('ignores key order and absent-vs-undefined', () => {
    const a: ContactInfo = { company: 'A', name: { first: 'x', last: 'y' } };
    const b = { name: { last: 'y', first: 'x', middle: undefined }, company: 'A', jobTitle: undefined } as unknown as ContactInfo;
    expect(infoEquals(a, b)).toBe(true);
  });

  it('sees differences deep inside lists, and list order', () => {
    const a: ContactInfo = { emails: { items: [{ email: 'a@b.co' }, { email: 'c@d.co' }] } };
    expect(infoEquals(a, { emails: { items: [{ email: 'c@d.co' }, { email: 'a@b.co' }] } })).toBe(false);
    expect(infoEquals(a, { emails: { items: [{ email: 'a@b.co' }, { email: 'c@d.co', primary: false }] } })).toBe(false);
    expect(infoEquals({ extendedFields: { items: { 'custom.a': 1 } } }, { extendedFields: { items: { 'custom.a': '1' } } })).toBe(false);
  });
});
