/**
 * The pull side: local revisions, progress of a long first pull, cursor resumption, and a
 * pulled contact stored once (its row stands for its base until it is edited here).
 */
import { IDBKeyRange } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src/model/sync-status.js';
import { ContactsDb } from '../../src/store/schema.js';
import type { RunningServer } from '../../server/index.js';
import { ENGINE_LIMITS } from '../../worker/engine-deps.js';
import { expectConverged, freshToken, openDevice, person, serverApi, startTestServer, type Device } from '../support/sync-harness.js';

let server: RunningServer;
const devices: Device[] = [];
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.close(); });
afterEach(async () => { for (const d of devices.splice(0)) await d.client.destroy(); });

describe('pull', () => {
  it("a contact's local revision goes up by one exactly when its local copy changes", async () => {
    const token = freshToken();
    const d = await openDevice(server, { token, paused: true });
    devices.push(d);
    const api = serverApi(server, token);
    const c = await api.createContact(person('Rev'), { idempotencyKey: crypto.randomUUID() });
    await d.client.sync.syncNow();
    const first = await d.client.getContact(c._id);
    expect(first.revision).toBe(1);
    await api.updateContact(c._id, { company: 'Changed' }, c.revision);
    await d.client.sync.syncNow();
    expect((await d.client.getContact(c._id)).revision).toBe(2);
    await d.client.sync.syncNow(); // nothing new on the server
    expect((await d.client.getContact(c._id)).revision).toBe(2);
    const { contact } = await d.client.updateContact(c._id, { jobTitle: 'Local' }, 2);
    expect(contact.revision).toBe(3);
    await d.client.sync.syncNow(); // our own edit acknowledged: what we show does not change
    expect((await d.client.getContact(c._id)).revision).toBe(3);
    await expectConverged(server, [d], token);
  });

  it('reports progress while a long first pull runs, and resumes from the stored cursor', async () => {
    const token = freshToken();
    const api = serverApi(server, token);
    const total = ENGINE_LIMITS.pullPageSize * 2 + 50;
    const ids = Array.from({ length: total }, (_, i) => i);
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < ids.length) {
        const i = next++;
        await api.createContact(person(`P${i}`), { idempotencyKey: crypto.randomUUID() });
      }
    }));
    const d = await openDevice(server, { token, paused: true });
    devices.push(d);
    const seen: SyncStatus[] = [];
    const sub = d.client.sync.status$.subscribe((s) => seen.push(s));
    // The second page's request fails: the first page must stay applied, with its cursor.
    d.net.inject({ kind: 'drop' }, { path: '/contacts/v4/changes?' });
    d.net.inject({ kind: 'delay', ms: 0 }, { path: '/contacts/v4/changes?' });
    d.net.inject({ kind: 'drop' }, { path: '/contacts/v4/changes?' });
    await expect(d.client.sync.syncNow()).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    await expect(d.client.sync.syncNow()).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect((await d.client.queryContacts().limit(1000).find()).totalCount).toBe(ENGINE_LIMITS.pullPageSize);
    await d.client.sync.syncNow();
    sub.unsubscribe();
    const progress = seen.flatMap((s) => (s.progress ? [s.progress] : []));
    expect(progress.length).toBeGreaterThan(0);
    // The interrupted pull saw the whole feed ahead; the resumed one only what was left.
    expect(progress).toContainEqual({ pulled: ENGINE_LIMITS.pullPageSize, total: ENGINE_LIMITS.pullPageSize * 2 + 50 });
    expect(progress.at(-1)).toEqual({ pulled: ENGINE_LIMITS.pullPageSize, total: ENGINE_LIMITS.pullPageSize + 50 });
    expect(seen.at(-1)?.progress).toBeUndefined();
    const cursorRequests = d.net.log.filter((r) => r.url.includes('/changes?') && r.url.includes('cursor='));
    expect(cursorRequests.length).toBeGreaterThan(0);
    await expectConverged(server, [d], token);
  }, 90_000); // 1,050 contacts through the real server: 8 s on a quiet machine, 26 s on a loaded one

  it('stores a pulled contact once, stores its base when it is edited here, and pushes only the edit', async () => {
    const token = freshToken();
    const api = serverApi(server, token);
    const [a, b, c] = await Promise.all(['A', 'B', 'C'].map((n) => api.createContact({ ...person(n), company: `Co ${n}` }, { idempotencyKey: crypto.randomUUID() })));
    if (a === undefined || b === undefined || c === undefined) throw new Error('not created');
    const d = await openDevice(server, { token, paused: true });
    devices.push(d);
    const db = new ContactsDb('contacts', { indexedDB: d.factory, IDBKeyRange });
    await db.open();
    try {
      await d.client.sync.syncNow();
      // Rows only, each marked with the server revision it is a copy of.
      expect(await db.bases.count()).toBe(0);
      expect((await db.contacts.toArray()).map((r) => r.s).sort()).toEqual([a.revision, b.revision, c.revision].sort());
      // Another app changes A meanwhile; this device edits A's job title without having seen it.
      const moved = await api.updateContact(a._id, { company: 'Co A2' }, a.revision);
      await d.client.updateContact(a._id, { jobTitle: 'Edited here' }, 1);
      expect((await db.bases.get(a._id))?.contact).toEqual(a);
      // The server changes B: the pull moves B's mark along, still with no base row.
      const bMoved = await api.updateContact(b._id, { company: 'Co B2' }, b.revision);
      await d.client.sync.syncNow();
      const serverA = await api.getContact(a._id);
      // Only the edit was sent (on A's base, merged past the other app's change): nothing of it undone.
      expect(serverA.info.jobTitle).toBe('Edited here');
      expect(serverA.info.company).toBe('Co A2');
      expect(serverA.revision).toBe(moved.revision + 1);
      expect((await db.bases.get(a._id))?.serverRevision).toBe(serverA.revision);
      expect((await db.contacts.get(a._id))?.s).toBeUndefined();
      expect(await db.bases.get(b._id)).toBeUndefined();
      expect((await db.contacts.get(b._id))?.s).toBe(bMoved.revision);
      // A clean contact deleted there goes here, with nothing left of it.
      await api.deleteContact(c._id);
      await d.client.sync.syncNow();
      expect(await db.contacts.get(c._id)).toBeUndefined();
      expect(await db.bases.get(c._id)).toBeUndefined();
      await expectConverged(server, [d], token);
    } finally {
      db.close();
    }
  });
});
