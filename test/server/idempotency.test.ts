/** Idempotency-Key on create: one contact per key, the same answer on every retry, scoped per tenant. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, expectEnvelope, startTestServer, type TestServer } from './support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

async function count(token?: string): Promise<number> {
  const res = await t.call('GET', '/contacts/v4/contacts?paging.limit=0', token === undefined ? {} : { token });
  return Number(at(res.body, 'pagingMetadata', 'total'));
}

const post = (key: string, body: unknown, token?: string) =>
  t.call('POST', '/contacts/v4/contacts', { body, headers: { 'idempotency-key': key }, ...(token === undefined ? {} : { token }) });

describe('Idempotency-Key', () => {
  it('the same key twice: one contact, the same status and body', async () => {
    const before = await count();
    const body = { info: { name: { first: 'Once' } } };
    const first = await post('key-1', body);
    const second = await post('key-1', { info: { name: { first: 'Once' } } });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.text).toBe(first.text);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await count()).toBe(before + 1);
  });

  it('key order and whitespace of the body do not matter', async () => {
    const first = await post('key-order', { allowDuplicates: false, info: { company: 'Acme', name: { first: 'Order' } } });
    const again = await t.call('POST', '/contacts/v4/contacts', {
      raw: '{ "info": { "name": { "first": "Order" }, "company": "Acme" }, "allowDuplicates": false }',
      headers: { 'idempotency-key': 'key-order', 'content-type': 'application/json' },
    });
    expect(again.status).toBe(200);
    expect(at(again.body, 'contact', 'id')).toBe(at(first.body, 'contact', 'id'));
  });

  it('the same key with another body: 409 IDEMPOTENCY_KEY_REUSED, nothing created', async () => {
    await post('key-2', { info: { name: { first: 'First' } } });
    const before = await count();
    expectEnvelope(await post('key-2', { info: { name: { first: 'Second' } } }), 409, 'IDEMPOTENCY_KEY_REUSED');
    expect(await count()).toBe(before);
  });

  it('a refused create is stored too: the retry gets the same refusal', async () => {
    const body = { info: { company: 'No name' } };
    const first = await post('key-3', body);
    expectEnvelope(first, 400, 'INSUFFICIENT_CONTACT_DATA');
    const second = await post('key-3', body);
    expect(second.status).toBe(400);
    expect(second.text).toBe(first.text);
    const dupA = await post('key-dup-a', { info: { emails: { items: [{ email: 'dup@example.com' }] } } });
    expect(dupA.status).toBe(200);
    const dupB = await post('key-dup-b', { info: { emails: { items: [{ email: 'dup@example.com' }] } } });
    expectEnvelope(dupB, 409, 'DUPLICATE_CONTACT_EXISTS');
    await t.call('DELETE', `/contacts/v4/contacts/${String(at(dupA.body, 'contact', 'id'))}`);
    // The original answer stands even though the duplicate is gone now.
    expect((await post('key-dup-b', { info: { emails: { items: [{ email: 'dup@example.com' }] } } })).text).toBe(dupB.text);
  });

  it('concurrent requests with one key make one contact', async () => {
    const before = await count();
    const body = { info: { name: { first: 'Racer' } } };
    const answers = await Promise.all(Array.from({ length: 10 }, () => post('key-race', body)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(new Set(answers.map((a) => at(a.body, 'contact', 'id'))).size).toBe(1);
    expect(await count()).toBe(before + 1);
  });

  it('keys are per tenant', async () => {
    const a = await post('shared-key', { info: { name: { first: 'A' } } });
    const b = await post('shared-key', { info: { name: { first: 'B' } } }, t.tokenB);
    expect(b.status).toBe(200);
    expect(at(b.body, 'contact', 'id')).not.toBe(at(a.body, 'contact', 'id'));
    expect(at(b.body, 'contact', 'info', 'name', 'first')).toBe('B');
  });

  it('refuses malformed keys', async () => {
    expectEnvelope(await post('', { info: { name: { first: 'K' } } }), 400, 'INVALID_ARGUMENT');
    expectEnvelope(await post('x'.repeat(256), { info: { name: { first: 'K' } } }), 400, 'INVALID_ARGUMENT');
    expectEnvelope(await post('has space', { info: { name: { first: 'K' } } }), 400, 'INVALID_ARGUMENT');
  });
});
