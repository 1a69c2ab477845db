/**
 * A focused driver for the CPU profiler: the engine's drain or first pull against the
 * reference server in a child process, profiling only the engine's thread during that work
 * (not the seeding). Prints wall time and this thread's CPU time per edit (or per contact):
 * the drain overlaps the server's work only while the engine's CPU per edit stays below
 * the server's, so that number is what to bring down. Not a benchmark: bench/sync.ts gives
 * the ratios.
 * Run: npx tsx bench/profile-sync.ts drain|pull [out.cpuprofile] [--n N]
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { performance as nodePerf } from 'node:perf_hooks';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { randomId } from '../src/model/ids.js';
import { createHttpRemote } from '../src/remote/http-remote.js';
import { ContactStore } from '../src/store/contact-store.js';
import { ContactsDb } from '../src/store/schema.js';
import type { EngineDeps } from '../worker/engine-deps.js';
import { takeLeadership } from '../worker/fence.js';
import { LabelRegistry } from '../worker/label-registry.js';
import { pullToHead } from '../worker/pull.js';
import { pushAll } from '../worker/push-all.js';
import { realisticContacts, REALISTIC_LABELS } from '../test/support/realistic-contacts.js';
import { startChildServer } from './child-server.js';

const [mode = 'drain', out] = process.argv.slice(2).filter((a) => !a.startsWith('--') && !/^\d+$/.test(a));
const nArg = process.argv.indexOf('--n');
const N = nArg > 0 ? Number(process.argv[nArg + 1]) : 2000;

const server = await startChildServer({ t: 't' });
const remote = createHttpRemote({ baseUrl: server.url, auth: () => ({ Authorization: 'Bearer t' }) });
try {
  for (const key of REALISTIC_LABELS) await remote.ensureLabel(key.slice('custom.'.length));
  const gen = realisticContacts(7);
  for (let i = 0; i < N; i += 16) {
    await Promise.all(Array.from({ length: Math.min(16, N - i) }, (_, j) => remote.createContact(gen.info(i + j), { idempotencyKey: randomId() })));
  }
  const db = new ContactsDb(`p-${randomId()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  await db.open();
  const deps: EngineDeps = { db, remote, policy: 'local', now: Date.now, makeId: randomId, fence: await takeLeadership(db) };
  const labels = new LabelRegistry(remote);
  let work: () => Promise<unknown> = () => pullToHead(deps, labels, () => undefined);
  if (mode === 'drain') {
    await pullToHead(deps, labels, () => undefined);
    const store = new ContactStore(db, { queueMutations: true });
    for (const { _id } of await db.contacts.toArray()) {
      const c = await store.getContact(_id);
      await store.updateContact(_id, { company: `P ${_id.slice(0, 6)}` }, c.revision);
    }
    work = () => pushAll({ ...deps, labels });
  }
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  if (out !== undefined) await session.post('Profiler.start');
  const cpu0 = process.cpuUsage();
  const elu0 = nodePerf.eventLoopUtilization();
  const t0 = performance.now();
  await work();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const busy = nodePerf.eventLoopUtilization(elu0).active;
  if (out !== undefined) writeFileSync(out, JSON.stringify((await session.post('Profiler.stop')).profile));
  session.disconnect();
  const perItem = (ms: number): string => `${(ms / N).toFixed(3)} ms`;
  console.log(`${mode} of ${N}: wall ${wall.toFixed(0)} ms (${perItem(wall)} each), engine CPU ${perItem((cpu.user + cpu.system) / 1000)} each, its thread busy ${perItem(busy)} each`);
  db.close();
} finally {
  await server.close();
}
