/**
 * The natural drain: after the last edit, the engines go on syncing by themselves (with
 * their own backoff and polling) until every outbox is empty. How long that takes is the
 * backlog the edit phase left; an outbox that never empties is a stuck queue, which the
 * heal that follows then reports as a liveness failure by name.
 */
import type { SimWorld } from '../../test/sim/sim-world.js';

/** Bounds of the drain. */
export const DRAIN_LIMITS = {
  /** Longer than the engine's longest backoff (60 s) plus its poll interval (30 s). */
  maxMs: 120_000,
  /** How often the outboxes are read. */
  everyMs: 500,
} as const;

/** How the drain ended. */
export interface DrainResult {
  readonly seconds: number;
  /** Outbox rows still waiting when the limit was hit (0: drained). */
  readonly rowsLeft: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until every device's outbox is empty, or `DRAIN_LIMITS.maxMs`. */
export async function awaitDrain(world: SimWorld): Promise<DrainResult> {
  const t0 = performance.now();
  for (;;) {
    const sizes = await Promise.all(world.devices.map(async (d) => (await d.outbox()).length));
    const rowsLeft = sizes.reduce((a, b) => a + b, 0);
    const seconds = (performance.now() - t0) / 1000;
    if (rowsLeft === 0 || seconds * 1000 >= DRAIN_LIMITS.maxMs) return { seconds, rowsLeft };
    await sleep(DRAIN_LIMITS.everyMs);
  }
}
