/** Create, get, update (implicit field mask), delete: bodies, revisions and read-only fields. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, startTestServer, type TestServer } from './support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function create(info: unknown, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const res = await t.call('POST', '/contacts/v4/contacts', { body: { info, ...extra } });
  expect(res.status, res.text).toBe(200);
  return at(res.body, 'contact') as Record<string, unknown>;
}

describe('create', () => {
  it('computes every read-only field', async () => {
    const c = await create({
      name: { first: 'Ann', last: 'Lee' },
      emails: { items: [{ email: 'ann@example.com' }, { email: 'ann@work.example', tag: 'WORK' }] },
      phones: { items: [{ phone: '(415) 555-2671', countryCode: 'US' }] },
    });
    expect(c['id']).toMatch(GUID);
    expect(c['revision']).toBe(1);
    expect(c['createdDate']).toBe(c['updatedDate']);
    expect(Date.parse(String(c['createdDate']))).toBeGreaterThan(Date.now() - 60_000);
    expect(c['lastActivity']).toEqual({ activityDate: c['createdDate'], activityType: 'CONTACT_CREATED' });
    expect(c['primaryInfo']).toEqual({ email: 'ann@example.com', phone: '(415) 555-2671' });
    expect(c['primaryEmail']).toEqual({ email: 'ann@example.com', subscriptionStatus: 'NOT_SET', deliverabilityStatus: 'NOT_SET' });
    expect(at(c, 'primaryPhone', 'e164Phone')).toBe('+14155552671');
    expect(at(c, 'primaryPhone', 'subscriptionStatus')).toBe('NOT_SET');
    const emails = at(c, 'info', 'emails', 'items') as Record<string, unknown>[];
    expect(emails.map((e) => e['id'])).toEqual([expect.stringMatching(GUID), expect.stringMatching(GUID)]);
    expect(emails.map((e) => [e['tag'], e['primary']])).toEqual([['UNTAGGED', true], ['WORK', false]]);
    expect(at(c, 'info', 'phones', 'items', 0, 'e164Phone')).toBe('+14155552671');
    expect(at(c, 'info', 'extendedFields', 'items')).toMatchObject({
      'contacts.displayByFirstName': 'Ann Lee', 'contacts.displayByLastName': 'Lee Ann',
    });
  });

  it('ignores item ids and read-only values sent by the client', async () => {
    const c = await create({ emails: { items: [{ id: 'not-mine', email: 'x@example.com' }] } });
    expect(at(c, 'info', 'emails', 'items', 0, 'id')).not.toBe('not-mine');
    expect(at(c, 'info', 'emails', 'items', 0, 'id')).toMatch(GUID);
  });

  it('gives an unparseable phone no e164Phone and NO_SUBSCRIPTION_STATUS', async () => {
    const c = await create({ phones: { items: [{ phone: '12' }] } });
    expect(at(c, 'info', 'phones', 'items', 0, 'e164Phone')).toBeUndefined();
    expect(at(c, 'primaryPhone', 'subscriptionStatus')).toBe('NO_SUBSCRIPTION_STATUS');
  });

  it('answers 200 (the SDK treats any other 2xx as an error)', async () => {
    const res = await t.call('POST', '/contacts/v4/contacts', { body: { info: { name: { first: 'Status' } } } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('get', () => {
  it('returns the contact and responseType REGULAR', async () => {
    const c = await create({ name: { first: 'Gus' } });
    const res = await t.call('GET', `/contacts/v4/contacts/${String(c['id'])}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ contact: c, responseType: 'REGULAR' });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 404 CONTACT_NOT_FOUND for an unknown id', async () => {
    const res = await t.call('GET', '/contacts/v4/contacts/00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
    expect(at(res.body, 'details', 'applicationError', 'code')).toBe('CONTACT_NOT_FOUND');
  });

  it('is also served under the /_api alias prefix', async () => {
    const c = await create({ name: { first: 'Alias' } });
    const res = await t.call('GET', `/_api/contacts/v4/contacts/${String(c['id'])}`);
    expect(at(res.body, 'contact', 'id')).toBe(c['id']);
  });
});

describe('update (implicit field mask)', () => {
  it('sets scalars and name parts, replaces lists, merges extended fields, bumps revision by 1', async () => {
    const c = await create({
      name: { first: 'Ann', last: 'Lee' }, company: 'Acme', jobTitle: 'CTO',
      emails: { items: [{ email: 'a1@example.com' }, { email: 'a2@example.com' }] },
      extendedFields: { items: { 'custom.team': 'red', 'custom.level': 3 } },
    });
    const emails = at(c, 'info', 'emails', 'items') as { id: string; email: string }[];
    const res = await t.call('PATCH', `/contacts/v4/contacts/${String(c['id'])}`, {
      body: {
        revision: 1,
        info: {
          name: { last: 'Smith' }, company: '',
          emails: { items: [{ id: emails[1]?.id, email: 'a2@example.com' }, { email: 'a3@example.com' }] },
          extendedFields: { items: { 'custom.team': 'blue' } },
        },
      },
    });
    expect(res.status, res.text).toBe(200);
    const u = at(res.body, 'contact') as Record<string, unknown>;
    expect(u['revision']).toBe(2);
    expect(at(u, 'info', 'name')).toEqual({ first: 'Ann', last: 'Smith' });
    expect(at(u, 'info', 'company')).toBeUndefined();
    expect(at(u, 'info', 'jobTitle')).toBe('CTO');
    const next = at(u, 'info', 'emails', 'items') as { id: string; email: string; primary: boolean }[];
    expect(next.map((e) => e.email)).toEqual(['a2@example.com', 'a3@example.com']);
    expect(next[0]?.id).toBe(emails[1]?.id);
    expect(next[1]?.id).toMatch(GUID);
    expect(next[1]?.id).not.toBe(emails[0]?.id);
    expect(at(u, 'primaryInfo', 'email')).toBe('a2@example.com');
    expect(at(u, 'info', 'extendedFields', 'items')).toMatchObject({ 'custom.team': 'blue', 'custom.level': 3 });
    expect(at(u, 'info', 'extendedFields', 'items', 'contacts.displayByFirstName')).toBe('Ann Smith');
    expect(u['createdDate']).toBe(c['createdDate']);
    expect(u['lastActivity']).toEqual(c['lastActivity']);
    expect(Date.parse(String(u['updatedDate']))).toBeGreaterThanOrEqual(Date.parse(String(c['updatedDate'])));
    const again = await t.call('GET', `/contacts/v4/contacts/${String(c['id'])}`);
    expect(at(again.body, 'contact')).toEqual(u);
  });

  it('answers 409 CONTACT_ALREADY_CHANGED for a stale or future revision', async () => {
    const c = await create({ name: { first: 'Rev' } });
    const path = `/contacts/v4/contacts/${String(c['id'])}`;
    expect((await t.call('PATCH', path, { body: { revision: 1, info: { company: 'A' } } })).status).toBe(200);
    for (const revision of [1, 3]) {
      const res = await t.call('PATCH', path, { body: { revision, info: { company: 'B' } } });
      expect(res.status).toBe(409);
      expect(at(res.body, 'details', 'applicationError', 'code')).toBe('CONTACT_ALREADY_CHANGED');
      expect(at(res.body, 'message')).toBe('Contact has been updated since the requested revision.');
    }
    const now = await t.call('GET', path);
    expect(at(now.body, 'contact', 'revision')).toBe(2);
    expect(at(now.body, 'contact', 'info', 'company')).toBe('A');
  });

  it('answers 404 CONTACT_NOT_FOUND for an unknown contact', async () => {
    const res = await t.call('PATCH', '/contacts/v4/contacts/00000000-0000-4000-8000-000000000000', {
      body: { revision: 1, info: { company: 'X' } },
    });
    expect(res.status).toBe(404);
    expect(at(res.body, 'details', 'applicationError', 'code')).toBe('CONTACT_NOT_FOUND');
  });

  it('accepts the contactId the SDK repeats in the body, refuses a different one', async () => {
    const c = await create({ name: { first: 'Body' } });
    const path = `/contacts/v4/contacts/${String(c['id'])}`;
    const ok = await t.call('PATCH', path, { body: { contactId: c['id'], revision: 1, info: { company: 'Y' } } });
    expect(ok.status).toBe(200);
    const bad = await t.call('PATCH', path, { body: { contactId: 'other', revision: 2, info: { company: 'Z' } } });
    expect(bad.status).toBe(400);
  });
});

describe('delete', () => {
  it('deletes, then GET, PATCH and DELETE answer 404', async () => {
    const c = await create({ name: { first: 'Del' } });
    const path = `/contacts/v4/contacts/${String(c['id'])}`;
    const res = await t.call('DELETE', path);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    expect((await t.call('GET', path)).status).toBe(404);
    expect((await t.call('PATCH', path, { body: { revision: 1, info: { company: 'X' } } })).status).toBe(404);
    const again = await t.call('DELETE', path);
    expect(again.status).toBe(404);
    expect(at(again.body, 'details', 'applicationError', 'code')).toBe('CONTACT_NOT_FOUND');
  });
});
