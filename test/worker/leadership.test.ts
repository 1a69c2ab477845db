/**
 * Two tabs of one profile (two clients on one fake-indexeddb factory): one engine syncs,
 * the other follows; the follower takes over when the leader goes; a stalled leader is
 * fenced by the epoch and can no longer commit.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContacts } from '../../src/client/open-contacts.js';
import type { ContactsClient } from '../../src/client/types.js';
import { ContactsDb } from '../../src/store/schema.js';
import type { RunningServer } from '../../server/index.js';
import { fenceFor, readEpoch, takeLeadership } from '../../worker/fence.js';
import { FaultyFetch } from '../support/faulty-fetch.js';
import { eventually, freshToken, person, serverContacts, startTestServer } from '../support/sync-harness.js';

let server: RunningServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.close(); });

function tab(factory: IDBFactory, token: string, net: FaultyFetch): Promise<ContactsClient> {
  return openContacts({
    name: 'contacts', indexedDB: factory, IDBKeyRange, sync: 'inline',
    remote: { baseUrl: server.url, auth: () => ({ Authorization: `Bearer ${token}` }), fetch: net.fetch },
  });
}

describe('leadership', () => {
  it('only one tab sends requests; the other takes over when it closes; syncNow on a follower goes to the leader', async () => {
    const factory = new IDBFactory();
    const token = freshToken();
    const net1 = new FaultyFetch();
    const net2 = new FaultyFetch();
    const first = await tab(factory, token, net1);
    await first.sync.syncNow();
    const second = await tab(factory, token, net2);
    await second.createContact(person('FromSecond'));
    await second.sync.syncNow(); // forwarded to the leader (first)
    expect((await serverContacts(server, token)).size).toBe(1);
    expect(net2.log).toEqual([]);
    expect(net1.log.length).toBeGreaterThan(0);
    await first.close();
    await second.createContact(person('AfterClose'));
    await eventually(async () => (await serverContacts(server, token)).size === 2);
    expect(net2.log.length).toBeGreaterThan(0);
    await second.destroy();
  });

  it('an edit in one tab reaches the leader in the other without a call', async () => {
    const factory = new IDBFactory();
    const token = freshToken();
    const leader = await tab(factory, token, new FaultyFetch());
    await leader.sync.syncNow();
    const follower = await tab(factory, token, new FaultyFetch());
    await follower.createContact(person('Quiet'));
    await eventually(async () => (await serverContacts(server, token)).size === 1);
    await follower.close();
    await leader.destroy();
  });

  it('a fenced engine cannot commit after another took leadership', async () => {
    const db = new ContactsDb('fence-test', { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.open();
    const stale = await takeLeadership(db);
    const fresh = await takeLeadership(db);
    expect(fresh.epoch).toBe(stale.epoch + 1);
    expect(await readEpoch(db)).toBe(fresh.epoch);
    await expect(db.transaction('rw', db.meta, () => stale.check(db))).rejects.toMatchObject({ code: 'NOT_LEADER' });
    await expect(db.transaction('rw', db.meta, () => fresh.check(db))).resolves.toBeUndefined();
    await expect(db.transaction('rw', db.meta, () => fenceFor(99).check(db))).rejects.toMatchObject({ code: 'NOT_LEADER' });
    db.close();
  });
});

describe('a stalled leader', () => {
  it('is detected by its stale heartbeat, replaced, and fenced out of every later commit', async () => {
    const { createEngine } = await import('../../worker/create-engine.js');
    const { createHttpRemote } = await import('../../src/remote/http-remote.js');
    const { LEADERSHIP_TIMING } = await import('../../worker/leadership.js');
    const { ManualNetworkSignals } = await import('../../src/platform/network-signals.js');
    const factory = new IDBFactory();
    const token = freshToken();
    let now = Date.now();
    const clock = { setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms / 100), clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout), random: () => 0.5 };
    const real = createHttpRemote({ baseUrl: server.url, auth: () => ({ Authorization: `Bearer ${token}` }) });
    // The first leader's network hangs on the change feed: it holds the lock and makes no progress.
    let releaseHung!: () => void;
    const hung = new Promise<void>((r) => { releaseHung = r; });
    const stuckRemote = { ...real, changes: async (...args: Parameters<typeof real.changes>) => { await hung; return real.changes(...args); } };
    const deps = { indexedDB: factory, IDBKeyRange };
    const first = await createEngine({ name: 'contacts', deps, remote: stuckRemote, policy: 'local', onStatus: () => undefined, now: () => now, clock, signals: new ManualNetworkSignals() });
    await eventually(() => first.isLeader());
    const second = await createEngine({ name: 'contacts', deps, remote: real, policy: 'local', onStatus: () => undefined, now: () => now, clock, signals: new ManualNetworkSignals() });
    expect(second.isLeader()).toBe(false);
    // Time passes (the clock runs 100x faster for timers); the heartbeat of the stuck leader goes stale.
    now += LEADERSHIP_TIMING.stallMs + LEADERSHIP_TIMING.watchMs * 2;
    await eventually(() => second.isLeader(), 5_000);
    // The stuck round wakes up: its pull commit is refused (NOT_LEADER), which is the only
    // thing that makes an engine give up leadership while it runs.
    releaseHung();
    await eventually(() => !first.isLeader(), 5_000);
    const db = new ContactsDb('contacts', deps);
    await db.open();
    expect(await readEpoch(db)).toBe(2);
    db.close();
    await second.syncNow();
    await first.syncNow(); // a follower's syncNow is answered by the new leader
    await first.stop();
    await second.stop();
  });
});

describe('a PATCH of a stalled leader still on its way', () => {
  it('cannot bring back what the user undid after another engine took over', async () => {
    const { createEngine } = await import('../../worker/create-engine.js');
    const { createHttpRemote } = await import('../../src/remote/http-remote.js');
    const { LEADERSHIP_TIMING } = await import('../../worker/leadership.js');
    const { ManualNetworkSignals } = await import('../../src/platform/network-signals.js');
    const { ContactStore } = await import('../../src/store/contact-store.js');
    const factory = new IDBFactory();
    const token = freshToken();
    let now = Date.now();
    const clock = { setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms / 100), clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout), random: () => 0.5 };
    const real = createHttpRemote({ baseUrl: server.url, auth: () => ({ Authorization: `Bearer ${token}` }) });
    const created = await real.createContact(person('Frozen'), { idempotencyKey: crypto.randomUUID() });
    // The first leader's PATCH leaves (it is recorded as sent) and hangs on the way: the tab froze.
    let patchOut!: () => void;
    const sent = new Promise<void>((r) => { patchOut = r; });
    let landed!: () => void;
    const arrived = new Promise<void>((r) => { landed = r; });
    let releasePatch!: () => void;
    const hung = new Promise<void>((r) => { releasePatch = r; });
    const frozenRemote = {
      ...real,
      updateContact: async (...args: Parameters<typeof real.updateContact>) => {
        patchOut();
        await hung;
        try {
          return await real.updateContact(...args);
        } finally {
          landed();
        }
      },
    };
    const deps = { indexedDB: factory, IDBKeyRange };
    const common = { name: 'contacts', deps, policy: 'local' as const, onStatus: () => undefined, now: () => now, clock };
    const first = await createEngine({ ...common, remote: frozenRemote, signals: new ManualNetworkSignals() });
    await eventually(() => first.isLeader());
    await first.syncNow();
    const db = new ContactsDb('contacts', deps);
    await db.open();
    const store = new ContactStore(db, { queueMutations: true });
    await store.labelContact(created._id, ['custom.vip']);
    const stuck = first.syncNow().catch(() => undefined);
    await sent;
    // The user takes the label off again: nothing differs from the base any more.
    await store.unlabelContact(created._id, ['custom.vip']);
    const second = await createEngine({ ...common, remote: real, signals: new ManualNetworkSignals() });
    now += LEADERSHIP_TIMING.stallMs + LEADERSHIP_TIMING.watchMs * 2;
    await eventually(() => second.isLeader(), 5_000);
    await second.syncNow();
    // Only now does the frozen tab's PATCH reach the server.
    releasePatch();
    await arrived;
    await stuck;
    await second.syncNow();
    expect((await serverContacts(server, token)).get(created._id)?.info.labelKeys?.items ?? []).toEqual([]);
    expect((await store.getContact(created._id)).info.labelKeys?.items ?? []).toEqual([]);
    expect(await db.outbox.count()).toBe(0);
    db.close();
    await first.stop();
    await second.stop();
  });
});
