/** Drawing a history from a seed. */
import { Prng } from './prng.js';
import type { FaultKind, SimPlan, SimStep, StepKind } from './sim-plan.js';

/** The size of a run. */
export interface PlanSize {
  readonly devices: number;
  readonly steps: number;
}

/**
 * How often each step is drawn. Sync rounds are frequent enough that edits meet on the
 * server often; faults and crashes are rare enough that most rounds still get through.
 */
export const STEP_WEIGHTS: Readonly<Record<StepKind, number>> = {
  'create': 11,
  'update': 20,
  'delete': 3,
  'label': 5,
  'unlabel': 3,
  'app': 8,
  'network': 4,
  'fault': 9,
  'crash': 3,
  'sync': 22,
  'sync-edit': 4,
  'sync-pair': 3,
  'resolve': 4,
  'sync-twice': 1,
};

const FAULTS: Readonly<Record<FaultKind, number>> = { 'drop': 3, 'lose-response': 3, '503': 2, '429': 1, 'delay': 1 };

/**
 * The plan of seed `seed`: the same seed and size always give the same plan.
 *
 * @example
 * ```ts
 * const plan = generatePlan(42, { devices: 3, steps: 150 });
 * ```
 */
export function generatePlan(seed: number, size: PlanSize): SimPlan {
  const prng = new Prng(seed);
  const policies = Array.from({ length: size.devices }, () => (prng.chance(0.3) ? 'remote' as const : 'local' as const));
  const steps: SimStep[] = [];
  for (let id = 0; id < size.steps; id++) steps.push(drawStep(prng, id, size.devices));
  return { seed, policies, steps };
}

function drawStep(prng: Prng, id: number, devices: number): SimStep {
  const kind = prng.weighted(STEP_WEIGHTS);
  const device = prng.int(devices);
  switch (kind) {
    case 'create': case 'delete': case 'label': case 'unlabel':
      return { id, kind, device, r: prng.uint32() };
    case 'update':
      return { id, kind, device, r: prng.uint32(), stale: prng.chance(0.15) };
    case 'app':
      return { id, kind, r: prng.uint32() };
    case 'network':
      return { id, kind, device, online: prng.chance(0.5) };
    case 'fault':
      return { id, kind, device, fault: prng.weighted(FAULTS) };
    case 'crash':
      return { id, kind, device, at: 1 + prng.int(4), sent: prng.chance(0.5) };
    case 'sync': case 'sync-twice':
      return { id, kind, device };
    case 'sync-edit': case 'resolve':
      return { id, kind, device, r: prng.uint32() };
    case 'sync-pair':
      return { id, kind, device, other: devices < 2 ? device : (device + 1 + prng.int(devices - 1)) % devices };
  }
}
