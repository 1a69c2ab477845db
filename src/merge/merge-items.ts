/**
 * The merge of one list of identified items (emails, phones or addresses): items matched
 * across the three sides, fields merged per item, deletions against edits, then the primary.
 */
import { formatConflictPath } from './conflict-path.js';
import type { ItemKind, LooseItem } from './item-kinds.js';
import { cloneValue, sameValue } from './json-value.js';
import { matchItems, slotRef, type ItemSlot } from './match-items.js';
import { mergePrimary } from './merge-primary.js';
import { UNDECIDED, decide, mergeValue, quickMerge, recordConflict, type LazyPath, type MergeContext } from './merge-value.js';

/**
 * Merges three versions of a list of identified items. Items keep base order, then local
 * additions, then remote additions; an item added on both sides is kept once; an item
 * deleted on one side is deleted unless the other side edited it, in which case it is kept
 * and the deletion recorded as a conflict (`chosen` is the side that kept it). Where the list
 * has a primary, exactly one item of a non-empty result is primary.
 *
 * @example
 * ```ts
 * const ctx = { policy: 'local' as const, conflicts: [] };
 * mergeItems(ctx, ITEM_KINDS.emails, base.emails.items, local.emails.items, remote.emails.items);
 * ```
 */
export function mergeItems(
  ctx: MergeContext, kind: ItemKind,
  base: readonly LooseItem[], local: readonly LooseItem[], remote: readonly LooseItem[],
): LooseItem[] {
  // A list changed on one side only is that side's list, as is: cheaper than matching items,
  // and it keeps that side's order (a reorder is a change too).
  const whole = decide(base, local, remote);
  if (whole !== 'conflict') return withOnePrimary(kind, cloneValue(whole === 'local' ? local : remote) as LooseItem[]);
  const slots = matchItems(kind, base, local, remote, ctx.policy);
  for (const slot of slots) slot.merged = mergeSlot(ctx, kind, slot);
  if (kind.hasPrimary) mergePrimary(ctx, kind, slots, { base, local, remote });
  const out: LooseItem[] = [];
  for (const slot of slots) if (slot.merged !== undefined) out.push(slot.merged);
  return out;
}

// Inputs are normalised, so this only repairs lists that did not come from normalizeInfo.
function withOnePrimary(kind: ItemKind, items: LooseItem[]): LooseItem[] {
  if (!kind.hasPrimary || items.length === 0) return items;
  let flagged = 0;
  for (const item of items) if (item.primary === true) flagged++;
  if (flagged === 1) return items;
  const chosen = items.find((i) => i.primary === true) ?? items[0];
  for (const item of items) item.primary = item === chosen;
  return items;
}

/** The path of one field of a slot's item, printed only if a conflict needs it. */
class ItemFieldPath implements LazyPath {
  constructor(private readonly kind: ItemKind, private readonly slot: ItemSlot, private readonly field: string) {}

  toString(): string {
    return formatConflictPath({ kind: 'itemField', list: this.kind.list, ref: slotRef(this.kind, this.slot), field: this.field });
  }
}

function mergeSlot(ctx: MergeContext, kind: ItemKind, slot: ItemSlot): LooseItem | undefined {
  const { base, local, remote } = slot;
  if (local !== undefined && remote !== undefined) return mergeFields(ctx, kind, slot, base, local, remote);
  const kept = local ?? remote;
  if (base === undefined || kept === undefined) return kept === undefined ? undefined : mergeFields(ctx, kind, slot, kept, kept, kept);
  if (kind.fields.every((f) => sameValue(base[f], kept[f]))) return undefined;
  // Deleted on one side, edited on the other: losing the edit silently would be worse than
  // keeping an item the user can delete again, so it stays whatever the policy.
  const chosen = kept === local ? 'local' : 'remote';
  const path = formatConflictPath({ kind: 'item', list: kind.list, ref: slotRef(kind, slot) });
  recordConflict(ctx, path, base, local, remote, chosen);
  return mergeFields(ctx, kind, slot, kept, kept, kept);
}

function mergeFields(
  ctx: MergeContext, kind: ItemKind, slot: ItemSlot, base: LooseItem | undefined, local: LooseItem, remote: LooseItem,
): LooseItem {
  const out: LooseItem = slot.id === undefined ? {} : { _id: slot.id };
  for (const field of kind.fields) {
    const b = base?.[field];
    const l = local[field];
    const r = remote[field];
    const quick = quickMerge(b, l, r);
    const value = quick === UNDECIDED ? mergeValue(ctx, new ItemFieldPath(kind, slot, field), b, l, r) : quick;
    if (value !== undefined) out[field] = value;
  }
  if (kind.list === 'phones') carryE164(out, local, remote, base);
  return out;
}

// `e164Phone` is derived from phone + countryCode: keep it only from a side whose pair the
// merge kept, so a mixed pair never carries a stale number (normalizeInfo recomputes it).
function carryE164(out: LooseItem, ...sides: (LooseItem | undefined)[]): void {
  for (const side of sides) {
    if (side !== undefined && side['phone'] === out['phone'] && side['countryCode'] === out['countryCode']) {
      if (typeof side['e164Phone'] === 'string') out['e164Phone'] = side['e164Phone'];
      return;
    }
  }
}
