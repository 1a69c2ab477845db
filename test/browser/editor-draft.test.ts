/**
 * The demo's pure logic, without a browser: what the editor sends (blank rows dropped, only
 * changed fields, `""` to clear), where the model's violations land on screen, and search.
 * It lives with the browser suite because it tests the demo, which only that suite builds.
 */
import { describe, expect, it } from 'vitest';
import type { Contact } from '../../src/index.js';
import { cleanInfo, draftOf, draftPath, infoPatch } from '../../demo/src/editor-draft.js';
import { labelKeyOf } from '../../demo/src/contact-format.js';
import { parseRoute, routeHash } from '../../demo/src/route.js';
import { searchContacts } from '../../demo/src/search-contacts.js';

describe('cleanInfo', () => {
  it('drops blank rows and empty strings and says where kept rows came from', () => {
    const { info, rows } = cleanInfo({
      name: { first: 'Ann', last: '' },
      emails: { items: [{ email: ' ' }, { email: 'ann@example.com', tag: 'WORK' }] },
      phones: { items: [{ phone: '' }] },
      addresses: { items: [{ tag: 'HOME', address: { city: '', streetAddress: { number: '' } } }, { address: { city: 'Paris' } }] },
      company: '',
      extendedFields: { items: { 'custom.team': '' } },
    });
    expect(info).toEqual({
      name: { first: 'Ann' },
      emails: { items: [{ email: 'ann@example.com', tag: 'WORK' }] },
      addresses: { items: [{ address: { city: 'Paris' } }] },
    });
    expect(rows).toEqual({ emails: [1], phones: [], addresses: [1] });
  });
});

describe('infoPatch', () => {
  it('sends only what changed, with "" for cleared fields and removed custom fields', () => {
    const before = { name: { first: 'Ann', last: 'Lee' }, company: 'A', jobTitle: 'CEO', extendedFields: { items: { 'custom.team': 'X', 'contacts.displayByFirstName': 'Ann Lee' } } };
    const after = { name: { first: 'Anne', last: 'Lee' }, company: 'B', extendedFields: { items: { 'contacts.displayByFirstName': 'Ann Lee' } } };
    expect(infoPatch(before, after)).toEqual({
      name: { first: 'Anne', last: 'Lee' }, company: 'B', jobTitle: '', extendedFields: { items: { 'custom.team': '' } },
    });
  });

  it('replaces a changed list whole and leaves equal ones out', () => {
    const emails = { items: [{ email: 'a@example.com' }] };
    expect(infoPatch({ emails, phones: { items: [{ phone: '1' }] } }, { emails, phones: { items: [] } })).toEqual({ phones: { items: [] } });
    expect(infoPatch({ emails }, { emails: structuredClone(emails) })).toEqual({});
  });

  it('a fresh draft of a contact changes nothing', () => {
    const draft = draftOf('c1', { name: { first: 'Ann' }, emails: { items: [{ email: 'a@example.com', primary: true, tag: 'UNTAGGED' }] } }, 3);
    expect(infoPatch(draft.original, cleanInfo(draft.info).info)).toEqual({});
    expect(draft.revision).toBe(3);
  });
});

describe('draftPath', () => {
  it('maps a violation of a kept row back to the row on screen', () => {
    const rows = { emails: [2], phones: [0, 3], addresses: [] };
    expect(draftPath('info.emails.items[0].email', rows)).toBe('info.emails.items[2].email');
    expect(draftPath('info.phones.items[1].countryCode', rows)).toBe('info.phones.items[3].countryCode');
    expect(draftPath('info.company', rows)).toBe('info.company');
  });
});

describe('search, labels and routes', () => {
  const contact = (id: string, first: string, email: string, phone: string, labels: string[] = []): Contact => ({
    _id: id, revision: 1,
    info: { name: { first, last: 'Test' }, emails: { items: [{ email }] }, phones: { items: [{ phone }] }, labelKeys: { items: labels } },
  });
  const all = [contact('1', 'Zoe', 'zoe@example.com', '+1 (555) 012-3456', ['custom.vip']), contact('2', 'Adam', 'adam@example.org', '020 7946 0000')];

  it('finds by name, email or phone digits, in name order, within a label', () => {
    expect(searchContacts(all, '', undefined).map((c) => c._id)).toEqual(['2', '1']);
    expect(searchContacts(all, 'ZO', undefined).map((c) => c._id)).toEqual(['1']);
    expect(searchContacts(all, 'example.org', undefined).map((c) => c._id)).toEqual(['2']);
    expect(searchContacts(all, '555 01', undefined).map((c) => c._id)).toEqual(['1']);
    expect(searchContacts(all, '', 'custom.vip').map((c) => c._id)).toEqual(['1']);
  });

  it('makes label keys the way the server slugs display names', () => {
    expect(labelKeyOf('Book club')).toBe('custom.book-club');
    expect(labelKeyOf('  ')).toBeUndefined();
  });

  it('round-trips routes through the URL hash', () => {
    for (const route of [{ screen: 'list' }, { screen: 'new' }, { screen: 'conflicts' }, { screen: 'contact', contactId: 'a/b c' }] as const) {
      expect(parseRoute(routeHash(route))).toEqual(route);
    }
  });
});
