/** Shared fixtures of the merge tests: a typical contact and a way to derive edited copies. */
import { expect } from 'vitest';
import type { ContactInfo } from '../../src/model/contact.js';
import { normalizeInfo } from '../../src/model/normalize.js';
import { validateInfo } from '../../src/model/validate-info.js';
import type { MergeResult } from '../../src/merge/merge3.js';

/** A normalised contact with every kind of field: the base of most table cases. */
export const BASE: ContactInfo = normalizeInfo({
  name: { first: 'Ann', last: 'Lee' },
  emails: { items: [
    { _id: 'e1', tag: 'MAIN', email: 'ann@example.com', primary: true },
    { _id: 'e2', tag: 'WORK', email: 'ann.lee@corp.example.io' },
  ] },
  phones: { items: [
    { _id: 'p1', tag: 'MOBILE', countryCode: 'US', phone: '(415) 555-2671', primary: true },
    { _id: 'p2', tag: 'HOME', countryCode: 'GB', phone: '020 7946 0958' },
  ] },
  addresses: { items: [{ _id: 'a1', tag: 'HOME', address: { city: 'Paris', country: 'FR', postalCode: '75001' } }] },
  company: 'Acme',
  jobTitle: 'Engineer',
  locale: 'en-US',
  picture: { image: 'https://example.com/a.png' },
  labelKeys: { items: ['custom.a', 'custom.b', 'custom.c'] },
  extendedFields: { items: { 'custom.vip': 'gold', 'custom.score': 3, 'custom.since': '2020-01-01' } },
});

/** A normalised copy of `info` after `change` edited it in place (like SDK code does). */
export function edit(info: ContactInfo, change: (draft: ContactInfo) => void): ContactInfo {
  const draft = structuredClone(info);
  change(draft);
  return normalizeInfo(draft);
}

/** `info` without the derived `contacts.displayBy*` extended fields, which merge3 leaves out. */
export function withoutDerived(info: ContactInfo): ContactInfo {
  const out = structuredClone(info);
  const items = out.extendedFields?.items ?? {};
  delete items['contacts.displayByFirstName'];
  delete items['contacts.displayByLastName'];
  if (out.extendedFields && Object.keys(items).length === 0) delete out.extendedFields;
  return out;
}

/** Asserts what every merge result must satisfy: it validates, one primary per non-empty list. */
export function expectWellFormed(result: MergeResult): void {
  expect(() => validateInfo(result.merged, 'create')).not.toThrow();
  for (const list of [result.merged.emails?.items, result.merged.phones?.items]) {
    if (list === undefined) continue;
    expect(list.length).toBeGreaterThan(0);
    expect(list.filter((i) => i.primary === true)).toHaveLength(1);
  }
}

/** The paths of a result's conflicts, sorted. */
export function paths(result: MergeResult): string[] {
  return result.conflicts.map((c) => c.path).sort();
}
