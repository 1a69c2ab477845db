/** The tenant comes only from the token: tenant B's token on tenant A's ids finds nothing and changes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, createContact, expectEnvelope, startTestServer, type TestServer } from './support/test-server.js';

let t: TestServer;
let id: string;
beforeAll(async () => {
  t = await startTestServer();
  const label = await t.call('POST', '/contacts/v4/labels', { body: { displayName: 'Secret' } });
  expect(label.status).toBe(200);
  const c = await createContact(t, {
    name: { first: 'Alice', last: 'Tenant-A' }, emails: { items: [{ email: 'alice@a.example' }] },
    labelKeys: { items: ['custom.secret'] },
  });
  id = String(c['id']);
  await t.server.seedMember(t.tenantA, id);
});
afterAll(async () => {
  await t.close();
});

const asB = (): { token: string } => ({ token: t.tokenB });

describe('tenant B with tenant A ids', () => {
  it('GET, PATCH, DELETE, label and unlabel answer 404 CONTACT_NOT_FOUND', async () => {
    const path = `/contacts/v4/contacts/${id}`;
    expectEnvelope(await t.call('GET', path, asB()), 404, 'CONTACT_NOT_FOUND');
    expectEnvelope(await t.call('GET', `/_api${path}`, asB()), 404, 'CONTACT_NOT_FOUND');
    expectEnvelope(await t.call('PATCH', path, { ...asB(), body: { revision: 2, info: { company: 'Mine' } } }), 404, 'CONTACT_NOT_FOUND');
    expectEnvelope(await t.call('DELETE', path, asB()), 404, 'CONTACT_NOT_FOUND');
    expectEnvelope(await t.call('DELETE', `${path}/labels?labelKeys=custom.secret`, asB()), 404, 'CONTACT_NOT_FOUND');
    await t.call('POST', '/contacts/v4/labels', { ...asB(), body: { displayName: 'Secret' } });
    expectEnvelope(await t.call('POST', `${path}/labels`, { ...asB(), body: { labelKeys: ['custom.secret'] } }), 404, 'CONTACT_NOT_FOUND');
  });

  it('list, query and the change feed are empty; labels are tenant B\'s own', async () => {
    const list = await t.call('GET', '/contacts/v4/contacts', asB());
    expect(at(list.body, 'contacts')).toEqual([]);
    expect(at(list.body, 'pagingMetadata', 'total')).toBe(0);
    const query = await t.call('POST', '/contacts/v4/contacts/query', { ...asB(), body: { query: { filter: { id } } } });
    expect(at(query.body, 'contacts')).toEqual([]);
    const byEmail = await t.call('POST', '/contacts/v4/contacts/query', {
      ...asB(), body: { query: { filter: { 'primaryInfo.email': 'alice@a.example' } } },
    });
    expect(at(byEmail.body, 'contacts')).toEqual([]);
    const feed = await t.call('GET', '/contacts/v4/changes', asB());
    expect(at(feed.body, 'changes')).toEqual([]);
    const labels = await t.call('GET', '/contacts/v4/labels', asB());
    expect((at(labels.body, 'labels') as unknown[]).length).toBe(1);
  });

  it('tenant B may reuse tenant A\'s email without a duplicate error', async () => {
    const res = await t.call('POST', '/contacts/v4/contacts', {
      ...asB(), body: { info: { emails: { items: [{ email: 'alice@a.example' }] } } },
    });
    expect(res.status).toBe(200);
  });

  it('tenant A still has its contact, unchanged', async () => {
    const res = await t.call('GET', `/contacts/v4/contacts/${id}`);
    expect(at(res.body, 'contact', 'info', 'name', 'first')).toBe('Alice');
    expect(at(res.body, 'contact', 'info', 'labelKeys', 'items')).toEqual(['custom.secret']);
    const feed = await t.call('GET', '/contacts/v4/changes');
    expect((at(feed.body, 'changes') as unknown[]).length).toBe(1);
  });
});
