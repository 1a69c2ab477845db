/** Duplicate detection (WIX-CONTACTS.md section 10, reference-server rule) and site members (7.5). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, createContact, errorData, expectEnvelope, startTestServer, type TestServer } from './support/test-server.js';

let t: TestServer;
let anyMode: TestServer;
beforeAll(async () => {
  [t, anyMode] = await Promise.all([startTestServer(), startTestServer({ duplicateEmailMode: 'any' })]);
});
afterAll(async () => {
  await Promise.all([t.close(), anyMode.close()]);
});

const create = (s: TestServer, info: unknown, extra: Record<string, unknown> = {}) =>
  s.call('POST', '/contacts/v4/contacts', { body: { info, ...extra } });

describe('duplicates (primary email mode, the default)', () => {
  it('409 DUPLICATE_CONTACT_EXISTS on the same primary email, case-insensitively, with duplicateContactId/duplicateEmail', async () => {
    const first = await createContact(t, { emails: { items: [{ email: 'Dup@Example.com' }] } });
    const res = await create(t, { name: { first: 'Second' }, emails: { items: [{ email: 'dup@example.COM' }] } });
    expectEnvelope(res, 409, 'DUPLICATE_CONTACT_EXISTS');
    expect(errorData(res)).toEqual({ duplicateContactId: first['id'], duplicateEmail: 'dup@example.COM' });
    const forced = await create(t, { emails: { items: [{ email: 'dup@example.com' }] } }, { allowDuplicates: true });
    expect(forced.status).toBe(200);
  });

  it('secondary emails do not count in primary mode', async () => {
    await createContact(t, { emails: { items: [{ email: 'main1@example.com' }, { email: 'other1@example.com' }] } });
    expect((await create(t, { emails: { items: [{ email: 'other1@example.com' }] } })).status).toBe(200);
  });

  it('without any email, the primary phone is compared (E.164 when it parses)', async () => {
    const first = await createContact(t, { phones: { items: [{ phone: '(415) 555-0101', countryCode: 'US' }] } });
    const res = await create(t, { phones: { items: [{ phone: '+1 415 555 0101' }] } });
    expectEnvelope(res, 409, 'DUPLICATE_CONTACT_EXISTS');
    expect(errorData(res)).toEqual({ duplicateContactId: first['id'], duplicatePhone: '+1 415 555 0101' });
    const withEmail = await create(t, { emails: { items: [{ email: 'phone-owner@example.com' }] }, phones: { items: [{ phone: '+1 415 555 0101' }] } });
    expect(withEmail.status).toBe(200);
  });

  it('on update: checked only when emails or phones are sent; never against itself', async () => {
    await createContact(t, { emails: { items: [{ email: 'taken@example.com' }] } });
    const mine = await createContact(t, { name: { first: 'Mine' }, emails: { items: [{ email: 'mine@example.com' }] } });
    const path = `/contacts/v4/contacts/${String(mine['id'])}`;
    const self = await t.call('PATCH', path, { body: { revision: 1, info: { emails: { items: [{ email: 'MINE@example.com' }] } } } });
    expect(self.status).toBe(200);
    const clash = await t.call('PATCH', path, { body: { revision: 2, info: { emails: { items: [{ email: 'taken@example.com' }] } } } });
    expectEnvelope(clash, 409, 'DUPLICATE_CONTACT_EXISTS');
    const forced = await t.call('PATCH', path, { body: { revision: 2, allowDuplicates: true, info: { emails: { items: [{ email: 'taken@example.com' }] } } } });
    expect(forced.status).toBe(200);
    const other = await t.call('PATCH', path, { body: { revision: 3, info: { company: 'Still a duplicate, not checked' } } });
    expect(other.status).toBe(200);
  });
});

describe('duplicates (any email mode)', () => {
  it('a match on any email of either contact is a duplicate', async () => {
    const first = await createContact(anyMode, { emails: { items: [{ email: 'main2@example.com' }, { email: 'other2@example.com' }] } });
    const res = await create(anyMode, { emails: { items: [{ email: 'new2@example.com' }, { email: 'OTHER2@example.com' }] } });
    expectEnvelope(res, 409, 'DUPLICATE_CONTACT_EXISTS');
    expect(errorData(res)['duplicateContactId']).toBe(first['id']);
  });
});

describe('members', () => {
  it('a member\'s primary email cannot change (428); other fields and secondary emails can', async () => {
    const c = await createContact(t, { name: { first: 'Member' }, emails: { items: [{ email: 'member@example.com' }] } });
    const id = String(c['id']);
    await t.server.seedMember(t.tenantA, id);
    const path = `/contacts/v4/contacts/${id}`;
    const linked = await t.call('GET', path);
    expect(at(linked.body, 'contact', 'revision')).toBe(2);
    expect(at(linked.body, 'contact', 'memberInfo')).toMatchObject({ status: 'ACTIVE', email: 'member@example.com' });
    const change = await t.call('PATCH', path, { body: { revision: 2, info: { emails: { items: [{ email: 'new@example.com' }] } } } });
    expectEnvelope(change, 428, 'CANNOT_UPDATE_MEMBER_EMAIL');
    const remove = await t.call('PATCH', path, { body: { revision: 2, info: { emails: { items: [] }, phones: { items: [{ phone: '555-0100' }] } } } });
    expectEnvelope(remove, 428, 'CANNOT_UPDATE_MEMBER_EMAIL');
    const ok = await t.call('PATCH', path, {
      body: { revision: 2, info: { company: 'Fine', emails: { items: [{ email: 'member@example.com' }, { email: 'extra@example.com' }] } } },
    });
    expect(ok.status, ok.text).toBe(200);
    expect(at(ok.body, 'contact', 'memberInfo', 'status')).toBe('ACTIVE');
    await t.server.seedMember(t.tenantA, id);
    expect(at((await t.call('GET', path)).body, 'contact', 'revision')).toBe(3);
  });

  it('a member cannot be deleted (428 CANNOT_DELETE_MEMBER)', async () => {
    const c = await createContact(t, { name: { first: 'Stays' } });
    await t.server.seedMember(t.tenantA, String(c['id']));
    expectEnvelope(await t.call('DELETE', `/contacts/v4/contacts/${String(c['id'])}`), 428, 'CANNOT_DELETE_MEMBER');
    expect((await t.call('GET', `/contacts/v4/contacts/${String(c['id'])}`)).status).toBe(200);
  });

  it('seedMember of an unknown contact rejects with CONTACT_NOT_FOUND', async () => {
    await expect(t.server.seedMember(t.tenantA, 'no-such-contact')).rejects.toMatchObject({ code: 'CONTACT_NOT_FOUND', status: 404 });
  });
});
