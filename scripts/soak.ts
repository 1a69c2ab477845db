/**
 * The simulation soak: runs seeds one after another until stopped (Ctrl-C, or --max runs),
 * appending every failing seed (shrunk, with its history) to a file as one JSON line, which
 * `npm run sim -- --replay` reads back.
 *
 *   npm run soak -- --from 1000 --out sim-failures.jsonl
 *   npm run soak -- --max 10000 --concurrency 3
 *
 * Options: --from <first seed> (default: the current time, so two soaks try different
 * seeds), --max <runs>, --devices (3), --steps (150), --concurrency (3), --shrink-ms (120000),
 * --out (sim-failures.jsonl), --per-process (100; 0 = one process for everything).
 *
 * The runs happen in child processes of --per-process runs each, one after the other: one
 * long-lived process slows down run after run (measured: 1.4 min per 50 runs at first,
 * 3.4 min after 250, its memory 1.0 -> 2.2 GB), a fresh one starts at full speed.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatFailure } from '../test/sim/format-failure.js';
import { runSeeds } from '../test/sim/run-seeds.js';
import { SimServer } from '../test/sim/sim-server.js';

const { values } = parseArgs({
  options: {
    'from': { type: 'string' },
    'max': { type: 'string' },
    'devices': { type: 'string', default: '3' },
    'steps': { type: 'string', default: '150' },
    'concurrency': { type: 'string', default: '3' },
    'shrink-ms': { type: 'string', default: '120000' },
    'out': { type: 'string', default: 'sim-failures.jsonl' },
    'per-process': { type: 'string', default: '100' },
  },
});

const from = values.from === undefined ? Math.floor(Date.now() / 1000) : Number(values.from);
const max = values.max === undefined ? Infinity : Number(values.max);
const out = values.out;
let stopping = false;
process.on('SIGINT', () => {
  if (stopping) process.exit(130);
  stopping = true;
  console.log('\nstopping: finishing the runs in flight (Ctrl-C again to quit now)');
});

const perProcess = Number(values['per-process']);
if (perProcess > 0 && max > perProcess) {
  // The parent: children of `perProcess` runs each; Ctrl-C reaches the running child too
  // (same process group), which finishes its runs in flight, and then no new one starts.
  const passed = ['devices', 'steps', 'concurrency', 'shrink-ms', 'out'].flatMap((k) => [`--${k}`, String(values[k as keyof typeof values])]);
  let next = from;
  let children = 0;
  while (!stopping && next - from < max) {
    const n = Math.min(perProcess, from + max - next);
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--from', String(next), '--max', String(n), '--per-process', '0', ...passed], { stdio: 'inherit' });
    children++;
    if (child.status !== 0) {
      console.log(`soak child for seeds ${next}..${next + n - 1} ended with ${child.status ?? child.signal}`);
      break;
    }
    next += n;
  }
  console.log(`\nsoak (${children} processes): seeds ${from}..${next - 1} done; failures in ${out}`);
  process.exit(0);
}

function* seeds(): Generator<number> {
  for (let i = 0; i < max; i++) yield from + i;
}

const server = new SimServer();
const started = performance.now();
let runs = 0;
let failed = 0;
const known = new Map<string, number>();
const status = (): string => {
  const s = (performance.now() - started) / 1000;
  const mb = Math.round(process.memoryUsage().rss / 1e6);
  return `${runs} runs (seeds ${from}..${from + runs - 1}), ${failed} failing, ${(runs / s).toFixed(2)} runs/s, ${(s / 60).toFixed(1)} min, ${mb} MB`;
};

console.log(`soak from seed ${from}, failures to ${out}`);
try {
  await runSeeds(seeds(), {
    server, concurrency: Number(values.concurrency), shrinkMs: Number(values['shrink-ms']),
    size: { devices: Number(values.devices), steps: Number(values.steps) },
    stop: () => stopping,
    onResult: (r) => {
      runs++;
      for (const [id, n] of Object.entries(r.known)) known.set(id, (known.get(id) ?? 0) + n);
      if (r.violations.length > 0) console.log(`seed ${r.seed}: ${r.violations[0]!.invariant}, shrinking...`);
      if (runs % 50 === 0) console.log(status());
    },
    onFailure: (f) => {
      failed++;
      appendFileSync(out, `${JSON.stringify(f)}\n`);
      console.log(formatFailure(f));
    },
  });
} finally {
  await server.close();
  console.log(`\nsoak done: ${status()}`);
  for (const [id, n] of known) console.log(`known issue ${id}: seen ${n} time(s)`);
}
