/**
 * One load run on one storage:
 *
 *   start server ─▶ open devices ─▶ seed contacts, everyone pulls
 *     ─▶ edit phase (every device edits; engines sync by themselves)
 *     ─▶ natural drain (engines go on alone until every outbox is empty)
 *     ─▶ heal (engines paused; the sim's heal: sync everyone, resolve, until quiet)
 *     ─▶ the sim's end-of-run checks ─▶ close
 */
import { startServer, type StorageOption } from '../../server/index.js';
import { checkConvergence } from '../../test/sim/check-convergence.js';
import { checkExactlyOnce } from '../../test/sim/check-exactly-once.js';
import { checkLostEdits } from '../../test/sim/check-lost-edits.js';
import { heal } from '../../test/sim/heal.js';
import { Prng } from '../../test/sim/prng.js';
import { SimWorld } from '../../test/sim/sim-world.js';
import { contactOf, isMutation } from '../../test/sim/wire-log.js';
import { awaitDrain } from './await-drain.js';
import { editLoop, type LoadRun } from './edit-loop.js';
import { LatencyMeter } from './latency-meter.js';
import type { LoadReport } from './load-report.js';
import { describeMachine, measureProcessLoad } from './machine.js';
import { seedContacts } from './seed-contacts.js';
import { statsBetween } from './stats-window.js';
import { watchEngineErrors } from './watch-engine-errors.js';

/** The knobs of a run. */
export interface LoadOptions {
  readonly label: string;
  readonly storage: StorageOption;
  readonly devices: number;
  readonly seconds: number;
  /** Mean pause between two edits of one device (ms). */
  readonly thinkMs: number;
  /** Contacts the other app makes before the clock starts. */
  readonly contacts: number;
  readonly seed: number;
}

/** How many contacts the sim's checks read (`SimWorld.serverContacts`, `contactsOf`). */
const CHECKED_CONTACTS = 1000;

/** The heal and the checks; past this the run is reported stuck (liveness). */
export const HEAL_LIMIT_MS = 300_000;

/** `work`, or a liveness violation after `ms`. */
async function limited(world: SimWorld, ms: number, what: string, work: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => { world.violate('liveness', `${what} did not finish in ${ms} ms`); resolve(); }, ms);
  });
  await Promise.race([work(), late]).finally(() => clearTimeout(timer));
}

/**
 * Runs the load of `o` against a new server; the result carries every violation found.
 *
 * @example
 * ```ts
 * const report = await runLoad({ label: 'PGlite', storage: 'memory', devices: 5, seconds: 5, thinkMs: 400, contacts: 20, seed: 1 });
 * ```
 */
export async function runLoad(o: LoadOptions): Promise<LoadReport> {
  const token = `load-${Date.now()}`;
  const tenantId = `tenant-${token}`;
  const server = await startServer({ port: 0, host: '127.0.0.1', storage: o.storage, tokens: { [token]: tenantId } });
  try {
    const prng = new Prng(o.seed);
    const policies = Array.from({ length: o.devices }, () => (prng.chance(0.3) ? 'remote' as const : 'local' as const));
    const world = await SimWorld.open(
      { url: server.url, token, tenantId, seedMember: (t, id) => server.seedMember(t, id) },
      { seed: o.seed, policies, steps: [] }, false,
    );
    try {
      return await measure(o, world, server);
    } finally {
      await world.close();
    }
  } finally {
    await server.close();
  }
}

async function measure(o: LoadOptions, world: SimWorld, server: Awaited<ReturnType<typeof startServer>>): Promise<LoadReport> {
  await seedContacts(world, o.contacts, o.seed);
  // Everyone has pulled the shared contacts before the clock starts.
  await Promise.all(world.devices.map((d) => d.client.sync.syncNow()));
  const meter = new LatencyMeter();
  const ids = (await world.serverContacts()).map((c) => c._id);
  world.wire.onAnswer = (e) => {
    const c = isMutation(e) ? contactOf(e) : undefined;
    if (c === undefined) return;
    if (e.actor.startsWith('d')) meter.acked(c, performance.now());
    if (e.method === 'POST' && e.path === '/contacts/v4/contacts' && !ids.includes(c._id)) ids.push(c._id);
  };
  const engineErrors = watchEngineErrors(world);
  const run: LoadRun = { ids, world, meter, until: Date.now() + o.seconds * 1000, thinkMs: o.thinkMs, nextId: 0, edits: 0 };
  const machine = describeMachine();
  const beforeEdits = server.stats();
  const wireBefore = world.wire.entries.length;
  const load = measureProcessLoad();
  const started = performance.now();
  await Promise.all(world.devices.map((d) => editLoop(run, d, o.seed * 1000 + d.index)));
  const editSeconds = (performance.now() - started) / 1000;
  const processLoad = load.stop();
  const afterEdits = server.stats();
  const pushes = world.wire.since(wireBefore).filter((e) => e.actor.startsWith('d') && isMutation(e)).length;
  const drain = await awaitDrain(world);
  engineErrors.stop();
  for (const d of world.devices) d.client.sync.pause();
  const healStarted = performance.now();
  await limited(world, HEAL_LIMIT_MS, 'the heal', () => heal(world, new Prng(o.seed)));
  const healSeconds = (performance.now() - healStarted) / 1000;
  const afterHeal = server.stats();
  const contacts = await world.serverContacts();
  // The checks read one page of the query API (1000, its maximum): a full page may hide more.
  if (contacts.length >= CHECKED_CONTACTS) world.violate('convergence', `${contacts.length} contacts: the checks read at most ${CHECKED_CONTACTS}; use fewer --contacts or a longer --think-ms`);
  await checkConvergence(world, contacts);
  checkExactlyOnce(world, contacts);
  checkLostEdits(world, contacts);
  return {
    label: o.label, machine, devices: o.devices, seed: o.seed, editSeconds, edits: run.edits, pushes, meter,
    requests: { edits: statsBetween(beforeEdits, afterEdits), after: statsBetween(afterEdits, afterHeal), all: afterHeal },
    load: processLoad, drain, healSeconds, healPasses: world.counters.healPasses, serverContacts: contacts.length,
    violations: world.violations, engineErrors: engineErrors.counts,
  };
}
