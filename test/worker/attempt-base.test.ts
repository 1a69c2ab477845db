import { describe, expect, it } from 'vitest';
import { merge3 } from '../../src/merge/merge3.js';
import type { ContactInfo } from '../../src/model/contact.js';
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
});
