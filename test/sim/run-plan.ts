/**
 * One run: open the devices, play the steps, heal, check. Every step has a time limit, so a
 * hung engine is reported (as liveness) instead of hanging the whole suite.
 */
import type { Contact } from '../../src/model/contact.js';
import { checkConvergence } from './check-convergence.js';
import { checkExactlyOnce } from './check-exactly-once.js';
import { checkLostEdits } from './check-lost-edits.js';
import { heal } from './heal.js';
import { knownIssueOf } from './known-issues.js';
import { runAppStep } from './app-steps.js';
import { describe, runLocalStep } from './local-steps.js';
import { Prng } from './prng.js';
import { timed } from './profile.js';
import { describeStep, type SimPlan, type SimStep } from './sim-plan.js';
import { emptyCounters, SimWorld, type SimCounters, type SimTenant, type Violation } from './sim-world.js';
import { runSyncStep } from './sync-steps.js';
import { contactsShown } from './wire-log.js';

/** What a run found. */
export interface SimResult {
  readonly seed: number;
  /** Violations no known issue explains: the run failed. */
  readonly violations: readonly Violation[];
  /** Violations explained by a known, reported bug (test/sim/known-issues.ts), by issue id. */
  readonly known: Readonly<Record<string, number>>;
  readonly counters: SimCounters;
  readonly ms: number;
}

/** Time limits (ms). */
export const RUN_LIMITS = {
  /** One step; a sync round normally takes well under a second. */
  stepMs: 30_000,
  /** The heal phase and the checks. */
  endMs: 120_000,
  /**
   * Opening the devices: slower than a step on a loaded machine (a soak meets it when
   * another process takes both cores), and not what liveness is about.
   */
  openMs: 120_000,
} as const;

class Timeout extends Error {}


/** `SIM_TRACE=1` prints every step and the requests the server answered during it. */
const TRACE = process.env['SIM_TRACE'] === '1';

/** A contact in one short line: id, revision and the fields the simulation writes. */
function brief(c: Contact): string {
  const i = c.info;
  const ext = Object.entries(i.extendedFields?.items ?? {}).filter(([k]) => k.startsWith('custom.')).map(([k, v]) => `${k.slice(7)}=${String(v)}`);
  return [`${c._id.slice(0, 8)} r${c.revision} ${i.name?.last ?? '?'}`, `first=${i.name?.first ?? ''}`, i.company === undefined ? '' : `co=${i.company}`,
    i.jobTitle === undefined ? '' : `job=${i.jobTitle}`, ...(i.emails?.items ?? []).map((x) => `em=${x.email}${x.primary === true ? '*' : ''}`),
    ...(i.phones?.items ?? []).map((x) => `ph=${x.phone}`), ...(i.labelKeys?.items ?? []).map((k) => `lb=${k.slice(7)}`), ...ext].filter((x) => x !== '').join(' ');
}

function trace(world: SimWorld, step: SimStep | string, wireBefore: number): void {
  console.log(typeof step === 'string' ? step : describeStep(step));
  for (const e of world.wire.since(wireBefore)) {
    const body = e.status >= 300 ? ` ${JSON.stringify(e.body)}` : contactsShown(e).map((c) => ` [${brief(c)}]`).join('');
    console.log(`    ${e.actor} ${e.method} ${e.path} -> ${e.status}${body}`);
  }
}

function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Timeout(`${what} did not finish in ${ms} ms`)), ms); });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

function runStep(world: SimWorld, step: SimStep): Promise<void> {
  switch (step.kind) {
    case 'create': case 'update': case 'delete': case 'label': case 'unlabel':
      return runLocalStep(world, step);
    case 'app':
      return runAppStep(world, step);
    case 'network': case 'fault': case 'crash': case 'sync': case 'sync-edit': case 'sync-pair': case 'sync-twice': case 'resolve':
      return runSyncStep(world, step);
  }
}

/**
 * Plays `plan` against `tenant` (which must be empty) and checks the invariants.
 *
 * @example
 * ```ts
 * const result = await runPlan(tenant, generatePlan(7, { devices: 3, steps: 150 }));
 * ```
 */
export async function runPlan(tenant: SimTenant, plan: SimPlan): Promise<SimResult> {
  const started = performance.now();
  const opening = SimWorld.open(tenant, plan);
  let world: SimWorld;
  try {
    world = await within(RUN_LIMITS.openMs, 'opening the devices', opening);
  } catch (e) {
    // Reported like any other failure of the run, so a soak goes on with the next seed; the
    // devices are closed if they open after all.
    opening.then((late) => late.close(), () => undefined).catch(() => undefined);
    const violation: Violation = { invariant: e instanceof Timeout ? 'liveness' : 'engine-error', message: `opening the devices failed: ${describe(e)}` };
    return { seed: plan.seed, violations: [violation], known: {}, counters: emptyCounters(), ms: performance.now() - started };
  }
  try {
    for (const step of plan.steps) {
      const wireBefore = world.wire.entries.length;
      await timed(step.kind, () => within(RUN_LIMITS.stepMs, `step ${step.id} (${step.kind})`, runStep(world, step)));
      if (TRACE) trace(world, step, wireBefore);
    }
    await within(RUN_LIMITS.endMs, 'heal and checks', (async () => {
      const wireBefore = world.wire.entries.length;
      await timed('heal', () => heal(world, new Prng(plan.seed ^ 0x5bd1e995)));
      if (TRACE) trace(world, 'heal', wireBefore);
      const server = await world.serverContacts();
      await checkConvergence(world, server);
      checkExactlyOnce(world, server);
      checkLostEdits(world, server);
    })());
  } catch (e) {
    world.violate(e instanceof Timeout ? 'liveness' : 'engine-error', `the run stopped: ${describe(e)}`);
  } finally {
    await within(10_000, 'closing the devices', world.close()).catch(() => undefined);
  }
  const known: Record<string, number> = {};
  const violations = world.violations.filter((v) => {
    const issue = knownIssueOf(v);
    if (issue !== undefined) known[issue.id] = (known[issue.id] ?? 0) + 1;
    return issue === undefined;
  });
  return { seed: plan.seed, violations, known, counters: world.counters, ms: performance.now() - started };
}
