/** The three-way rule for one value, which every field of the merge goes through. */
import { cloneValue, sameValue } from './json-value.js';
import type { ConflictPolicy, MergeConflict } from './merge3.js';

/**
 * The policy of one merge and the conflicts it has recorded so far.
 *
 * @example
 * ```ts
 * const ctx: MergeContext = { policy: 'local', conflicts: [] };
 * ```
 */
export interface MergeContext {
  readonly policy: ConflictPolicy;
  readonly conflicts: MergeConflict[];
}

/**
 * A conflict path, or an object that prints as one: an item's ref can cost an identity key,
 * so item paths are built only when a conflict is recorded. (Not a closure: allocating one
 * per field measurably slows the merge.)
 *
 * @example
 * ```ts
 * mergeValue(ctx, 'info.company', b, l, r); // a string is a LazyPath too
 * ```
 */
export interface LazyPath {
  toString(): string;
}

/**
 * Which side a value comes from: `'local'`/`'remote'` when only that side changed it (or
 * both changed it alike: `'local'`), `'conflict'` when both changed it to different values.
 *
 * @example
 * ```ts
 * decide('a', 'b', 'a'); // 'local'
 * decide('a', 'b', 'c'); // 'conflict'
 * ```
 */
export function decide(base: unknown, local: unknown, remote: unknown): 'local' | 'remote' | 'conflict' {
  if (sameValue(local, remote) || sameValue(base, remote)) return 'local';
  if (sameValue(base, local)) return 'remote';
  return 'conflict';
}

/**
 * Merges one value: a change on one side is taken; changes on both sides to different
 * values are a conflict the policy decides, recorded in `ctx` with all three values. Returns
 * a copy of the value taken (undefined: the field is absent).
 *
 * @example
 * ```ts
 * const ctx = { policy: 'local' as const, conflicts: [] };
 * mergeValue(ctx, 'info.company', 'Acme', 'Acme Inc', 'ACME'); // 'Acme Inc', one conflict
 * ```
 */
export function mergeValue<T>(ctx: MergeContext, path: LazyPath, base: T, local: T, remote: T): T {
  const side = decide(base, local, remote);
  if (side === 'local') return cloneValue(local);
  if (side === 'remote') return cloneValue(remote);
  recordConflict(ctx, path, base, local, remote, ctx.policy);
  return cloneValue(ctx.policy === 'local' ? local : remote);
}

/**
 * What `quickMerge` returns when identity alone cannot decide.
 *
 * @example
 * ```ts
 * if (quickMerge(b, l, r) === UNDECIDED) mergeValue(ctx, path, b, l, r);
 * ```
 */
export const UNDECIDED: unique symbol = /* @__PURE__ */ Symbol('undecided');

/**
 * The merge of one value when `===` decides it (most fields are untouched strings), without
 * building its conflict path; otherwise `UNDECIDED`, and the caller goes through `mergeValue`.
 *
 * @example
 * ```ts
 * quickMerge('a', 'a', 'b'); // 'b'
 * quickMerge('a', 'b', 'c'); // UNDECIDED
 * ```
 */
export function quickMerge<T>(base: T, local: T, remote: T): T | typeof UNDECIDED {
  if (local === remote || base === remote) return cloneValue(local);
  if (base === local) return cloneValue(remote);
  return UNDECIDED;
}

/**
 * Appends a conflict to `ctx` with copies of the three values.
 *
 * @example
 * ```ts
 * recordConflict(ctx, 'info.emails.primary', 'e1', 'e2', 'e3', 'local');
 * ```
 */
export function recordConflict(
  ctx: MergeContext, path: LazyPath, base: unknown, local: unknown, remote: unknown, chosen: ConflictPolicy,
): void {
  ctx.conflicts.push({
    path: path.toString(),
    base: cloneValue(base), local: cloneValue(local), remote: cloneValue(remote), chosen,
  });
}
