/** Labels: find-or-create, list, get; label/unlabel; only existing keys are accepted. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, createContact, errorData, expectEnvelope, startTestServer, type TestServer } from './support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

async function label(displayName: string): Promise<{ key: string; newLabel: boolean }> {
  const res = await t.call('POST', '/contacts/v4/labels', { body: { displayName } });
  expect(res.status, res.text).toBe(200);
  return { key: String(at(res.body, 'label', 'key')), newLabel: at(res.body, 'newLabel') === true };
}

describe('labels API', () => {
  it('finds or creates custom.<slug> labels', async () => {
    const res = await t.call('POST', '/contacts/v4/labels', { body: { displayName: 'VIP Customers', language: 'en' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      label: { key: 'custom.vip-customers', displayName: 'VIP Customers', labelType: 'USER_DEFINED' }, newLabel: true,
    });
    expect(await label('VIP Customers')).toEqual({ key: 'custom.vip-customers', newLabel: false });
    expect(await label('vip-customers')).toEqual({ key: 'custom.vip-customers', newLabel: false });
  });

  it('maps a slug to itself (the sync engine asks for custom.<slug> by its slug)', async () => {
    for (const slug of ['lead-2024', 'cold_list', 'x9']) expect((await label(slug)).key).toBe(`custom.${slug}`);
  });

  it('gives names without Latin letters a stable key', async () => {
    const a = await label('לקוחות');
    expect(a.key).toMatch(/^custom\.label-[0-9a-f]{12}$/);
    expect(await label('לקוחות')).toEqual({ key: a.key, newLabel: false });
  });

  it('lists with paging and gets by key', async () => {
    const list = await t.call('GET', '/contacts/v4/labels?paging.limit=2');
    expect((at(list.body, 'labels') as unknown[]).length).toBe(2);
    expect(at(list.body, 'pagingMetadata')).toMatchObject({ count: 2, offset: 0, total: 5 });
    const one = await t.call('GET', '/contacts/v4/labels/custom.vip-customers');
    expect(at(one.body, 'label', 'displayName')).toBe('VIP Customers');
    expectEnvelope(await t.call('GET', '/contacts/v4/labels/custom.nope'), 404, 'NOT_FOUND');
  });

  it('refuses an empty or oversized display name', async () => {
    expectEnvelope(await t.call('POST', '/contacts/v4/labels', { body: { displayName: '  ' } }), 400, 'INVALID_ARGUMENT');
    expectEnvelope(await t.call('POST', '/contacts/v4/labels', { body: { displayName: 'x'.repeat(201) } }), 400, 'INVALID_ARGUMENT');
    expectEnvelope(await t.call('POST', '/contacts/v4/labels', { body: {} }), 400, 'INVALID_ARGUMENT');
  });
});

describe('labelling contacts', () => {
  it('label and unlabel: idempotent, +1 revision per change, none for a no-op', async () => {
    const gold = (await label('Gold')).key;
    const silver = (await label('Silver')).key;
    const c = await createContact(t, { name: { first: 'Lab' } });
    const path = `/contacts/v4/contacts/${String(c['id'])}/labels`;
    const a = await t.call('POST', path, { body: { labelKeys: [gold, silver, gold] } });
    expect(at(a.body, 'contact', 'info', 'labelKeys', 'items')).toEqual([gold, silver]);
    expect(at(a.body, 'contact', 'revision')).toBe(2);
    const again = await t.call('POST', path, { body: { labelKeys: [gold] } });
    expect(at(again.body, 'contact', 'revision')).toBe(2);
    const removed = await t.call('DELETE', `${path}?labelKeys=${gold}&labelKeys=custom.never-there`);
    expect(removed.status).toBe(200);
    expect(at(removed.body, 'contact', 'info', 'labelKeys', 'items')).toEqual([silver]);
    expect(at(removed.body, 'contact', 'revision')).toBe(3);
    const noop = await t.call('DELETE', `${path}?labelKeys=${gold}`);
    expect(at(noop.body, 'contact', 'revision')).toBe(3);
    const last = await t.call('DELETE', `${path}?labelKeys=${silver}`);
    expect(at(last.body, 'contact', 'info', 'labelKeys')).toBeUndefined();
    expect(at(last.body, 'contact', 'revision')).toBe(4);
  });

  it('400 LABEL_NOT_FOUND for unknown keys, in label calls and in info.labelKeys', async () => {
    const c = await createContact(t, { name: { first: 'Unknown' } });
    const res = await t.call('POST', `/contacts/v4/contacts/${String(c['id'])}/labels`, { body: { labelKeys: ['custom.gold', 'custom.ghost'] } });
    expectEnvelope(res, 400, 'LABEL_NOT_FOUND');
    expect(errorData(res)['labelKeys']).toEqual(['custom.ghost']);
    const create = await t.call('POST', '/contacts/v4/contacts', { body: { info: { name: { first: 'X' }, labelKeys: { items: ['custom.ghost'] } } } });
    expectEnvelope(create, 400, 'LABEL_NOT_FOUND');
    const patch = await t.call('PATCH', `/contacts/v4/contacts/${String(c['id'])}`, {
      body: { revision: 1, info: { labelKeys: { items: ['custom.gold', 'custom.ghost2'] } } },
    });
    expectEnvelope(patch, 400, 'LABEL_NOT_FOUND');
    expect(errorData(patch)['labelKeys']).toEqual(['custom.ghost2']);
    const ok = await t.call('PATCH', `/contacts/v4/contacts/${String(c['id'])}`, { body: { revision: 1, info: { labelKeys: { items: ['custom.gold'] } } } });
    expect(ok.status).toBe(200);
  });

  it('validates label keys: 1..100 well-formed keys', async () => {
    const c = await createContact(t, { name: { first: 'Keys' } });
    const path = `/contacts/v4/contacts/${String(c['id'])}/labels`;
    expectEnvelope(await t.call('POST', path, { body: { labelKeys: [] } }), 400, 'INVALID_ARGUMENT');
    expectEnvelope(await t.call('POST', path, { body: { labelKeys: ['no dots here'] } }), 400, 'INVALID_ARGUMENT');
    expectEnvelope(await t.call('POST', path, { body: { labelKeys: Array.from({ length: 101 }, (_, i) => `custom.k${i}`) } }), 400, 'INVALID_ARGUMENT');
    expectEnvelope(await t.call('DELETE', path), 400, 'INVALID_ARGUMENT');
    expectEnvelope(await t.call('POST', '/contacts/v4/contacts/00000000-0000-4000-8000-000000000000/labels', { body: { labelKeys: ['custom.gold'] } }),
      404, 'CONTACT_NOT_FOUND');
  });
});
