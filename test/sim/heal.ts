/**
 * The end of a run: the network heals (no faults, online), then passes of "every device
 * syncs, open conflicts are resolved" run until a whole pass changes nothing. A pass that
 * changes nothing means every outbox is empty and every device has pulled the last change.
 * Not getting there within `HEAL_LIMITS.passes` passes is a liveness failure.
 */
import type { Prng } from './prng.js';
import { describeRows } from './describe-rows.js';
import { resolveAndLog } from './resolve-and-log.js';
import { isMutation } from './wire-log.js';
import { stableOrder, syncRound } from './sync-steps.js';
import type { SimWorld } from './sim-world.js';

/** Bounds of the heal phase. */
export const HEAL_LIMITS = {
  /** Passes (each device syncs once per pass) before the queue is declared stuck. */
  passes: 8,
} as const;

/** Step number used for violations seen while healing. */
export const HEAL_STEP = -1;

/** Step numbers of the edits the heal makes (conflict resolutions): later than any step. */
export const HEAL_EDIT_STEP = 1_000_000;

/**
 * Heals the world and syncs everyone until quiet. The first pass resolves every open
 * conflict with a random side; later passes resolve only the kinds that keep a device
 * apart from the server (delete, duplicate, rejected), taking the server's side, which
 * always ends the back-and-forth.
 */
export async function heal(world: SimWorld, prng: Prng): Promise<void> {
  for (const d of world.devices) d.heal();
  for (let pass = 1; pass <= HEAL_LIMITS.passes; pass++) {
    world.counters.healPasses = pass;
    const wireBefore = world.wire.entries.length;
    let busy = false;
    for (const d of world.devices) {
      if (!(await syncRound(world, d, HEAL_STEP))) busy = true;
    }
    for (const d of world.devices) {
      const open = stableOrder(await d.client.listConflicts());
      world.recordConflicts(open);
      for (const c of open) {
        // Field conflicts never block convergence (the policy already chose); resolving them
        // again in every pass would only make new ones on the other devices, forever.
        if (pass > 1 && c.kind === 'field') continue;
        await resolveAndLog(world, d, c, pass === 1 && prng.chance(0.5) ? 'local' : 'remote', HEAL_EDIT_STEP + pass);
        busy = true;
      }
    }
    if (!busy && !world.wire.since(wireBefore).some(isMutation)) return checkDrained(world, `after ${pass} quiet pass(es)`);
  }
  await checkDrained(world, `after ${HEAL_LIMITS.passes} heal passes (still not quiet)`);
  world.violate('liveness', `not quiet after ${HEAL_LIMITS.passes} heal passes`);
}

/** Every outbox must be empty once the world is quiet: rows that never get pushed are a stuck queue. */
async function checkDrained(world: SimWorld, when: string): Promise<void> {
  for (const d of world.devices) {
    const rows = await d.outbox();
    if (rows.length > 0) world.violate('liveness', `${d.actor}'s outbox ${when}: ${describeRows(rows)}`);
  }
}
