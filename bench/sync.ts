/**
 * Sync benchmark (issue 5, DESIGN.md section 8), Node + fake-indexeddb, against the reference
 * server on PGlite in memory running in a child process (bench/child-server.ts), as a real
 * server would: never in the client's thread. Both contenders talk to that same child.
 * - drain: the engine pushes 5,000 pending edits on 5,000 contacts, vs the floor: a bare HTTP
 *   client sending the same PATCHes to the same server with the same concurrency.
 * - first pull: the engine pulls 20,000 contacts into an empty database, vs the floor: a bare
 *   client reading the same change feed with the same page size.
 * Target: each at most 1.5x its floor. Contenders alternate; medians over the rounds.
 * Run: npm run bench:sync [-- --quick] [-- --rounds N]
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { ContactInfo } from '../src/model/contact.js';
import { randomId } from '../src/model/ids.js';
import { createHttpRemote } from '../src/remote/http-remote.js';
import type { ContactsRemote } from '../src/remote/contacts-remote.js';
import { ContactStore } from '../src/store/contact-store.js';
import { ContactsDb } from '../src/store/schema.js';
import { ENGINE_LIMITS, type EngineDeps } from '../worker/engine-deps.js';
import { takeLeadership } from '../worker/fence.js';
import { LabelRegistry } from '../worker/label-registry.js';
import { pullToHead } from '../worker/pull.js';
import { pushAll } from '../worker/push-all.js';
import { realisticContacts, REALISTIC_LABELS } from '../test/support/realistic-contacts.js';
import { startChildServer } from './child-server.js';

const quick = process.argv.includes('--quick');
const PUSH_N = quick ? 500 : 5_000;
const PULL_N = quick ? 2_000 : 20_000;
const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : quick ? 1 : 3;
const CONCURRENCY = ENGINE_LIMITS.pushConcurrency;

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** Runs `task` over `items` with at most `n` in flight. */
async function pool<T>(items: readonly T[], n: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await task(items[next++] as T);
  }));
}

async function seed(remote: ContactsRemote, count: number, offset: number): Promise<string[]> {
  const gen = realisticContacts(offset + 7);
  const ids: string[] = [];
  await pool(Array.from({ length: count }, (_, i) => i), 16, async (i) => {
    ids.push((await remote.createContact(gen.info(offset + i), { idempotencyKey: randomId() }))._id);
  });
  return ids;
}

async function engineFor(remote: ContactsRemote): Promise<{ deps: EngineDeps; store: ContactStore; labels: LabelRegistry; db: ContactsDb }> {
  const db = new ContactsDb(`bench-${randomId()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  await db.open();
  const fence = await takeLeadership(db);
  const deps: EngineDeps = { db, remote, policy: 'local', now: Date.now, makeId: randomId, fence };
  return { deps, db, store: new ContactStore(db, { queueMutations: true }), labels: new LabelRegistry(remote) };
}

async function main(): Promise<void> {
  const server = await startChildServer({ 'push-token': 'push', 'pull-token': 'pull' });
  const bearer = (t: string) => () => ({ Authorization: `Bearer ${t}` });
  const pushRemote = createHttpRemote({ baseUrl: server.url, auth: bearer('push-token') });
  const pullRemote = createHttpRemote({ baseUrl: server.url, auth: bearer('pull-token') });
  try {
    for (const r of [pushRemote, pullRemote]) for (const key of REALISTIC_LABELS) await r.ensureLabel(key.slice('custom.'.length));
    console.log(`seeding ${PUSH_N * 2} + ${PULL_N} contacts...`);
    const floorIds = await seed(pushRemote, PUSH_N, 0);
    const engineIds = await seed(pushRemote, PUSH_N, PUSH_N);
    await seed(pullRemote, PULL_N, 0);

    // ---- drain
    const engine = await engineFor(pushRemote);
    await pullToHead(engine.deps, engine.labels, () => undefined);
    const floorRevisions = new Map(floorIds.map((id) => [id, 1]));
    const drainOurs: number[] = [];
    const drainFloor: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const ours = async (): Promise<void> => {
        for (const id of engineIds) {
          const c = await engine.store.getContact(id);
          await engine.store.updateContact(id, { company: `Ours ${round} ${id.slice(0, 6)}` } satisfies ContactInfo, c.revision);
        }
        const t0 = performance.now();
        const { error } = await pushAll({ ...engine.deps, labels: engine.labels }, CONCURRENCY);
        drainOurs.push(performance.now() - t0);
        if (error) throw error;
      };
      const floor = async (): Promise<void> => {
        const t0 = performance.now();
        await pool(floorIds, CONCURRENCY, async (id) => {
          const revision = floorRevisions.get(id) ?? 1;
          const res = await fetch(`${server.url}/contacts/v4/contacts/${id}`, {
            method: 'PATCH', headers: { Authorization: 'Bearer push-token', 'Content-Type': 'application/json' },
            body: JSON.stringify({ revision, info: { company: `Floor ${round} ${id.slice(0, 6)}` } }),
          });
          if (!res.ok) throw new Error(`floor PATCH ${res.status}`);
          await res.json();
          floorRevisions.set(id, revision + 1);
        });
        drainFloor.push(performance.now() - t0);
      };
      if (round % 2 === 0) { await ours(); await floor(); } else { await floor(); await ours(); }
    }
    engine.db.close();

    // ---- first pull
    const pullOurs: number[] = [];
    const pullFloor: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const ours = async (): Promise<void> => {
        const e = await engineFor(pullRemote);
        const t0 = performance.now();
        const n = await pullToHead(e.deps, e.labels, () => undefined);
        pullOurs.push(performance.now() - t0);
        if (n !== PULL_N) throw new Error(`pulled ${n}`);
        e.db.close();
      };
      const floor = async (): Promise<void> => {
        const t0 = performance.now();
        let cursor: string | undefined;
        let n = 0;
        for (;;) {
          const q = new URLSearchParams({ limit: String(ENGINE_LIMITS.pullPageSize), ...(cursor === undefined ? {} : { cursor }) });
          const res = await fetch(`${server.url}/contacts/v4/changes?${q.toString()}`, { headers: { Authorization: 'Bearer pull-token' } });
          const page = await res.json() as { changes: unknown[]; cursor: string; hasMore: boolean };
          n += page.changes.length;
          cursor = page.cursor;
          if (!page.hasMore) break;
        }
        pullFloor.push(performance.now() - t0);
        if (n !== PULL_N) throw new Error(`floor read ${n}`);
      };
      if (round % 2 === 0) { await ours(); await floor(); } else { await floor(); await ours(); }
    }

    const line = (label: string, ours: number[], floor: number[]): void => {
      const ratio = median(ours) / median(floor);
      console.log(`${label.padEnd(34)} ours ${seconds(median(ours)).padStart(9)}  floor ${seconds(median(floor)).padStart(9)}  ratio ${ratio.toFixed(2)}x  target <= 1.50x  ${ratio <= 1.5 ? 'MET' : 'MISSED'}`);
    };
    console.log(`\nsync benchmark (${ROUNDS} round(s), push concurrency ${CONCURRENCY}, page ${ENGINE_LIMITS.pullPageSize})`);
    line(`drain ${PUSH_N} edits on ${PUSH_N} contacts`, drainOurs, drainFloor);
    line(`first pull of ${PULL_N} contacts`, pullOurs, pullFloor);
  } finally {
    await server.close();
  }
}

await main();
