/**
 * Running many seeds: a few runs at a time in one process (the server's PGlite works in its
 * own thread, so two or three runs keep both cores busy), each failure shrunk to a short
 * history that still breaks the same invariant.
 */
import { generatePlan, type PlanSize } from './generate-plan.js';
import { runPlan, type SimResult } from './run-plan.js';
import { shrinkPlan } from './shrink-plan.js';
import type { SimPlan } from './sim-plan.js';
import type { SimServer } from './sim-server.js';
import type { InvariantName, Violation } from './sim-world.js';

/** A failing seed, with the shortest history found. */
export interface SimFailure {
  readonly seed: number;
  readonly size: PlanSize;
  readonly invariant: InvariantName;
  readonly violations: readonly Violation[];
  /** The shrunk plan (replay it with `npm run sim -- --replay <file>`). */
  readonly plan: SimPlan;
}

/** How to run a batch. */
export interface RunSeedsOptions {
  readonly server: SimServer;
  readonly size: PlanSize;
  /** Runs at the same time. */
  readonly concurrency: number;
  /** Time to spend shrinking each failure (0: no shrinking). */
  readonly shrinkMs: number;
  /** Called after each run. */
  readonly onResult?: (result: SimResult) => void;
  /** Called for each failure, after shrinking. */
  readonly onFailure?: (failure: SimFailure) => void;
  /** Stop taking new seeds when this returns true. */
  readonly stop?: () => boolean;
}

/** Runs `plan` on a fresh tenant. */
export async function runOnce(server: SimServer, plan: SimPlan): Promise<SimResult> {
  const lease = await server.lease();
  try {
    return await runPlan(lease.tenant, plan);
  } finally {
    await lease.release();
  }
}

/** Shrinks a failing plan, keeping the invariant it broke first. */
export async function shrinkFailure(server: SimServer, plan: SimPlan, size: PlanSize, result: SimResult, shrinkMs: number): Promise<SimFailure> {
  const invariant = result.violations[0]!.invariant;
  let violations = result.violations;
  const small = shrinkMs <= 0 ? plan : await shrinkPlan(plan, async (candidate) => {
    const again = await runOnce(server, candidate);
    const same = again.violations.filter((v) => v.invariant === invariant);
    if (same.length > 0) violations = again.violations;
    return same.length > 0;
  }, shrinkMs);
  return { seed: plan.seed, size, invariant, violations, plan: small };
}

/**
 * Runs `seeds` (an iterator, so a soak can be endless) and returns the failures.
 *
 * @example
 * ```ts
 * const failures = await runSeeds([1, 2, 3], { server, size: { devices: 3, steps: 150 }, concurrency: 2, shrinkMs: 0 });
 * ```
 */
export async function runSeeds(seeds: Iterable<number>, options: RunSeedsOptions): Promise<SimFailure[]> {
  const failures: SimFailure[] = [];
  const it = seeds[Symbol.iterator]();
  const worker = async (): Promise<void> => {
    for (;;) {
      if (options.stop?.() === true) return;
      const next = it.next();
      if (next.done === true) return;
      const plan = generatePlan(next.value, options.size);
      const result = await runOnce(options.server, plan);
      options.onResult?.(result);
      if (result.violations.length === 0) continue;
      const failure = await shrinkFailure(options.server, plan, options.size, result, options.shrinkMs);
      failures.push(failure);
      options.onFailure?.(failure);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return failures;
}
