/** Tokens, CORS and caching headers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, createContact, expectEnvelope, startTestServer, type TestServer } from './support/test-server.js';

let t: TestServer;
let id: string;
beforeAll(async () => {
  t = await startTestServer();
  id = String((await createContact(t, { name: { first: 'Auth' } }))['id']);
});
afterAll(async () => {
  await t.close();
});

const routes = (): [string, string, unknown?][] => [
  ['POST', '/contacts/v4/contacts', { info: { name: { first: 'X' } } }],
  ['GET', `/contacts/v4/contacts/${id}`],
  ['PATCH', `/contacts/v4/contacts/${id}`, { revision: 1, info: { company: 'X' } }],
  ['DELETE', `/contacts/v4/contacts/${id}`],
  ['POST', `/contacts/v4/contacts/${id}/labels`, { labelKeys: ['custom.x'] }],
  ['DELETE', `/contacts/v4/contacts/${id}/labels?labelKeys=custom.x`],
  ['GET', '/contacts/v4/contacts'],
  ['POST', '/contacts/v4/contacts/query', { query: {} }],
  ['GET', '/contacts/v4/changes'],
  ['POST', '/contacts/v4/labels', { displayName: 'X' }],
  ['GET', '/contacts/v4/labels'],
  ['GET', '/contacts/v4/labels/custom.x'],
  ['GET', `/_api/contacts/v4/contacts/${id}`],
  ['GET', '/contacts/v4/unknown'],
];

describe('authentication', () => {
  it('every route answers 401 UNAUTHENTICATED without a token, and with a wrong one', async () => {
    for (const [method, path, body] of routes()) {
      expectEnvelope(await t.call(method, path, { token: null, ...(body === undefined ? {} : { body }) }), 401, 'UNAUTHENTICATED');
      expectEnvelope(await t.call(method, path, { token: 'nope', ...(body === undefined ? {} : { body }) }), 401, 'UNAUTHENTICATED');
    }
    const still = await t.call('GET', `/contacts/v4/contacts/${id}`);
    expect(at(still.body, 'contact', 'revision')).toBe(1);
  });

  it('accepts "Bearer <token>" and a bare "<token>"', async () => {
    const bearer = await t.call('GET', `/contacts/v4/contacts/${id}`, { token: null, headers: { authorization: `Bearer ${t.tokenA}` } });
    const bare = await t.call('GET', `/contacts/v4/contacts/${id}`, { token: null, headers: { authorization: t.tokenA } });
    expect([bearer.status, bare.status]).toEqual([200, 200]);
  });

  it('does not take prototype keys for tokens', async () => {
    for (const token of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expectEnvelope(await t.call('GET', '/contacts/v4/contacts', { token }), 401, 'UNAUTHENTICATED');
    }
  });
});

describe('CORS and caching', () => {
  it('answers a preflight from any origin with the headers the client sends', async () => {
    const res = await t.call('OPTIONS', '/contacts/v4/contacts', {
      token: null,
      headers: { origin: 'http://example.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,idempotency-key' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const h of ['authorization', 'content-type', 'idempotency-key']) expect(allowed).toContain(h);
    expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
  });

  it('puts Access-Control-Allow-Origin on answers and errors, and no-store on every API answer', async () => {
    const ok = await t.call('GET', `/contacts/v4/contacts/${id}`, { headers: { origin: 'http://example.test' } });
    const err = await t.call('GET', '/contacts/v4/contacts/missing', { headers: { origin: 'http://example.test' } });
    const denied = await t.call('GET', '/contacts/v4/contacts', { token: null });
    for (const res of [ok, err, denied]) {
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    for (const [method, path, body] of routes().slice(0, 12)) {
      const res = await t.call(method, path, body === undefined ? {} : { body });
      expect(res.headers.get('cache-control'), `${method} ${path}`).toBe('no-store');
    }
  });
});

describe('request stats', () => {
  it('counts answers per route pattern and status (the /_api alias folded in)', async () => {
    const before = t.server.stats();
    await t.call('GET', '/contacts/v4/contacts/abc', { token: null });
    await t.call('GET', '/_api/contacts/v4/contacts/abc', { token: null });
    const after = t.server.stats();
    expect(after.total - before.total).toBe(2);
    const key = 'GET /contacts/v4/contacts/:id 401';
    expect((after.byRouteAndStatus[key] ?? 0) - (before.byRouteAndStatus[key] ?? 0)).toBe(2);
    expect((after.byStatus['401'] ?? 0) - (before.byStatus['401'] ?? 0)).toBe(2);
  });
});
