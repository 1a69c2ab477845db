/** Named cases of the three-way merge (DESIGN.md section 5, issue #3). */
import { describe, expect, it } from 'vitest';
import type { ContactInfo } from '../../src/model/contact.js';
import { LIMITS } from '../../src/model/limits.js';
import { normalizeInfo } from '../../src/model/normalize.js';
import { merge3 } from '../../src/merge/merge3.js';
import { BASE, edit, expectWellFormed, paths, withoutDerived } from './merge-fixtures.js';

const run = (base: ContactInfo, local: ContactInfo, remote: ContactInfo, policy: 'local' | 'remote' = 'local') => {
  const result = merge3(base, local, remote, policy);
  expectWellFormed(result);
  return result;
};

describe('merge3: scalars and name', () => {
  it('does what its TSDoc example says', () => {
    const base = { name: { first: 'Ann' }, company: 'Acme' };
    const { merged, conflicts } = merge3(base, { ...base, company: 'Acme Inc' }, { ...base, name: { first: 'Anne' } });
    expect(merged).toEqual({ name: { first: 'Anne' }, company: 'Acme Inc' });
    expect(conflicts).toEqual([]);
  });

  it('returns the base (without derived fields) and no conflict when nothing changed', () => {
    const r = run(BASE, BASE, BASE);
    expect(r.merged).toEqual(withoutDerived(BASE));
    expect(r.conflicts).toEqual([]);
  });

  it('takes a change made on the local side only', () => {
    const r = run(BASE, edit(BASE, (d) => { d.company = 'Globex'; }), BASE);
    expect(r.merged.company).toBe('Globex');
    expect(r.conflicts).toEqual([]);
  });

  it('takes a change made on the remote side only', () => {
    const r = run(BASE, BASE, edit(BASE, (d) => { d.jobTitle = 'CEO'; }));
    expect(r.merged.jobTitle).toBe('CEO');
    expect(r.conflicts).toEqual([]);
  });

  it('keeps both edits when the two sides edit different fields', () => {
    const r = run(BASE, edit(BASE, (d) => { d.company = 'Globex'; }), edit(BASE, (d) => { d.jobTitle = 'CEO'; }));
    expect([r.merged.company, r.merged.jobTitle]).toEqual(['Globex', 'CEO']);
    expect(r.conflicts).toEqual([]);
  });

  it('records a conflict and lets the local side win when both edit the same field', () => {
    const r = run(BASE, edit(BASE, (d) => { d.company = 'Globex'; }), edit(BASE, (d) => { d.company = 'Initech'; }));
    expect(r.merged.company).toBe('Globex');
    expect(r.conflicts).toEqual([{ path: 'info.company', base: 'Acme', local: 'Globex', remote: 'Initech', chosen: 'local' }]);
  });

  it("lets the remote side win a same-field conflict under the 'remote' policy", () => {
    const r = run(BASE, edit(BASE, (d) => { d.company = 'Globex'; }), edit(BASE, (d) => { d.company = 'Initech'; }), 'remote');
    expect(r.merged.company).toBe('Initech');
    expect(r.conflicts[0]?.chosen).toBe('remote');
  });

  it('does not call the same edit on both sides a conflict', () => {
    const both = edit(BASE, (d) => { d.company = 'Globex'; });
    const r = run(BASE, both, structuredClone(both));
    expect(r.merged.company).toBe('Globex');
    expect(r.conflicts).toEqual([]);
  });

  it('clears a field cleared on one side and untouched on the other', () => {
    const r = run(BASE, BASE, edit(BASE, (d) => { delete d.company; }));
    expect(r.merged).not.toHaveProperty('company');
    expect(r.conflicts).toEqual([]);
  });

  it('treats a field cleared on one side and edited on the other as a conflict', () => {
    const r = run(BASE, edit(BASE, (d) => { delete d.jobTitle; }), edit(BASE, (d) => { d.jobTitle = 'CEO'; }));
    expect(r.merged).not.toHaveProperty('jobTitle');
    expect(r.conflicts).toEqual([{ path: 'info.jobTitle', base: 'Engineer', local: undefined, remote: 'CEO', chosen: 'local' }]);
  });

  it('merges the first and last name as separate fields', () => {
    const r = run(BASE, edit(BASE, (d) => { d.name = { first: 'Anne', last: 'Lee' }; }), edit(BASE, (d) => { d.name = { first: 'Ann', last: 'Li' }; }));
    expect(r.merged.name).toEqual({ first: 'Anne', last: 'Li' });
    expect(r.conflicts).toEqual([]);
  });

  it('records a name.first conflict with its own path', () => {
    const r = run(BASE, edit(BASE, (d) => { d.name = { first: 'Anne', last: 'Lee' }; }), edit(BASE, (d) => { d.name = { first: 'Annie', last: 'Lee' }; }));
    expect(paths(r)).toEqual(['info.name.first']);
    expect(r.merged.name?.first).toBe('Anne');
  });

  it('drops the name object when the name was cleared on one side', () => {
    const r = run(BASE, edit(BASE, (d) => { delete d.name; }), BASE);
    expect(r.merged).not.toHaveProperty('name');
  });

  it('merges the picture as one value, with a conflict when both sides replace it', () => {
    const l = edit(BASE, (d) => { d.picture = { image: 'https://example.com/b.png' }; });
    const rr = edit(BASE, (d) => { d.picture = { image: 'https://example.com/c.png' }; });
    const r = run(BASE, l, rr, 'remote');
    expect(r.merged.picture).toEqual({ image: 'https://example.com/c.png' });
    expect(r.conflicts).toEqual([{
      path: 'info.picture', base: { image: 'https://example.com/a.png' }, local: { image: 'https://example.com/b.png' },
      remote: { image: 'https://example.com/c.png' }, chosen: 'remote',
    }]);
  });

  it('takes a birthdate added on one side while the other changes the locale', () => {
    const r = run(BASE, edit(BASE, (d) => { d.birthdate = '1990-02-28'; }), edit(BASE, (d) => { d.locale = 'fr'; }));
    expect([r.merged.birthdate, r.merged.locale]).toEqual(['1990-02-28', 'fr']);
  });
});

describe('merge3: list items', () => {
  it('merges edits of different fields of the same email', () => {
    const l = edit(BASE, (d) => { d.emails!.items[1]!.tag = 'HOME'; });
    const rr = edit(BASE, (d) => { d.emails!.items[1]!.email = 'ann@new.example.com'; });
    const r = run(BASE, l, rr);
    expect(r.merged.emails?.items[1]).toEqual({ _id: 'e2', tag: 'HOME', email: 'ann@new.example.com', primary: false });
    expect(r.conflicts).toEqual([]);
  });

  it('records an item-field conflict at info.emails.items[<_id>].tag', () => {
    const r = run(BASE, edit(BASE, (d) => { d.emails!.items[1]!.tag = 'HOME'; }), edit(BASE, (d) => { d.emails!.items[1]!.tag = 'MAIN'; }));
    expect(r.conflicts).toEqual([{ path: 'info.emails.items[e2].tag', base: 'WORK', local: 'HOME', remote: 'MAIN', chosen: 'local' }]);
  });

  it('keeps an item deleted on one side and edited on the other, with a conflict', () => {
    const l = edit(BASE, (d) => { d.emails!.items.splice(1, 1); });
    const rr = edit(BASE, (d) => { d.emails!.items[1]!.tag = 'HOME'; });
    const r = run(BASE, l, rr);
    expect(r.merged.emails?.items.map((e) => [e._id, e.tag])).toEqual([['e1', 'MAIN'], ['e2', 'HOME']]);
    expect(r.conflicts).toEqual([{
      path: 'info.emails.items[e2]', base: BASE.emails?.items[1], local: undefined, remote: rr.emails?.items[1], chosen: 'remote',
    }]);
  });

  it('deletes an item deleted on one side and untouched on the other', () => {
    const r = run(BASE, BASE, edit(BASE, (d) => { d.phones!.items.splice(1, 1); }));
    expect(r.merged.phones?.items.map((p) => p._id)).toEqual(['p1']);
    expect(r.conflicts).toEqual([]);
  });

  it('deletes an item deleted on both sides', () => {
    const gone = edit(BASE, (d) => { delete d.addresses; });
    const r = run(BASE, gone, gone);
    expect(r.merged).not.toHaveProperty('addresses');
  });

  it('keeps once an email both sides added in different case, with a conflict on its spelling', () => {
    const add = (email: string) => edit(BASE, (d) => { d.emails!.items.push({ email, tag: 'HOME' }); });
    const r = run(BASE, add('Bob@Example.com'), add('bob@example.com '.trim()));
    expect(r.merged.emails?.items).toHaveLength(3);
    expect(r.merged.emails?.items[2]?.email).toBe('Bob@Example.com');
    expect(r.conflicts).toEqual([{ path: 'info.emails.items[bob@example.com].email', base: undefined, local: 'Bob@Example.com', remote: 'bob@example.com', chosen: 'local' }]);
  });

  it('keeps once an email both sides added identically, without conflict', () => {
    const add = edit(BASE, (d) => { d.emails!.items.push({ email: 'bob@example.com' }); });
    const r = run(BASE, add, structuredClone(add));
    expect(r.merged.emails?.items.map((e) => e.email)).toEqual(['ann@example.com', 'ann.lee@corp.example.io', 'bob@example.com']);
    expect(r.conflicts).toEqual([]);
  });

  it("orders items: base order, then local's additions, then remote's", () => {
    const l = edit(BASE, (d) => { d.emails!.items.push({ email: 'l1@example.com' }, { email: 'l2@example.com' }); });
    const rr = edit(BASE, (d) => { d.emails!.items.unshift({ email: 'r1@example.com' }); d.emails!.items.splice(1, 1); });
    const r = run(BASE, l, rr);
    expect(r.merged.emails?.items.map((e) => e.email)).toEqual(['ann.lee@corp.example.io', 'l1@example.com', 'l2@example.com', 'r1@example.com']);
  });

  it('matches a local addition without _id to the same addition the server gave an _id', () => {
    const l = edit(BASE, (d) => { d.phones!.items.push({ phone: '+1 212 555 0199' }); });
    const rr = edit(BASE, (d) => { d.phones!.items.push({ _id: 'p9', phone: '(212) 555-0199', countryCode: 'US' }); });
    const r = run(BASE, l, rr, 'remote');
    expect(r.merged.phones?.items).toHaveLength(3);
    expect(r.merged.phones?.items[2]).toMatchObject({ _id: 'p9', phone: '(212) 555-0199', countryCode: 'US' });
    expect(paths(r)).toEqual(['info.phones.items[p9].phone']);
  });

  it('matches items without _id by E.164, so a reformatted number is an edit, not a new phone', () => {
    const base = normalizeInfo({ name: { first: 'Bo' }, phones: { items: [{ phone: '(415) 555-2671', countryCode: 'US' }] } });
    const l = edit(base, (d) => { d.phones!.items[0]!.tag = 'WORK'; });
    const rr = edit(base, (d) => { d.phones!.items[0]!.phone = '415.555.2671'; });
    const r = run(base, l, rr);
    expect(r.merged.phones?.items).toEqual([{ tag: 'WORK', countryCode: 'US', phone: '415.555.2671', e164Phone: '+14155552671', primary: true }]);
  });

  it('drops e164Phone when the country and the number come from different sides', () => {
    const l = edit(BASE, (d) => { d.phones!.items[1]!.countryCode = 'IE'; });
    const rr = edit(BASE, (d) => { d.phones!.items[1]!.phone = '020 7946 0000'; });
    const r = run(BASE, l, rr);
    expect(r.merged.phones?.items[1]).toEqual({ _id: 'p2', tag: 'HOME', countryCode: 'IE', phone: '020 7946 0000', primary: false });
  });

  it('merges an address edit on one side with a tag edit on the other', () => {
    const l = edit(BASE, (d) => { d.addresses!.items[0]!.address = { city: 'Lyon', country: 'FR' }; });
    const rr = edit(BASE, (d) => { d.addresses!.items[0]!.tag = 'WORK'; });
    const r = run(BASE, l, rr);
    expect(r.merged.addresses?.items).toEqual([{ _id: 'a1', tag: 'WORK', address: { city: 'Lyon', country: 'FR' } }]);
    expect(r.merged.addresses?.items[0]).not.toHaveProperty('primary');
  });
});

describe('merge3: primary', () => {
  const makePrimary = (info: ContactInfo, id: string) => edit(info, (d) => {
    for (const e of d.emails!.items) e.primary = e._id === id;
  });
  const withThird = edit(BASE, (d) => { d.emails!.items.push({ _id: 'e3', email: 'third@example.com' }); });

  it('takes a primary moved on one side, without conflict', () => {
    const r = run(withThird, makePrimary(withThird, 'e2'), withThird);
    expect(r.merged.emails?.items.map((e) => e.primary)).toEqual([false, true, false]);
    expect(r.conflicts).toEqual([]);
  });

  it('records a primary moved on both sides to different items, and keeps one primary', () => {
    const r = run(withThird, makePrimary(withThird, 'e2'), makePrimary(withThird, 'e3'), 'remote');
    expect(r.merged.emails?.items.map((e) => e.primary)).toEqual([false, false, true]);
    expect(r.conflicts).toEqual([{ path: 'info.emails.primary', base: 'e1', local: 'e2', remote: 'e3', chosen: 'remote' }]);
  });

  it('does not call a primary moved to the same item on both sides a conflict', () => {
    const r = run(withThird, makePrimary(withThird, 'e3'), makePrimary(withThird, 'e3'));
    expect(r.merged.emails?.items.find((e) => e.primary)?._id).toBe('e3');
    expect(r.conflicts).toEqual([]);
  });

  it('moves the primary to the survivor when one side deletes the primary email', () => {
    const r = run(BASE, edit(BASE, (d) => { d.emails!.items.shift(); }), BASE);
    expect(r.merged.emails?.items).toEqual([{ _id: 'e2', tag: 'WORK', email: 'ann.lee@corp.example.io', primary: true }]);
  });

  it('falls back to a surviving item when the winning primary was deleted by the other side', () => {
    const l = makePrimary(withThird, 'e3');
    const rr = edit(withThird, (d) => { d.emails!.items.splice(2, 1); });
    const r = run(withThird, l, rr);
    expect(r.merged.emails?.items.map((e) => [e._id, e.primary])).toEqual([['e1', true], ['e2', false]]);
  });
});

describe('merge3: labels, extended fields, locations', () => {
  it('keeps a label added on one side and drops one removed on the other', () => {
    const l = edit(BASE, (d) => { d.labelKeys!.items.push('custom.d'); });
    const rr = edit(BASE, (d) => { d.labelKeys!.items = ['custom.b', 'custom.c']; });
    const r = run(BASE, l, rr);
    expect(r.merged.labelKeys?.items).toEqual(['custom.b', 'custom.c', 'custom.d']);
    expect(r.conflicts).toEqual([]);
  });

  it('lets the removal win when one side removes a label the other keeps', () => {
    const r = run(BASE, edit(BASE, (d) => { d.labelKeys!.items = ['custom.a']; }), BASE);
    expect(r.merged.labelKeys?.items).toEqual(['custom.a']);
  });

  it('keeps once a label added on both sides', () => {
    const add = edit(BASE, (d) => { d.labelKeys!.items.push('custom.vip'); });
    const r = run(BASE, add, add);
    expect(r.merged.labelKeys?.items).toEqual(['custom.a', 'custom.b', 'custom.c', 'custom.vip']);
  });

  it('takes an extended field added on one side', () => {
    const r = run(BASE, BASE, edit(BASE, (d) => { d.extendedFields!.items['custom.shoe'] = 42; }));
    expect(r.merged.extendedFields?.items['custom.shoe']).toBe(42);
    expect(r.conflicts).toEqual([]);
  });

  it('records an extended field edited on both sides at info.extendedFields.items[<key>]', () => {
    const r = run(BASE, edit(BASE, (d) => { d.extendedFields!.items['custom.vip'] = 'silver'; }), edit(BASE, (d) => { d.extendedFields!.items['custom.vip'] = 'platinum'; }));
    expect(r.conflicts).toEqual([{ path: 'info.extendedFields.items[custom.vip]', base: 'gold', local: 'silver', remote: 'platinum', chosen: 'local' }]);
  });

  it('removes an extended field removed on one side and untouched on the other', () => {
    const r = run(BASE, edit(BASE, (d) => { delete d.extendedFields!.items['custom.score']; }), BASE);
    expect(r.merged.extendedFields?.items).not.toHaveProperty('custom.score');
  });

  it('leaves the derived displayBy fields out even when both sides renamed the contact', () => {
    const r = run(BASE, edit(BASE, (d) => { d.name = { first: 'Anne' }; }), edit(BASE, (d) => { d.name = { first: 'Annie' }; }));
    expect(Object.keys(r.merged.extendedFields?.items ?? {}).filter((k) => k.startsWith('contacts.'))).toEqual([]);
    expect(paths(r)).toEqual(['info.name.first']);
  });

  it('merges a system extended field per key like any other', () => {
    const r = run(BASE, BASE, edit(BASE, (d) => { d.extendedFields!.items['invoices.vatId'] = 'FR123'; }));
    expect(r.merged.extendedFields?.items['invoices.vatId']).toBe('FR123');
  });

  it('merges locations as a set', () => {
    const [l1, l2, l3] = ['1', '2', '3'].map((n) => `0000000${n}-0000-4000-8000-000000000000`) as [string, string, string];
    const base = edit(BASE, (d) => { d.locations = { items: [l1, l2] }; });
    const r = run(base, edit(base, (d) => { d.locations!.items.push(l3); }), edit(base, (d) => { d.locations!.items = [l2]; }));
    expect(r.merged.locations?.items).toEqual([l2, l3]);
  });
});

describe('merge3: validity and purity', () => {
  const emails = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ email: `${prefix}${i}@example.com` }));

  it('takes the policy side whole when both sides together pass the 50-email limit', () => {
    const base = normalizeInfo({ name: { first: 'Ann' }, emails: { items: emails('b', 30) } });
    const l = edit(base, (d) => { d.emails!.items.push(...emails('l', 15)); d.emails!.items[0]!.tag = 'WORK'; });
    const rr = edit(base, (d) => { d.emails!.items.push(...emails('r', 15)); d.emails!.items[0]!.tag = 'HOME'; });
    const r = run(base, l, rr, 'remote');
    expect(r.merged.emails?.items).toEqual(rr.emails?.items);
    expect(r.merged.emails?.items.length).toBeLessThanOrEqual(LIMITS.listItems);
    expect(r.conflicts).toEqual([{ path: 'info.emails.items', base: base.emails?.items, local: l.emails?.items, remote: rr.emails?.items, chosen: 'remote' }]);
  });

  it('keeps a way to name the contact when one side removed the name and the other the email', () => {
    const base = normalizeInfo({ name: { first: 'Ann' }, emails: { items: [{ email: 'ann@example.com' }] } });
    const l = edit(base, (d) => { delete d.name; });
    const rr = edit(base, (d) => { delete d.emails; });
    const r = run(base, l, rr);
    expect(r.merged.emails?.items.map((e) => e.email)).toEqual(['ann@example.com']);
    expect(r.merged).not.toHaveProperty('name');
    expect(paths(r)).toEqual(['info.emails.items']);
    const byRemote = run(base, l, rr, 'remote');
    expect([byRemote.merged.name, byRemote.merged.emails]).toEqual([{ first: 'Ann' }, undefined]);
    expect(paths(byRemote)).toEqual(['info.name.first']);
  });

  it('leaves its inputs untouched and shares no object with them', () => {
    const l = edit(BASE, (d) => { d.addresses!.items[0]!.tag = 'WORK'; });
    const frozen = [structuredClone(BASE), structuredClone(l)];
    const r = run(BASE, l, BASE);
    r.merged.addresses!.items[0]!.address!.city = 'Mutated';
    r.merged.picture!.image = 'mutated';
    expect([BASE, l]).toEqual(frozen);
  });
});
