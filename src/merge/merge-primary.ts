/** The merge of which item of an email or phone list is primary. */
import { formatConflictPath } from './conflict-path.js';
import type { ItemKind, LooseItem } from './item-kinds.js';
import { slotRef, type ItemSlot } from './match-items.js';
import { recordConflict, type MergeContext } from './merge-value.js';

/**
 * The three input versions of a list.
 *
 * @example
 * ```ts
 * const sides: ListSides = { base: b.emails.items, local: l.emails.items, remote: r.emails.items };
 * ```
 */
export interface ListSides {
  readonly base: readonly LooseItem[];
  readonly local: readonly LooseItem[];
  readonly remote: readonly LooseItem[];
}

/**
 * Chooses the primary item of merged slots and sets `primary` on every merged item, so
 * that exactly one is `true` where any item is left. The choice is merged like a value
 * (the item each side has as primary); both sides moving it to different items is a
 * conflict at `info.<list>.primary` whose values are item refs. When the chosen item did
 * not survive the merge, the other side's choice, then the base's, then the first surviving
 * item in the policy side's order wins.
 *
 * @example
 * ```ts
 * mergePrimary(ctx, ITEM_KINDS.emails, slots, { base, local, remote });
 * ```
 */
export function mergePrimary(ctx: MergeContext, kind: ItemKind, slots: readonly ItemSlot[], sides: ListSides): void {
  const list = kind.list;
  if (list === 'addresses') return;
  const b = primarySlot(slots, sides.base, 'base');
  const l = primarySlot(slots, sides.local, 'local');
  const r = primarySlot(slots, sides.remote, 'remote');
  const conflict = l !== r && l !== b && r !== b;
  // Like a value: the side that moved it first, unless both did (then the policy side).
  const preferred = l === b || (conflict && ctx.policy === 'remote') ? [r, l, b] : [l, r, b];
  const other = ctx.policy === 'local' ? 'remote' : 'local';
  const winner = preferred.find((s) => s?.merged !== undefined)
    ?? firstSurvivor(slots, sides[ctx.policy], ctx.policy) ?? firstSurvivor(slots, sides[other], other)
    ?? slots.find((s) => s.merged !== undefined);
  for (const s of slots) if (s.merged !== undefined) s.merged.primary = s === winner;
  if (conflict) {
    const chosen = winner === l ? 'local' : winner === r ? 'remote' : ctx.policy;
    recordConflict(ctx, formatConflictPath({ kind: 'primary', list }), refOf(kind, b), refOf(kind, l), refOf(kind, r), chosen);
  }
}

// A normalised list has exactly one primary; an unflagged one gets the first item, as
// normalizeInfo would give it.
function primarySlot(slots: readonly ItemSlot[], items: readonly LooseItem[], side: 'base' | 'local' | 'remote'): ItemSlot | undefined {
  const item = items.find((i) => i.primary === true) ?? items[0];
  return item === undefined ? undefined : slots.find((s) => s[side] === item);
}

// No side's choice survived: the first surviving item in a side's own order. Not slot order,
// which puts local additions first and would make the result depend on which side is local.
function firstSurvivor(slots: readonly ItemSlot[], items: readonly LooseItem[], side: 'local' | 'remote'): ItemSlot | undefined {
  for (const item of items) {
    const slot = slots.find((s) => s[side] === item && s.merged !== undefined);
    if (slot !== undefined) return slot;
  }
  return undefined;
}

function refOf(kind: ItemKind, slot: ItemSlot | undefined): string | undefined {
  return slot === undefined ? undefined : slotRef(kind, slot);
}
