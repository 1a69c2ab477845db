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
