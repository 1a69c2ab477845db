/**
 * Shrinking by hand: remove chunks of steps (halves, then quarters, ... then single steps)
 * as long as the run still breaks the same invariant. Steps resolve their targets at run
 * time, so every sub-history is runnable.
 */
import type { SimPlan } from './sim-plan.js';

/** Whether a candidate still fails the way we are shrinking for. */
export type StillFails = (plan: SimPlan) => Promise<boolean>;

/**
 * The shortest failing plan found within `budgetMs`.
 *
 * @example
 * ```ts
 * const small = await shrinkPlan(plan, async (p) => (await runPlan(await tenant(), p)).violations.length > 0, 60_000);
 * ```
 */
export async function shrinkPlan(plan: SimPlan, stillFails: StillFails, budgetMs: number): Promise<SimPlan> {
  const deadline = Date.now() + budgetMs;
  let best = plan;
  for (let chunk = Math.ceil(best.steps.length / 2); chunk >= 1 && Date.now() < deadline; chunk = chunk === 1 ? 0 : Math.ceil(chunk / 2)) {
    let i = 0;
    while (i < best.steps.length && Date.now() < deadline) {
      const candidate: SimPlan = { ...best, steps: [...best.steps.slice(0, i), ...best.steps.slice(i + chunk)] };
      if (candidate.steps.length < best.steps.length && await stillFails(candidate)) best = candidate;
      else i += chunk;
    }
  }
  return best;
}
