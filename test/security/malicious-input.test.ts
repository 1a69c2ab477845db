/**
 * Oversized and malicious input, through the server and through the local API: 1 MiB
 * strings, bodies over the limit, deep nesting, prototype-pollution keys (`__proto__`,
 * `constructor`, `prototype`) in `extendedFields` and elsewhere. Each is refused with 400 or
 * 413 (or the key is dropped as read-only), nothing is stored, no prototype is polluted, and
 * the server keeps answering.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openContacts } from '../../src/client/open-contacts.js';
import type { ContactsClient } from '../../src/client/types.js';
import type { ContactInfo } from '../../src/model/contact.js';
import { at, startSecurityServer, type SecurityServer } from './security-server.js';

const MiB = 1024 * 1024;
const big = 'x'.repeat(MiB);

function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Bodies whose own keys are the dangerous names (a JS literal would set the prototype instead). */
const POLLUTING: string[] = [
  '{"info":{"name":{"first":"P"},"extendedFields":{"items":{"__proto__":{"polluted":"yes"}}}}}',
  '{"info":{"name":{"first":"P"},"extendedFields":{"items":{"custom.x":"1","constructor":{"prototype":{"polluted":"yes"}}}}}}',
  '{"info":{"name":{"first":"P"},"extendedFields":{"__proto__":{"polluted":"yes"}}}}',
  '{"__proto__":{"polluted":"yes"},"info":{"name":{"first":"P"}}}',
  '{"info":{"__proto__":{"polluted":"yes"},"name":{"first":"P"}}}',
  '{"info":{"name":{"first":"P","__proto__":{"polluted":"yes"}}}}',
  '{"info":{"name":{"first":"P"},"emails":{"items":[{"email":"p@x.example","__proto__":{"polluted":"yes"}}]}}}',
];

const unpolluted = (): void => {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
};

let s: SecurityServer;
beforeAll(async () => { s = await startSecurityServer(); });
afterAll(async () => { await s.server.close(); });
afterEach(() => { unpolluted(); });

async function countA(): Promise<number> {
  return (at((await s.call('GET', '/contacts/v4/changes?limit=1000', s.users.a1)).json, 'changes') as unknown[]).length;
}

describe('the server refuses oversized and malicious input without harm', () => {
  it('a 1 MiB string is 400 (too long) or 413 (body too large); nothing is stored', async () => {
    const before = await countA();
    for (const body of [
      { info: { name: { first: big } } },
      { info: { name: { first: 'A' }, extendedFields: { items: { 'custom.note': big } } } },
      { info: { name: { first: 'A' }, company: 'x'.repeat(1001) } },
    ]) {
      const r = await s.call('POST', '/contacts/v4/contacts', s.users.a1, body);
      expect([400, 413]).toContain(r.status);
    }
    const label = await s.call('POST', '/contacts/v4/labels', s.users.a1, { displayName: big });
    expect([400, 413]).toContain(label.status);
    expect(await countA()).toBe(before);
  });

  it('a body over the limit is 413 before it is parsed', async () => {
    const r = await s.call('POST', '/contacts/v4/contacts', s.users.a1, `{"info":{"name":{"first":"${'y'.repeat(2 * MiB)}"}}}`);
    expect(r.status).toBe(413);
  });

  it('deep nesting (bodies, filters) is 400 and the server keeps answering', async () => {
    for (const depth of [100, 10_000, 100_000]) {
      const body = `{"info":{"name":{"first":"N"},"extendedFields":{"items":{"custom.deep":${nested(depth)}}}}}`;
      const r = await s.call('POST', '/contacts/v4/contacts', s.users.a1, body);
      expect([400, 413], `depth ${depth}`).toContain(r.status);
      const q = await s.call('POST', '/contacts/v4/contacts/query', s.users.a1, `{"query":{"filter":${nested(depth)}}}`);
      expect([400, 413], `filter depth ${depth}`).toContain(q.status);
    }
    const deepAnd = { query: { filter: JSON.parse(`${'{"$and":['.repeat(500)}{"info.name.first":"x"}${']}'.repeat(500)}`) as unknown } };
    expect([200, 400]).toContain((await s.call('POST', '/contacts/v4/contacts/query', s.users.a1, deepAnd)).status);
    expect((await s.call('GET', '/contacts/v4/contacts', s.users.a1)).status).toBe(200);
  });

  it('prototype-pollution keys are refused or dropped, never applied', async () => {
    for (const body of POLLUTING) {
      const r = await s.call('POST', '/contacts/v4/contacts', s.users.a1, body);
      expect(r.status, body).toBeLessThan(500);
      if (r.status === 200) {
        // Accepted only with the dangerous key gone.
        expect(r.text, body).not.toContain('polluted');
      } else {
        expect(r.status, body).toBe(400);
      }
      unpolluted();
    }
    const patch = await s.call('POST', '/contacts/v4/contacts/query', s.users.a1, '{"query":{"filter":{"__proto__":{"polluted":"yes"}}}}');
    expect(patch.status).toBeLessThan(500);
    unpolluted();
  });

  it('odd headers and paths: a huge Idempotency-Key, a very long id, a malformed cursor', async () => {
    const key = await s.call('POST', '/contacts/v4/contacts', s.users.a1, { info: { name: { first: 'K' } } }, { 'idempotency-key': 'k'.repeat(64 * 1024) });
    expect(key.status).toBeGreaterThanOrEqual(400);
    expect(key.status).toBeLessThan(500);
    const id = await s.call('GET', `/contacts/v4/contacts/${'i'.repeat(10_000)}`, s.users.a1);
    expect([400, 404, 414]).toContain(id.status);
    for (const cursor of ['-1', '1e99', '99999999999999999999', 'abc', '%00', '1;DROP TABLE contacts']) {
      const r = await s.call('GET', `/contacts/v4/changes?cursor=${encodeURIComponent(cursor)}`, s.users.a1);
      expect(r.status, cursor).toBe(400);
    }
    expect((await s.call('GET', '/contacts/v4/changes', s.users.a1)).status).toBe(200);
  });
});

describe('the local API refuses the same input', () => {
  let client: ContactsClient;
  beforeAll(async () => {
    client = await openContacts({ name: 'contacts-malicious', indexedDB: new IDBFactory(), IDBKeyRange, sync: 'off' });
  });
  afterAll(async () => { await client.destroy(); });

  it('1 MiB strings and deep nesting: 400 INVALID_ARGUMENT, nothing stored', async () => {
    const inputs: unknown[] = [
      { name: { first: big } },
      { name: { first: 'A' }, extendedFields: { items: { 'custom.note': big } } },
      { name: { first: 'A' }, extendedFields: { items: { 'custom.deep': JSON.parse(nested(5000)) as unknown } } },
      JSON.parse(`{"name":{"first":"A"},"company":${nested(2000)}}`) as unknown,
    ];
    for (const info of inputs) {
      await expect(client.createContact(info as ContactInfo)).rejects.toMatchObject({ status: 400 });
    }
    expect((await client.queryContacts().find()).items).toEqual([]);
  });

  it('prototype-pollution keys are refused or dropped, on create and update', async () => {
    const { contact } = await client.createContact({ name: { first: 'Safe' } });
    for (const body of POLLUTING) {
      const info = (JSON.parse(body) as { info?: unknown }).info ?? {};
      for (const write of [
        () => client.createContact(info),
        async () => client.updateContact(contact._id, info, (await client.getContact(contact._id)).revision),
      ]) {
        try {
          const { contact: stored } = await write();
          expect(JSON.stringify(stored), body).not.toContain('polluted');
        } catch (e) {
          expect(e, body).toMatchObject({ status: 400 });
        }
        unpolluted();
      }
    }
    for (const c of (await client.queryContacts().find()).items) expect(JSON.stringify(c)).not.toContain('polluted');
  });
});
