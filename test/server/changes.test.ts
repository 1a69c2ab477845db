/** The change feed: latest state per contact or its tombstone, in sequence order, paged by an opaque cursor. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, createContact, expectEnvelope, startTestServer, type TestServer } from './support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

interface Page {
  changes: ({ contact: { id: string; revision: number; info: Record<string, unknown> } } | { deletedId: string })[];
  cursor: string;
  hasMore: boolean;
  remaining: number;
}

async function page(cursor?: string, limit?: number): Promise<Page> {
  const q = new URLSearchParams();
  if (cursor !== undefined) q.set('cursor', cursor);
  if (limit !== undefined) q.set('limit', String(limit));
  const res = await t.call('GET', `/contacts/v4/changes?${q.toString()}`);
  expect(res.status, res.text).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return res.body as Page;
}

const idOf = (e: Page['changes'][number]): string => ('deletedId' in e ? `-${e.deletedId}` : e.contact.id);

describe('change feed', () => {
  it('starts empty, then lists each contact once with its latest state, in change order', async () => {
    const empty = await page();
    expect(empty).toEqual({ changes: [], cursor: '0', hasMore: false, remaining: 0 });
    const a = await createContact(t, { name: { first: 'A' } });
    const b = await createContact(t, { name: { first: 'B' } });
    const c = await createContact(t, { name: { first: 'C' } });
    const patched = await t.call('PATCH', `/contacts/v4/contacts/${String(a['id'])}`, { body: { revision: 1, info: { company: 'Later' } } });
    expect(patched.status).toBe(200);
    const all = await page();
    expect(all.changes.map(idOf)).toEqual([b['id'], c['id'], a['id']]);
    const latestA = all.changes[2];
    expect(latestA !== undefined && 'contact' in latestA ? latestA.contact.revision : 0).toBe(2);
    expect(all.hasMore).toBe(false);
    const after = await page(all.cursor);
    expect(after.changes).toEqual([]);
    expect(after.cursor).toBe(all.cursor);
  });

  it('pages with limit, hasMore and remaining; the cursor resumes exactly', async () => {
    const start = (await page()).cursor;
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push(String((await createContact(t, { name: { first: `P${i}` } }))['id']));
    const first = await page(start, 2);
    expect(first.changes.map(idOf)).toEqual(made.slice(0, 2));
    expect(first).toMatchObject({ hasMore: true, remaining: 3 });
    const second = await page(first.cursor, 2);
    expect(second.changes.map(idOf)).toEqual(made.slice(2, 4));
    expect(second).toMatchObject({ hasMore: true, remaining: 1 });
    const third = await page(second.cursor, 2);
    expect(third.changes.map(idOf)).toEqual(made.slice(4));
    expect(third).toMatchObject({ hasMore: false, remaining: 0 });
  });

  it('deletes leave tombstones; a contact created and deleted after the cursor appears as a tombstone only', async () => {
    const cursor = (await page()).cursor;
    const keep = await createContact(t, { name: { first: 'Keep' } });
    const gone = await createContact(t, { name: { first: 'Gone' } });
    expect((await t.call('DELETE', `/contacts/v4/contacts/${String(gone['id'])}`)).status).toBe(200);
    const feed = await page(cursor);
    expect(feed.changes.map(idOf)).toEqual([keep['id'], `-${String(gone['id'])}`]);
    expect(feed.changes[1]).toEqual({ deletedId: gone['id'] });
    const changed = await createContact(t, { name: { first: 'Changed' } });
    const mid = (await page()).cursor;
    await t.call('DELETE', `/contacts/v4/contacts/${String(changed['id'])}`);
    expect((await page(mid)).changes).toEqual([{ deletedId: changed['id'] }]);
  });

  it('label changes and member links appear in the feed; a no-op label call does not', async () => {
    await t.call('POST', '/contacts/v4/labels', { body: { displayName: 'feed' } });
    const c = await createContact(t, { name: { first: 'Feed' }, emails: { items: [{ email: 'feed@example.com' }] } });
    const before = (await page()).cursor;
    await t.call('POST', `/contacts/v4/contacts/${String(c['id'])}/labels`, { body: { labelKeys: ['custom.feed'] } });
    const labelled = await page(before);
    expect(labelled.changes.map(idOf)).toEqual([c['id']]);
    await t.call('POST', `/contacts/v4/contacts/${String(c['id'])}/labels`, { body: { labelKeys: ['custom.feed'] } });
    expect((await page(labelled.cursor)).changes).toEqual([]);
    await t.server.seedMember(t.tenantA, String(c['id']));
    const member = await page(labelled.cursor);
    expect(at(member.changes[0], 'contact', 'memberInfo', 'status')).toBe('ACTIVE');
  });

  it('refuses cursors it did not issue and limits outside 1..1000', async () => {
    for (const cursor of ['abc', '-1', '1.5', '01', '9'.repeat(20)]) {
      expectEnvelope(await t.call('GET', `/contacts/v4/changes?cursor=${cursor}`), 400, 'INVALID_ARGUMENT');
    }
    for (const limit of ['0', '1001', 'ten']) {
      expectEnvelope(await t.call('GET', `/contacts/v4/changes?limit=${limit}`), 400, 'INVALID_ARGUMENT');
    }
    expect((await t.call('GET', '/contacts/v4/changes?limit=1000')).status).toBe(200);
  });
});
