import { describe, expect, it } from 'vitest';
import { merge3 } from '../../src/merge/merge3.js';
import type { ContactEmail, ContactInfo } from '../../src/model/contact.js';
import { baseWithLandedAttempts } from '../../worker/attempt-base.js';

const name = { first: 'Ada', last: 'Lovelace' };
const base: ContactInfo = {
  name,
  company: 'Analytical',
  labelKeys: { items: ['custom.a'] },
  extendedFields: { items: { 'custom.score': 1 } },
};

describe('baseWithLandedAttempts', () => {
  it('returns the base itself when nothing sent is on the server as sent', () => {
    const sent: ContactInfo = { ...base, company: 'Sent' };
    expect(baseWithLandedAttempts(base, [sent], { ...base, company: 'Other app' })).toBe(base);
    expect(baseWithLandedAttempts(base, [], { ...base, company: 'Other app' })).toBe(base);
  });

  it('counts each part the server holds as sent as already in the base, part by part', () => {
    const sent: ContactInfo = {
      name: { first: 'Augusta', last: 'Lovelace' },
      company: 'Sent',
      jobTitle: 'Countess',
      emails: { items: [{ email: 'ada@example.com', tag: 'WORK', primary: true }] },
      labelKeys: { items: ['custom.b'] },
      extendedFields: { items: { 'custom.score': 2, 'custom.new': 'x' } },
    };
    // Our PATCH landed, then another app changed the company and a field we did not touch.
    const remote: ContactInfo = {
      ...sent,
      company: 'Other app',
      emails: { items: [{ _id: 'e-1', email: 'ada@example.com', tag: 'WORK', primary: true }] },
      labelKeys: { items: ['custom.b', 'custom.c'] },
      extendedFields: { items: { 'custom.score': 2, 'custom.new': 'x', 'custom.theirs': 'y' } },
    };
    expect(baseWithLandedAttempts(base, [sent], remote)).toEqual({
      name: { first: 'Augusta', last: 'Lovelace' },
      company: 'Analytical',
      jobTitle: 'Countess',
      emails: remote.emails,
      labelKeys: { items: ['custom.b'] },
      extendedFields: { items: { 'custom.score': 2, 'custom.new': 'x' } },
    });
  });

  it('takes a part from any of several attempts on the base', () => {
    const first: ContactInfo = { ...base, company: 'First' };
    const second: ContactInfo = { ...base, company: 'Second', jobTitle: 'Later' };
    expect(baseWithLandedAttempts(base, [first, second], { ...base, company: 'First', jobTitle: 'Other' })).toEqual({ ...base, company: 'First' });
  });

  it('counts a removal the server also lacks as done', () => {
    const sent: ContactInfo = { name, labelKeys: { items: [] }, extendedFields: { items: {} } };
    const remote: ContactInfo = { name, company: 'Analytical', jobTitle: 'Other app' };
    expect(baseWithLandedAttempts(base, [sent], remote)).toEqual({ name, company: 'Analytical', labelKeys: { items: [] }, extendedFields: { items: {} } });
  });

  // Seed 2155: an email sent, the answer lost, the email removed here, another app's edit on top.
  it('lets a removal made after the lost PATCH win the merge', () => {
    const sent: ContactInfo = { ...base, emails: { items: [{ email: 'e@example.com', tag: 'UNTAGGED', primary: true }] } };
    const remote: ContactInfo = { ...base, company: 'Other app', emails: { items: [{ _id: 'e-1', email: 'e@example.com', tag: 'UNTAGGED', primary: true }] } };
    const local: ContactInfo = { ...base };
    expect(merge3(base, local, remote, 'remote').merged.emails?.items).toHaveLength(1);
    const merged = merge3(baseWithLandedAttempts(base, [sent], remote), local, remote, 'remote').merged;
    expect(merged.emails?.items ?? []).toHaveLength(0);
    expect(merged.company).toBe('Other app');
  });

  // Seed 201438: our email landed, then another device's merge added its own email (made
  // primary) next to it; the list was not held whole as sent, so the attempt did not count.
  it('counts an item the server holds as sent, though another device added one next to it', () => {
    const sent: ContactInfo = { ...base, emails: { items: [{ email: 'ours@example.com', tag: 'UNTAGGED', primary: true }] } };
    const remote: ContactInfo = {
      ...base,
      emails: { items: [
        { _id: 'e-2', email: 'theirs@example.com', tag: 'UNTAGGED', primary: true },
        { _id: 'e-1', email: 'ours@example.com', tag: 'UNTAGGED', primary: false },
      ] },
    };
    const mergeBase = baseWithLandedAttempts(base, [sent], remote);
    expect(mergeBase.emails?.items).toEqual([{ _id: 'e-1', email: 'ours@example.com', tag: 'UNTAGGED', primary: false }]);
    for (const policy of ['local', 'remote'] as const) {
      expect(merge3(base, base, remote, policy).merged.emails?.items).toHaveLength(2);
      expect(merge3(mergeBase, base, remote, policy).merged.emails?.items).toEqual([remote.emails?.items[0]]);
    }
  });

  // Seed 104332: our second email landed, then another app made it primary.
  it('counts an added item and keeps the base\'s primary when another app moved the primary', () => {
    const a: ContactEmail = { _id: 'e-a', email: 'a@example.com', tag: 'UNTAGGED', primary: true };
    const withA: ContactInfo = { ...base, emails: { items: [a] } };
    const sent: ContactInfo = { ...withA, emails: { items: [a, { email: 'b@example.com', tag: 'WORK', primary: false }] } };
    const remote: ContactInfo = {
      ...withA,
      emails: { items: [{ ...a, primary: false }, { _id: 'e-b', email: 'b@example.com', tag: 'WORK', primary: true }] },
    };
    const mergeBase = baseWithLandedAttempts(withA, [sent], remote);
    expect(mergeBase.emails?.items).toEqual([a, { _id: 'e-b', email: 'b@example.com', tag: 'WORK', primary: false }]);
    const { merged } = merge3(mergeBase, withA, remote, 'remote');
    expect(merged.emails?.items).toEqual([a]);
  });

  it('counts an item\'s field, a removed item and the primary the server holds as sent, item by item', () => {
    const a: ContactEmail = { _id: 'e-a', email: 'a@example.com', tag: 'UNTAGGED', primary: true };
    const b: ContactEmail = { _id: 'e-b', email: 'b@example.com', tag: 'UNTAGGED', primary: false };
    const c: ContactEmail = { _id: 'e-c', email: 'c@example.com', tag: 'UNTAGGED', primary: false };
    const before: ContactInfo = { ...base, emails: { items: [a, b, c] } };
    // We retagged b and made it primary, and removed c; another app then added d.
    const sent: ContactInfo = { ...base, emails: { items: [{ ...a, primary: false }, { ...b, tag: 'WORK', primary: true }] } };
    const remote: ContactInfo = {
      ...base,
      emails: { items: [{ ...a, primary: false }, { ...b, tag: 'WORK', primary: true }, { _id: 'e-d', email: 'd@example.com', tag: 'HOME', primary: false }] },
    };
    expect(baseWithLandedAttempts(before, [sent], remote).emails?.items).toEqual([{ ...a, primary: false }, { ...b, tag: 'WORK', primary: true }]);
    // A field the server holds otherwise keeps the base's value; a removal it lacks is not counted.
    const other: ContactInfo = { ...base, emails: { items: [a, { ...b, tag: 'HOME' }, c, { _id: 'e-d', email: 'd@example.com', tag: 'HOME', primary: false }] } };
    expect(baseWithLandedAttempts(before, [sent], other)).toBe(before);
  });

  it('counts a location the server holds as sent, member by member', () => {
    const sent: ContactInfo = { ...base, locations: { items: ['loc-ours'] } };
    const remote: ContactInfo = { ...base, locations: { items: ['loc-ours', 'loc-theirs'] } };
    expect(baseWithLandedAttempts(base, [sent], remote).locations).toEqual({ items: ['loc-ours'] });
    expect(merge3(baseWithLandedAttempts(base, [sent], remote), base, remote).merged.locations).toEqual({ items: ['loc-theirs'] });
  });
});
