/**
 * Engines that sync by themselves report failures only through `sync.status$`. This counts
 * the errors they report, by code, and records every code that is not the expected
 * back-pressure of contention as an `engine-error` violation: a load run has no injected
 * faults, so a network error, a 5xx or a fatal stop is a finding.
 */
import type { Subscription } from 'rxjs';
import type { SimWorld } from '../../test/sim/sim-world.js';

/**
 * Why a round may fail under load without anything being wrong: a contact that kept
 * changing while the round pushed it is retried in a later round.
 */
export const EXPECTED_ENGINE_ERRORS: readonly string[] = ['CONTACT_ALREADY_CHANGED'];

/** Error counts by code, and how to stop watching. */
export interface EngineErrorWatch {
  readonly counts: ReadonlyMap<string, number>;
  /** Stops watching and records the unexpected codes in the world's violations. */
  stop(): void;
}

/** Watches the status of every device of `world`. */
export function watchEngineErrors(world: SimWorld): EngineErrorWatch {
  const counts = new Map<string, number>();
  const firstSeen = new Map<string, string>();
  const subs: Subscription[] = world.devices.map((d) => {
    let last: string | undefined;
    return d.client.sync.status$.subscribe((s) => {
      const code = s.error?.code;
      // One failure shows in several status updates (pending count changes): count it once.
      if (code !== undefined && code !== last) {
        counts.set(code, (counts.get(code) ?? 0) + 1);
        if (!firstSeen.has(code)) firstSeen.set(code, `${d.actor} (${s.state}): ${s.error?.message ?? ''}`);
      }
      last = code;
    });
  });
  return {
    counts,
    stop: () => {
      for (const s of subs) s.unsubscribe();
      for (const [code, n] of counts) {
        if (!EXPECTED_ENGINE_ERRORS.includes(code)) world.violate('engine-error', `${code} x${n}, first on ${firstSeen.get(code) ?? '?'}`);
      }
    },
  };
}
