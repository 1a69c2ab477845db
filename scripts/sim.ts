/**
 * The convergence simulation from the command line (test/sim/README.md):
 *
 *   npm run sim -- --seeds 200 --devices 3 --steps 150        seeds 1..200
 *   npm run sim -- --seed 4711 --devices 3 --steps 150         one seed
 *   npm run sim -- --replay failure.json                       a saved (shrunk) history
 *
 * Options: --from <first seed> (default 1), --concurrency <runs at once> (default 3),
 * --shrink-ms <budget per failure> (default 120000, 0 = off), --out <file> (failures as JSON
 * lines). Exits 1 when any seed fails.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatFailure } from '../test/sim/format-failure.js';
import { runOnce, runSeeds, shrinkFailure, type SimFailure } from '../test/sim/run-seeds.js';
import type { SimPlan } from '../test/sim/sim-plan.js';
import { SimServer } from '../test/sim/sim-server.js';

const { values } = parseArgs({
  options: {
    'seeds': { type: 'string', default: '200' },
    'from': { type: 'string', default: '1' },
    'seed': { type: 'string' },
    'devices': { type: 'string', default: '3' },
    'steps': { type: 'string', default: '150' },
    'concurrency': { type: 'string', default: '3' },
    'shrink-ms': { type: 'string', default: '120000' },
    'replay': { type: 'string' },
    'out': { type: 'string' },
  },
});

const size = { devices: Number(values.devices), steps: Number(values.steps) };
const shrinkMs = Number(values['shrink-ms']);
const server = new SimServer();
const started = performance.now();

function report(f: SimFailure): void {
  console.log(formatFailure(f));
  if (values.out !== undefined) appendFileSync(values.out, `${JSON.stringify(f)}\n`);
}

async function replay(file: string): Promise<number> {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as SimFailure | SimPlan;
  const plan = 'plan' in saved ? saved.plan : saved;
  const result = await runOnce(server, plan);
  if (result.violations.length === 0) {
    console.log(`replay of seed ${plan.seed} (${plan.steps.length} steps): all invariants hold`);
    return 0;
  }
  report(await shrinkFailure(server, plan, { devices: plan.policies.length, steps: plan.steps.length }, result, shrinkMs));
  return 1;
}

async function main(): Promise<number> {
  if (values.replay !== undefined) return replay(values.replay);
  const first = values.seed === undefined ? Number(values.from) : Number(values.seed);
  const count = values.seed === undefined ? Number(values.seeds) : 1;
  const seeds = Array.from({ length: count }, (_, i) => first + i);
  let done = 0;
  const known = new Map<string, number>();
  const failures = await runSeeds(seeds, {
    server, size, concurrency: Number(values.concurrency), shrinkMs,
    onResult: (r) => {
      done++;
      for (const [id, n] of Object.entries(r.known)) known.set(id, (known.get(id) ?? 0) + n);
      if (r.violations.length > 0) console.log(`seed ${r.seed}: ${r.violations.length} violation(s), shrinking...`);
      if (done % 10 === 0 || done === count) {
        const s = (performance.now() - started) / 1000;
        console.log(`${done}/${count} seeds, ${(done / s).toFixed(2)} runs/s, ${s.toFixed(0)} s`);
      }
    },
    onFailure: report,
  });
  const s = (performance.now() - started) / 1000;
  console.log(`\n${count} seeds x ${size.devices} devices x ${size.steps} steps in ${s.toFixed(1)} s (${(count / s).toFixed(2)} runs/s): ${failures.length} failing`);
  for (const [id, n] of known) console.log(`known issue ${id}: seen ${n} time(s) (test/sim/known-issues.ts)`);
  return failures.length === 0 ? 0 : 1;
}

try {
  process.exitCode = await main();
} finally {
  await server.close();
}
