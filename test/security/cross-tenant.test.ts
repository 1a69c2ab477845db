/**
 * Two tenants, two users each. Tenant B's users call every route with tenant A's ids (copied
 * and guessed), A's label key, A's Idempotency-Key and A's change-feed cursor: no answer ever
 * contains anything of tenant A, and A's data is unchanged afterwards. The tenant comes from
 * the verified token only.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, startSecurityServer, type SecurityServer } from './security-server.js';

/** Every string that belongs to tenant A's data carries this marker. */
const SECRET = 'SECRET-A-7f3c';

let s: SecurityServer;
let idA: string;
let revisionA: number;
let cursorA: string;
let keyA: string;
let bodyA: unknown;

beforeAll(async () => {
  s = await startSecurityServer();
  const { a1 } = s.users;
  expect((await s.call('POST', '/contacts/v4/labels', a1, { displayName: `${SECRET} vip` })).status).toBe(200);
  keyA = randomUUID();
  bodyA = { info: { name: { first: `${SECRET} Alice`, last: 'A' }, company: `${SECRET} Corp`, emails: { items: [{ email: 'alice-secret-a@a.example' }] }, labelKeys: { items: [`custom.${SECRET.toLowerCase()}-vip`] } } };
  const created = await s.call('POST', '/contacts/v4/contacts', a1, bodyA, { 'idempotency-key': keyA });
  expect(created.status).toBe(200);
  idA = String(at(created.json, 'contact', 'id'));
  revisionA = Number(at(created.json, 'contact', 'revision'));
  cursorA = String(at((await s.call('GET', '/contacts/v4/changes', a1)).json, 'cursor'));
  expect(Number(cursorA)).toBeGreaterThan(0);
  expect((await s.call('POST', '/contacts/v4/contacts', s.users.b1, { info: { name: { first: 'Bob', last: 'B' } } })).status).toBe(200);
});
afterAll(async () => { await s.server.close(); });

/** Strings of a request (path parts, query values, body strings): an error may echo them back. */
function fragments(path: string, body: unknown): string[] {
  const url = new URL(path, 'http://x');
  const out = [...url.pathname.split('/'), ...[...url.searchParams.values()]].map(decodeURIComponent);
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) { out.push(k); walk(x); }
  };
  walk(body);
  return out.filter((f) => f.length > 3).sort((a, b) => b.length - a.length);
}

/** Whether an answer shows anything of tenant A that the request did not carry itself. */
function leaks(text: string, path = '', body?: unknown): boolean {
  let t = text;
  for (const f of fragments(path, body)) t = t.split(f).join('').split(JSON.stringify(f).slice(1, -1)).join('');
  return t.toLowerCase().includes(SECRET.toLowerCase()) || t.includes('alice-secret-a') || t.includes(idA);
}

describe('tenant B never sees or changes tenant A', () => {
  const contactRoutes = (id: string): [string, string, unknown][] => [
    ['GET', `/contacts/v4/contacts/${id}`, undefined],
    ['PATCH', `/contacts/v4/contacts/${id}`, { revision: 1, info: { company: 'Mine now' } }],
    ['POST', `/contacts/v4/contacts/${id}/labels`, { labelKeys: ['custom.x'] }],
    ['DELETE', `/contacts/v4/contacts/${id}/labels?labelKeys=custom.${SECRET.toLowerCase()}-vip`, undefined],
    ['DELETE', `/contacts/v4/contacts/${id}`, undefined],
  ];

  it('every contact route, on both API prefixes, with A\'s id copied or guessed: 404, nothing of A', async () => {
    for (const token of [s.users.b1, s.users.b2]) {
      for (const id of [idA, randomUUID(), idA.toUpperCase(), `${idA} `, encodeURIComponent(`../${idA}`)]) {
        for (const [method, path, body] of contactRoutes(id)) {
          for (const prefix of ['', '/_api']) {
            const r = await s.call(method, `${prefix}${path}`, token, body);
            expect(r.status, `${method} ${prefix}${path}`).toBeGreaterThanOrEqual(400);
            expect(r.status, `${method} ${prefix}${path}`).toBeLessThan(500);
            expect(leaks(r.text, `${prefix}${path}`, body), `${method} ${prefix}${path}: ${r.text}`).toBe(false);
          }
        }
      }
    }
  });

  it('list, query (by A\'s id, email, name), labels and the change feed show only B\'s own data', async () => {
    const b = s.users.b2;
    const reads: [string, string, unknown][] = [
      ['GET', '/contacts/v4/contacts', undefined],
      ['GET', '/contacts/v4/contacts?search=SECRET', undefined],
      ['POST', '/contacts/v4/contacts/query', { query: { filter: { id: idA } } }],
      ['POST', '/contacts/v4/contacts/query', { query: { filter: { 'primaryInfo.email': 'alice-secret-a@a.example' } } }],
      ['POST', '/contacts/v4/contacts/query', { query: { filter: { 'info.name.first': { $startsWith: SECRET } } } }],
      ['POST', '/contacts/v4/contacts/query', { query: { filter: { 'info.labelKeys': { $hasSome: [`custom.${SECRET.toLowerCase()}-vip`] } } } }],
      ['GET', '/contacts/v4/labels', undefined],
      ['GET', `/contacts/v4/labels/custom.${SECRET.toLowerCase()}-vip`, undefined],
      ['GET', '/contacts/v4/changes', undefined],
      ['GET', `/contacts/v4/changes?cursor=${cursorA}`, undefined],
      ['GET', '/contacts/v4/changes?cursor=0&limit=1000', undefined],
    ];
    for (const [method, path, body] of reads) {
      const r = await s.call(method, path, b, body);
      expect(r.status, `${method} ${path}`).toBeLessThan(500);
      expect(leaks(r.text, path, body), `${method} ${path}: ${r.text}`).toBe(false);
    }
    const feed = await s.call('GET', '/contacts/v4/changes?limit=1000', b);
    const ids = (at(feed.json, 'changes') as { contact?: { id: string } }[]).map((c) => c.contact?.id);
    expect(ids).not.toContain(idA);
    expect(ids.length).toBe(1); // Bob only
  });

  it('a copied Idempotency-Key makes B\'s own contact; it never replays A\'s answer', async () => {
    // A's body without A's label (B has no such label, which would be refused first).
    const { labelKeys: _l, ...info } = (bodyA as { info: Record<string, unknown> }).info;
    const r = await s.call('POST', '/contacts/v4/contacts', s.users.b1, { info }, { 'idempotency-key': keyA });
    expect(r.status).toBe(200);
    expect(at(r.json, 'contact', 'id')).not.toBe(idA);
    // B's copy of A's body is B's own data now; what must not happen is A's contact coming back.
    const again = await s.call('POST', '/contacts/v4/contacts', s.users.b2, { info }, { 'idempotency-key': keyA });
    expect(at(again.json, 'contact', 'id')).toBe(at(r.json, 'contact', 'id'));
  });

  it('no token, an unknown token, or a tenant named in the request: 401 or still tenant B', async () => {
    expect((await s.call('GET', `/contacts/v4/contacts/${idA}`, null)).status).toBe(401);
    expect((await s.call('GET', `/contacts/v4/contacts/${idA}`, 'tenant-a')).status).toBe(401);
    expect((await s.call('GET', `/contacts/v4/contacts/${idA}`, `${s.users.a1}x`)).status).toBe(401);
    const named = await s.call('GET', `/contacts/v4/contacts/${idA}?tenantId=${s.tenantA}`, s.users.b1, undefined, { 'x-tenant-id': s.tenantA, 'x-wix-site-id': s.tenantA });
    expect(named.status).toBe(404);
    expect(leaks(named.text, `/contacts/v4/contacts/${idA}?tenantId=${s.tenantA}`)).toBe(false);
  });

  it('tenant A is unchanged, and both of its users see it', async () => {
    for (const token of [s.users.a1, s.users.a2]) {
      const r = await s.call('GET', `/contacts/v4/contacts/${idA}`, token);
      expect(r.status).toBe(200);
      expect(at(r.json, 'contact', 'revision')).toBe(revisionA);
      expect(at(r.json, 'contact', 'info', 'company')).toBe(`${SECRET} Corp`);
      expect(at(r.json, 'contact', 'info', 'labelKeys', 'items')).toEqual([`custom.${SECRET.toLowerCase()}-vip`]);
    }
    const feed = await s.call('GET', '/contacts/v4/changes', s.users.a2);
    expect((at(feed.json, 'changes') as unknown[]).length).toBe(1);
  });
});
