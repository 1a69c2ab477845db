import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContactInfo } from '../../src/model/contact.js';
import { applyInfoPatch } from '../../src/model/apply-patch.js';
import { normalizeInfo } from '../../src/model/normalize.js';
import { validateInfo } from '../../src/model/validate-info.js';
import { infoPatchArb, normalizedInfoArb } from '../support/arbitraries.js';

const current: ContactInfo = {
  name: { first: 'Ann', last: 'Lee' }, company: 'Acme', jobTitle: 'CEO',
  emails: { items: [{ _id: 'e1', tag: 'WORK', email: 'ann@acme.com', primary: true }] },
  labelKeys: { items: ['custom.vip'] },
  extendedFields: { items: { 'custom.tier': 'gold', 'custom.points': 10 } },
  picture: { image: 'https://example.com/a.png' },
};

describe('applyInfoPatch', () => {
  it('sets scalars and name parts that are present and keeps the rest', () => {
    expect(applyInfoPatch(current, { company: 'Globex', name: { last: 'Kim' } })).toEqual({
      ...current, company: 'Globex', name: { first: 'Ann', last: 'Kim' },
    });
  });

  it('clears scalars, name parts and the picture with ""', () => {
    const out = applyInfoPatch(current, { company: '', name: { first: '' }, picture: { image: '' } });
    expect(out.company).toBeUndefined();
    expect(out.name).toEqual({ last: 'Lee' });
    expect(out.picture).toBeUndefined();
    expect(applyInfoPatch(current, { name: { first: '', last: '' } }).name).toBeUndefined();
  });

  it('replaces lists whole, including with an empty list', () => {
    const out = applyInfoPatch(current, { emails: { items: [{ email: 'new@x.co' }] }, labelKeys: { items: [] } });
    expect(out.emails).toEqual({ items: [{ email: 'new@x.co' }] });
    expect(out.labelKeys).toEqual({ items: [] });
  });

  it('merges extended fields per key; "" removes a key', () => {
    expect(applyInfoPatch(current, { extendedFields: { items: { 'custom.points': 11, 'custom.tier': '', 'custom.new': 'x' } } }).extendedFields)
      .toEqual({ items: { 'custom.points': 11, 'custom.new': 'x' } });
    expect(applyInfoPatch(current, { extendedFields: { items: { 'custom.points': '', 'custom.tier': '' } } }).extendedFields).toBeUndefined();
  });

  it('leaves both inputs untouched and shares no list with them', () => {
    const patch: ContactInfo = { emails: { items: [{ email: 'n@x.co' }] } };
    const [c, p] = [JSON.stringify(current), JSON.stringify(patch)];
    const out = applyInfoPatch(current, patch);
    out.emails?.items.push({ email: 'z@z.co' });
    out.labelKeys?.items.push('custom.x');
    expect([JSON.stringify(current), JSON.stringify(patch)]).toEqual([c, p]);
  });

  it('always yields a valid info from a valid contact and a valid patch (property)', () => {
    fc.assert(fc.property(normalizedInfoArb, infoPatchArb, (info, patch) => {
      const out = normalizeInfo(applyInfoPatch(info, validateInfo(patch, 'update')));
      expect(() => validateInfo({ ...out, name: { first: 'x' } }, 'create')).not.toThrow();
      for (const key of ['emails', 'phones', 'addresses', 'labelKeys'] as const) {
        if (patch[key] && patch[key].items.length > 0) expect(out[key]?.items.length).toBeGreaterThan(0);
      }
    }), { numRuns: 200 });
  });
});
