/** Every failure is a Wix envelope with the right status: bodies, types, sizes, routes and the 7.4 / 8.x codes. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ContactsDeps } from '../../server/contacts/contacts-deps.js';
import { tokenMap } from '../../server/http/auth.js';
import { buildApp } from '../../server/http/build-app.js';
import { RequestStats } from '../../server/http/request-stats.js';
import { at, createContact, expectEnvelope, startTestServer, type TestServer } from './support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

const CONTACTS = '/contacts/v4/contacts';

describe('malformed requests get a 400 envelope, never a 500', () => {
  it.each([
    ['POST', CONTACTS], ['PATCH', `${CONTACTS}/x`], ['POST', `${CONTACTS}/query`], ['POST', '/contacts/v4/labels'],
    ['POST', `${CONTACTS}/x/labels`],
  ])('%s %s with text that is not JSON -> 400 MALFORMED_JSON', async (method, path) => {
    const res = await t.call(method, path, { raw: '{"info": {', headers: { 'content-type': 'application/json' } });
    expectEnvelope(res, 400, 'MALFORMED_JSON');
  });

  it.each([['[]'], ['"text"'], ['42'], ['true']])('a body of %s -> 400 INVALID_ARGUMENT', async (raw) => {
    expectEnvelope(await t.call('POST', CONTACTS, { raw, headers: { 'content-type': 'application/json' } }), 400, 'INVALID_ARGUMENT');
    expectEnvelope(await t.call('POST', `${CONTACTS}/query`, { raw, headers: { 'content-type': 'application/json' } }), 400, 'INVALID_ARGUMENT');
  });

  it('unknown fields are named in the field violations', async () => {
    const res = await t.call('POST', CONTACTS, { body: { info: { name: { first: 'A' } }, colour: 'red' } });
    expectEnvelope(res, 400, 'INVALID_ARGUMENT');
    expect(at(res.body, 'details', 'validationError', 'fieldViolations', 0, 'field')).toBe('colour');
    const nested = await t.call('POST', CONTACTS, { body: { info: { name: { first: 'A', middle: 'B' } } } });
    expectEnvelope(nested, 400, 'INVALID_ARGUMENT');
    const query = await t.call('POST', `${CONTACTS}/query`, { body: { query: { filter: {}, page: 1 } } });
    expectEnvelope(query, 400, 'INVALID_ARGUMENT');
    expect(at(query.body, 'details', 'validationError', 'fieldViolations', 0, 'field')).toBe('query.page');
  });

  it('wrong types are 400', async () => {
    const c = await createContact(t, { name: { first: 'Types' } });
    const path = `${CONTACTS}/${String(c['id'])}`;
    expectEnvelope(await t.call('POST', CONTACTS, { body: { info: 'Ann' } }), 400, 'INVALID_ARGUMENT');
    expectEnvelope(await t.call('POST', CONTACTS, { body: { info: { name: { first: 1 } } } }), 400, 'INVALID_ARGUMENT');
    expectEnvelope(await t.call('POST', CONTACTS, { body: { info: { name: { first: 'A' } }, allowDuplicates: 'yes' } }), 400, 'INVALID_ARGUMENT');
    expectEnvelope(await t.call('PATCH', path, { body: { revision: 'one', info: { company: 'X' } } }), 400, 'INVALID_ARGUMENT');
    expectEnvelope(await t.call('PATCH', path, { body: { revision: 1.5, info: { company: 'X' } } }), 400, 'INVALID_ARGUMENT');
    expectEnvelope(await t.call('PATCH', path, { body: { info: { company: 'X' } } }), 400, 'INVALID_ARGUMENT');
    expectEnvelope(await t.call('POST', `${path}/labels`, { body: { labelKeys: 'custom.x' } }), 400, 'INVALID_ARGUMENT');
    expectEnvelope(await t.call('POST', '/contacts/v4/labels', { body: { displayName: 7 } }), 400, 'INVALID_ARGUMENT');
    expectEnvelope(await t.call('GET', `${CONTACTS}?paging.limit=abc`), 400, 'ILLEGAL_LIMIT');
    expectEnvelope(await t.call('GET', `${path}?fieldsets=EVERYTHING`), 400, 'INVALID_ARGUMENT');
  });

  it('a body over 1 MiB is 413 PAYLOAD_TOO_LARGE', async () => {
    const big = JSON.stringify({ info: { name: { first: 'x'.repeat(1024 * 1024 + 10) } } });
    const res = await t.call('POST', CONTACTS, { raw: big, headers: { 'content-type': 'application/json' } });
    expectEnvelope(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('a body just under 1 MiB is read (and refused for its content, not its size)', async () => {
    const res = await t.call('POST', CONTACTS, { body: { info: { name: { first: 'x'.repeat(1000 * 1000) } } } });
    expectEnvelope(res, 400, 'INVALID_ARGUMENT');
  });

  it('an unknown route is 404 NOT_FOUND', async () => {
    expectEnvelope(await t.call('GET', '/contacts/v4/nothing-here'), 404, 'NOT_FOUND');
    expectEnvelope(await t.call('PUT', `${CONTACTS}/x`, { body: {} }), 404, 'NOT_FOUND');
    expectEnvelope(await t.call('GET', '/'), 404, 'NOT_FOUND');
  });

  it('any content type is read as JSON (browsers may send text/plain to skip a preflight)', async () => {
    const res = await t.call('POST', CONTACTS, {
      raw: JSON.stringify({ info: { name: { first: 'Plain' } } }), headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(200);
  });
});

describe('create and update codes (WIX-CONTACTS.md 7.4, 8.1)', () => {
  it('400 INSUFFICIENT_CONTACT_DATA: create without name, email or phone; update that removes all three', async () => {
    expectEnvelope(await t.call('POST', CONTACTS, { body: { info: { company: 'Acme' } } }), 400, 'INSUFFICIENT_CONTACT_DATA');
    expectEnvelope(await t.call('POST', CONTACTS, { body: {} }), 400, 'INSUFFICIENT_CONTACT_DATA');
    const c = await createContact(t, { name: { first: 'Only' }, company: 'Acme' });
    const res = await t.call('PATCH', `${CONTACTS}/${String(c['id'])}`, { body: { revision: 1, info: { name: { first: '' } } } });
    expectEnvelope(res, 400, 'INSUFFICIENT_CONTACT_DATA');
  });

  it('400 INSUFFICIENT_UPDATE_CONTACT_DATA: nothing to update', async () => {
    const c = await createContact(t, { name: { first: 'Nothing' } });
    const path = `${CONTACTS}/${String(c['id'])}`;
    expectEnvelope(await t.call('PATCH', path, { body: { revision: 1, info: {} } }), 400, 'INSUFFICIENT_UPDATE_CONTACT_DATA');
    expectEnvelope(await t.call('PATCH', path, { body: { revision: 1 } }), 400, 'INSUFFICIENT_UPDATE_CONTACT_DATA');
  });

  it('400 CANNOT_HAVE_MULTIPLE_PRIMARY_INFO', async () => {
    const res = await t.call('POST', CONTACTS, {
      body: { info: { emails: { items: [{ email: 'a@example.com', primary: true }, { email: 'b@example.com', primary: true }] } } },
    });
    expectEnvelope(res, 400, 'CANNOT_HAVE_MULTIPLE_PRIMARY_INFO');
  });

  it('400 INVALID_EXTENDED_FIELD_VALUE', async () => {
    const bad = [{ 'custom.level': { nested: true } }, { 'not-custom': 'x' }, { 'custom.ok': [1, 2] }];
    for (const items of bad) {
      expectEnvelope(await t.call('POST', CONTACTS, { body: { info: { name: { first: 'X' }, extendedFields: { items } } } }),
        400, 'INVALID_EXTENDED_FIELD_VALUE');
    }
  });

  it('validation failures carry every field violation', async () => {
    const res = await t.call('POST', CONTACTS, {
      body: { info: { name: { first: 'V' }, emails: { items: [{ email: 'not-an-email' }] }, birthdate: '2020-02-30' } },
    });
    expectEnvelope(res, 400, 'INVALID_ARGUMENT');
    const fields = (at(res.body, 'details', 'validationError', 'fieldViolations') as { field: string }[]).map((v) => v.field);
    expect(fields.some((f) => f.includes('emails'))).toBe(true);
    expect(fields.some((f) => f.includes('birthdate'))).toBe(true);
  });
});

describe('unexpected failures', () => {
  it('are 500 INTERNAL with a generic message: no error text, no stack (and they are logged)', async () => {
    const failing = { query: () => Promise.reject(new Error('db exploded: secret detail')) };
    const deps = { sql: failing } as unknown as ContactsDeps;
    const app = await buildApp({ deps, tokens: tokenMap({ tok: 'tenant' }), stats: new RequestStats() });
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await app.inject({ method: 'GET', url: '/contacts/v4/contacts/some-id', headers: { authorization: 'Bearer tok' } });
      expect(res.statusCode).toBe(500);
      expect(JSON.parse(res.body)).toEqual({
        message: 'internal error', details: { applicationError: { code: 'INTERNAL', description: 'internal error' } },
      });
      expect(res.body).not.toContain('secret');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(log).toHaveBeenCalled();
    } finally {
      log.mockRestore();
      await app.close();
    }
  });
});
