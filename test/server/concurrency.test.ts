/** Optimistic concurrency: the revision check is one conditional UPDATE, also under load. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, createContact, errorData, startTestServer, type TestServer } from './support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

describe('concurrent PATCHes', () => {
  it('50 PATCHes with the same revision: exactly one 200, 49 x 409 CONTACT_ALREADY_CHANGED, revision + 1', async () => {
    const c = await createContact(t, { name: { first: 'Race' } });
    const path = `/contacts/v4/contacts/${String(c['id'])}`;
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      t.call('PATCH', path, { body: { revision: 1, info: { company: `Writer ${i}` } } })));
    const ok = answers.filter((a) => a.status === 200);
    const conflicts = answers.filter((a) => a.status === 409);
    expect(ok.length).toBe(1);
    expect(conflicts.length).toBe(49);
    for (const a of conflicts) expect(at(a.body, 'details', 'applicationError', 'code')).toBe('CONTACT_ALREADY_CHANGED');
    expect(errorData(conflicts[0]!)['currentRevision']).toBe(2);
    const now = await t.call('GET', path);
    expect(at(now.body, 'contact', 'revision')).toBe(2);
    expect(at(now.body, 'contact', 'info', 'company')).toBe(at(ok[0]?.body, 'contact', 'info', 'company'));
  });

  it('many clients on many contacts: every write lands once, in order, with distinct change sequence numbers', async () => {
    const ids = await Promise.all(Array.from({ length: 8 }, async (_, i) => String((await createContact(t, { name: { first: `C${i}` } }))['id'])));
    const before = String(at((await t.call('GET', '/contacts/v4/changes?limit=1000')).body, 'cursor'));
    await Promise.all(ids.map(async (id) => {
      for (let revision = 1; revision <= 6; revision++) {
        const res = await t.call('PATCH', `/contacts/v4/contacts/${id}`, { body: { revision, info: { jobTitle: `v${revision}` } } });
        expect(res.status, res.text).toBe(200);
        expect(at(res.body, 'contact', 'revision')).toBe(revision + 1);
      }
    }));
    for (const id of ids) {
      const res = await t.call('GET', `/contacts/v4/contacts/${id}`);
      expect(at(res.body, 'contact', 'revision')).toBe(7);
      expect(at(res.body, 'contact', 'info', 'jobTitle')).toBe('v6');
    }
    const feed = await t.call('GET', `/contacts/v4/changes?cursor=${before}&limit=1000`);
    expect((at(feed.body, 'changes') as unknown[]).length).toBe(8);
  });

  it('concurrent label calls on one contact all apply (they retry against each other)', async () => {
    const keys: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await t.call('POST', '/contacts/v4/labels', { body: { displayName: `con${i}` } });
      keys.push(String(at(res.body, 'label', 'key')));
    }
    const c = await createContact(t, { name: { first: 'Labels' } });
    const path = `/contacts/v4/contacts/${String(c['id'])}`;
    const answers = await Promise.all(keys.map((k) => t.call('POST', `${path}/labels`, { body: { labelKeys: [k] } })));
    expect(answers.map((a) => a.status)).toEqual(keys.map(() => 200));
    const now = await t.call('GET', path);
    expect(new Set(at(now.body, 'contact', 'info', 'labelKeys', 'items') as string[])).toEqual(new Set(keys));
    expect(at(now.body, 'contact', 'revision')).toBe(1 + keys.length);
  });

  it('a PATCH racing a DELETE ends as 200 then gone, or 404', async () => {
    const c = await createContact(t, { name: { first: 'Doomed' } });
    const path = `/contacts/v4/contacts/${String(c['id'])}`;
    const [patch, del] = await Promise.all([
      t.call('PATCH', path, { body: { revision: 1, info: { company: 'X' } } }),
      t.call('DELETE', path),
    ]);
    expect(del.status).toBe(200);
    expect([200, 404]).toContain(patch.status);
    expect((await t.call('GET', path)).status).toBe(404);
  });
});

describe('concurrent writes of one email (the duplicate check is a read before the write)', () => {
  const email = (n: number) => ({ emails: { items: [{ email: `same${n}@example.com` }] } });

  it('20 creates with the same primary email at once, with and without Idempotency-Key: exactly one 200, the rest 409 DUPLICATE_CONTACT_EXISTS', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => t.call('POST', '/contacts/v4/contacts', {
      body: { info: { name: { first: `Racer ${i}` }, ...email(1) } },
      ...(i % 2 === 0 ? { headers: { 'idempotency-key': `race-${i}` } } : {}),
    })));
    expect(answers.filter((a) => a.status === 200).length).toBe(1);
    const refused = answers.filter((a) => a.status !== 200);
    for (const a of refused) expect(at(a.body, 'details', 'applicationError', 'code')).toBe('DUPLICATE_CONTACT_EXISTS');
    const found = await t.call('POST', '/contacts/v4/contacts/query', { body: { query: { filter: { 'info.emails.email': 'same1@example.com' } } } });
    expect((at(found.body, 'contacts') as unknown[]).length).toBe(1);
  });

  it('10 updates giving 10 contacts the same email at once: exactly one lands', async () => {
    const ids = await Promise.all(Array.from({ length: 10 }, async (_, i) => String((await createContact(t, { name: { first: `U${i}` } }))['id'])));
    const answers = await Promise.all(ids.map((id) =>
      t.call('PATCH', `/contacts/v4/contacts/${id}`, { body: { revision: 1, info: email(2) } })));
    expect(answers.map((a) => a.status).filter((s) => s === 200).length).toBe(1);
    for (const a of answers.filter((x) => x.status !== 200)) {
      expect(at(a.body, 'details', 'applicationError', 'code')).toBe('DUPLICATE_CONTACT_EXISTS');
    }
  });

  it('a create and updates racing for one email: one contact ends up with it', async () => {
    const ids = await Promise.all(Array.from({ length: 5 }, async (_, i) => String((await createContact(t, { name: { first: `M${i}` } }))['id'])));
    const answers = await Promise.all([
      ...ids.map((id) => t.call('PATCH', `/contacts/v4/contacts/${id}`, { body: { revision: 1, info: email(3) } })),
      ...[0, 1, 2].map(() => t.call('POST', '/contacts/v4/contacts', { body: { info: email(3) } })),
    ]);
    expect(answers.filter((a) => a.status === 200).length).toBe(1);
  });

  it("'any' email mode: contacts sharing only a secondary email are serialised too", async () => {
    const anyMode = await startTestServer({ duplicateEmailMode: 'any' });
    try {
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => anyMode.call('POST', '/contacts/v4/contacts', {
        body: { info: { emails: { items: [{ email: `own${i}@example.com` }, { email: 'shared@example.com' }] } } },
      })));
      expect(answers.filter((a) => a.status === 200).length).toBe(1);
    } finally {
      await anyMode.close();
    }
  });
});
