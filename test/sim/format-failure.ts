/** Failure reports: what broke, the seed, and the shortest history, ready to replay. */
import { describeStep } from './sim-plan.js';
import type { SimFailure } from './run-seeds.js';

/** A failure as a few readable lines. */
export function formatFailure(f: SimFailure): string {
  const lines = [
    `✗ ${f.invariant} — seed ${f.seed} (${f.size.devices} devices x ${f.size.steps} steps), shortest history ${f.plan.steps.length} steps, policies ${f.plan.policies.join('/')}`,
    ...f.violations.slice(0, 5).map((v) => `    [${v.invariant}${v.step === undefined ? '' : ` @${v.step}`}] ${v.message}`),
    ...(f.violations.length > 5 ? [`    ... ${f.violations.length - 5} more`] : []),
    '  history:',
    ...f.plan.steps.map((s) => `    ${describeStep(s)}`),
    `  replay: npm run sim -- --seed ${f.seed} --devices ${f.size.devices} --steps ${f.size.steps}`,
  ];
  return lines.join('\n');
}
