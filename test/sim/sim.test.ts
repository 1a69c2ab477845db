/**
 * The convergence simulation in the node suite: `SIM_SEEDS` seeds (default 20; CI runs 200
 * through `npm run sim`) of
 * `SIM_DEVICES` devices (3) x `SIM_STEPS` steps (150), every invariant checked at the end of
 * each run; a failure is shrunk and printed with its seed and shortest history.
 * `SIM_FROM` (default 1) picks the first seed, `SIM_CONCURRENCY` (3) the runs at once.
 */
import { describe, expect, it } from 'vitest';
import { formatFailure } from './format-failure.js';
import { runSeeds } from './run-seeds.js';
import { SimServer } from './sim-server.js';

const env = (name: string, fallback: number): number => {
  const raw = process.env[name];
  return raw === undefined || raw === '' ? fallback : Number(raw);
};

const SEEDS = env('SIM_SEEDS', 20);
const FROM = env('SIM_FROM', 1);
const SIZE = { devices: env('SIM_DEVICES', 3), steps: env('SIM_STEPS', 150) };
const CONCURRENCY = env('SIM_CONCURRENCY', 3);
/** Time to shrink each failure before reporting it. */
const SHRINK_MS = env('SIM_SHRINK_MS', 60_000);

describe('convergence simulation', () => {
  it(`${SEEDS} seeds x ${SIZE.devices} devices x ${SIZE.steps} steps keep every invariant`, async () => {
    const server = new SimServer();
    const started = performance.now();
    const known = new Map<string, number>();
    try {
      const seeds = Array.from({ length: SEEDS }, (_, i) => FROM + i);
      const failures = await runSeeds(seeds, {
        server, size: SIZE, concurrency: CONCURRENCY, shrinkMs: SHRINK_MS,
        onResult: (r) => { for (const [id, n] of Object.entries(r.known)) known.set(id, (known.get(id) ?? 0) + n); },
      });
      const s = (performance.now() - started) / 1000;
      console.log(`sim: ${SEEDS} seeds in ${s.toFixed(0)} s (${(SEEDS / s).toFixed(2)} runs/s), ${failures.length} failing`
        + (known.size === 0 ? '' : `; known issues seen: ${[...known].map(([id, n]) => `${id} x${n}`).join(', ')}`));
      expect(failures.map(formatFailure).join('\n\n')).toBe('');
    } finally {
      await server.close();
    }
  }, 30 * 60_000);
});
