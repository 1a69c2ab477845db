/**
 * What one simulation run does: the devices and the list of steps. Steps are abstract
 * choices (which device, a sub-seed for the details); each step resolves its target against
 * the state it finds, so removing steps (shrinking) always leaves a runnable history.
 */
import type { ConflictPolicy } from '../../src/merge/merge3.js';

/** A fault queued for a device's next request. */
export type FaultKind = 'drop' | 'lose-response' | '503' | '429' | 'delay';

/** Fields every step has: `id` is its index in the original history (unique values derive from it). */
interface StepBase {
  readonly id: number;
}

/** One step of a history, discriminated on `kind`. */
export type SimStep = StepBase & (
  /** A local write on a device; `r` seeds its details. `stale` updates with an old revision. */
  | { readonly kind: 'create' | 'delete' | 'label' | 'unlabel'; readonly device: number; readonly r: number }
  | { readonly kind: 'update'; readonly device: number; readonly r: number; readonly stale: boolean }
  /** Another app edits through the REST API. */
  | { readonly kind: 'app'; readonly r: number }
  | { readonly kind: 'network'; readonly device: number; readonly online: boolean }
  | { readonly kind: 'fault'; readonly device: number; readonly fault: FaultKind }
  /** A sync round that crashes the device at its `at`-th request (sent to the server or not). */
  | { readonly kind: 'crash'; readonly device: number; readonly at: number; readonly sent: boolean }
  | { readonly kind: 'sync'; readonly device: number }
  /** A sync round whose first request is held while the device writes locally. */
  | { readonly kind: 'sync-edit'; readonly device: number; readonly r: number }
  /** Two devices sync at the same time. */
  | { readonly kind: 'sync-pair'; readonly device: number; readonly other: number }
  /** The user resolves one open conflict (choice drawn from `r`). */
  | { readonly kind: 'resolve'; readonly device: number; readonly r: number }
  /** The user presses "sync" twice: two overlapping `syncNow()` calls on one device. */
  | { readonly kind: 'sync-twice'; readonly device: number }
);

/** The kinds of step. */
export type StepKind = SimStep['kind'];

/** A whole run. */
export interface SimPlan {
  readonly seed: number;
  /** One conflict policy per device. */
  readonly policies: readonly ConflictPolicy[];
  readonly steps: readonly SimStep[];
}

/** A step as one short line, for failure reports. */
export function describeStep(step: SimStep): string {
  const { kind, id: _id, ...rest } = step;
  return `${step.id}:${kind} ${JSON.stringify(rest)}`;
}
