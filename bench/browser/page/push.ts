/**
 * The main thread while the worker syncs: a client syncing in its Worker (against the
 * reference server, same origin through the driver's proxy) pulls the 5,000 contacts the
 * driver put on the server, then pushes one edit of each. The page shows a live 50-row query
 * and the sync status, as an app does, and watches for long tasks (> 50 ms) and for the worst
 * lateness of a 5 ms timer while `syncNow()` drains. The driver reads the page's total
 * main-thread busy time over CDP around `pushDrain`.
 */
import type { Subscription } from 'rxjs';
import { openContacts, type ContactsClient } from '../../../src/index.js';
import { ContactsDb } from '../../../src/store/schema.js';
import type { PushPhaseResult, PushPrepareParams } from './bench-api.js';
import { ENGINE_LIMITS } from '../../../worker/engine-deps.js';
import { browserDeps } from './seed.js';

interface PushState {
  readonly client: ContactsClient;
  readonly name: string;
  readonly subscriptions: Subscription[];
  emissions: number;
  pending: number;
  edits: number;
}

let state: PushState | undefined;
const BATCH = 50;

async function inBatches<T>(items: readonly T[], op: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) await Promise.all(items.slice(i, i + BATCH).map(op));
}

/** Pauses the client's sync, then reads the first `n` rows of one table straight from its database. */
async function readPaused<T>(s: PushState, n: number, read: (db: ContactsDb) => Promise<T[]>): Promise<T[]> {
  s.client.sync.pause();
  const db = new ContactsDb(s.name, browserDeps());
  try {
    return (await read(db)).slice(0, n);
  } finally {
    db.close();
  }
}

async function open(round: number, token: string): Promise<PushState> {
  const name = `push-${round}`;
  await ContactsDb.delete(name);
  const client = await openContacts({ name, remote: { baseUrl: location.origin, auth: () => ({ Authorization: `Bearer ${token}` }) } });
  await client.sync.syncNow();
  const s: PushState = { client, name, subscriptions: [], emissions: 0, pending: 0, edits: 0 };
  // What an app keeps on screen while it syncs: a list and the sync badge.
  s.subscriptions.push(client.queryContacts().ascending('info.name.last').limit(50).observe().subscribe(() => { s.emissions++; }));
  s.subscriptions.push(client.sync.status$.subscribe((status) => { s.pending = status.pending; }));
  return s;
}

/**
 * Opens the client, or queues one edit of each of the first `edits` contacts (sync paused).
 *
 * @example
 * ```ts
 * await pushPrepare({ kind: 'open', edits: 0, round: 0, token: 'bench-0' });
 * ```
 */
export async function pushPrepare(params: PushPrepareParams): Promise<void> {
  if (params.kind === 'open') {
    state = await open(params.round, params.token);
    return;
  }
  const s = state;
  if (s === undefined) throw new Error('push: update before open');
  const rows = await readPaused(s, params.edits, (db) => db.contacts.toArray());
  await inBatches(rows, (row) => s.client.updateContact(row._id, { jobTitle: `Pushed ${params.round}` }, row.c.revision));
  s.edits = rows.length;
}

/**
 * Resumes sync, calls `syncNow()` and waits until the outbox is empty, watching the main
 * thread; returns how many contacts the database then holds in `edits` for a pull.
 *
 * @throws Error before `pushPrepare`.
 */
export async function pushDrain(): Promise<PushPhaseResult> {
  const s = state;
  if (s === undefined) throw new Error('pushDrain before pushPrepare');
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e.duration); });
  observer.observe({ type: 'longtask', buffered: false });
  let worstLag = 0;
  let expected = performance.now() + 5;
  const probe = setInterval(() => {
    const now = performance.now();
    worstLag = Math.max(worstLag, now - expected);
    expected = now + 5;
  }, 5);
  const emissionsBefore = s.emissions;
  const t0 = performance.now();
  s.client.sync.resume();
  await s.client.sync.syncNow();
  while (s.pending > 0) await new Promise((r) => setTimeout(r, 20));
  const drainMs = performance.now() - t0;
  // Long-task entries arrive after the task; give the last ones a moment.
  await new Promise((r) => setTimeout(r, 100));
  clearInterval(probe);
  observer.disconnect();
  const edits = s.edits > 0 ? s.edits : (await s.client.queryContacts().limit(1).find()).totalCount;
  s.edits = 0;
  return {
    edits, drainMs, longTasks: tasks.length, longTaskMs: tasks.reduce((a, b) => a + b, 0),
    longestTaskMs: Math.max(0, ...tasks), worstLagMs: worstLag, emissions: s.emissions - emissionsBefore,
  };
}

/** Closes the client and deletes its database. */
export async function pushFinish(): Promise<void> {
  const s = state;
  state = undefined;
  if (s === undefined) return;
  for (const sub of s.subscriptions) sub.unsubscribe();
  await s.client.destroy();
}

/**
 * The floor of the edits push (DESIGN.md section 8): a bare HTTP client on the page sending
 * the same number of PATCHes, one per contact, with the engine's request concurrency, to
 * the same server. Runs after the engine's drain (sync paused), on the revisions that drain
 * left: run first, it would put the server ahead of every local base, and the engine would
 * then do a merge per contact instead of a push.
 *
 * @throws Error before `pushPrepare`, or when the server refuses a PATCH.
 */
export async function pushFloor(params: { readonly edits: number; readonly round: number; readonly token: string }): Promise<number> {
  const s = state;
  if (s === undefined) throw new Error('pushFloor before pushPrepare');
  const bases = await readPaused(s, params.edits, (db) => db.bases.toArray());
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: ENGINE_LIMITS.pushConcurrency }, async () => {
    while (next < bases.length) {
      const base = bases[next++]!;
      const res = await fetch(`${location.origin}/contacts/v4/contacts/${base.contactId}`, {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${params.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ revision: base.serverRevision, info: { jobTitle: `Floor ${params.round}` } }),
      });
      if (!res.ok) throw new Error(`floor PATCH ${res.status}`);
      await res.json();
    }
  }));
  return performance.now() - t0;
}

/**
 * The floor of the pull: a bare client on the page reading the same change feed to its head,
 * page by page with the engine's page size, parsing each page and keeping nothing.
 *
 * @returns the wall time in ms and how many entries it read.
 * @throws Error when the server refuses a read.
 */
export async function pullFloor(params: { readonly token: string }): Promise<{ readonly ms: number; readonly entries: number }> {
  let cursor: string | undefined;
  let entries = 0;
  const t0 = performance.now();
  for (;;) {
    const q = new URLSearchParams({ limit: String(ENGINE_LIMITS.pullPageSize), ...(cursor === undefined ? {} : { cursor }) });
    const res = await fetch(`${location.origin}/contacts/v4/changes?${q.toString()}`, { headers: { Authorization: `Bearer ${params.token}` } });
    if (!res.ok) throw new Error(`floor feed read ${res.status}`);
    const page = await res.json() as { changes: unknown[]; cursor: string; hasMore: boolean };
    entries += page.changes.length;
    cursor = page.cursor;
    if (!page.hasMore) return { ms: performance.now() - t0, entries };
  }
}
