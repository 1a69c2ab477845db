/**
 * Matching of list items across base, local and remote: the same `_id` is the same item;
 * an item without `_id` (or facing one without) is matched by its normalised identity.
 */
import type { ItemKind, LooseItem } from './item-kinds.js';

/**
 * One item as it is (or is not) on each side.
 *
 * @example
 * ```ts
 * const slot: ItemSlot = { base: b, local: l, id: 'e1' }; // deleted on the remote side
 * ```
 */
export interface ItemSlot {
  base?: LooseItem;
  local?: LooseItem;
  remote?: LooseItem;
  /** The `_id` shared by the slot's items, when any of them has one. */
  id?: string;
  /** The merged item, once merged (undefined: the item is gone). */
  merged?: LooseItem | undefined;
}

/**
 * The `<ref>` of a slot in conflict paths: the `_id` its items share, else their identity key.
 *
 * @example
 * ```ts
 * slotRef(ITEM_KINDS.emails, { local: { email: 'A@x.org' } }); // 'a@x.org'
 * ```
 */
export function slotRef(kind: ItemKind, slot: ItemSlot): string {
  const item = slot.base ?? slot.local ?? slot.remote;
  return slot.id ?? (item === undefined ? '' : kind.keyOf(item));
}

type Side = 'local' | 'remote';

/**
 * Groups the items of three versions of a list into slots, in merge order: base order,
 * then local additions, then remote additions. Each side is matched against the base on its
 * own, and only then local additions against remote additions, so that the pairing does not
 * depend on which side is called local. Identity keys are computed only for items that no
 * `_id` matched, which keeps the common case (server items with ids) cheap.
 *
 * @example
 * ```ts
 * const slots = matchItems(ITEM_KINDS.emails, [{ _id: 'e1', email: 'a@x.org' }],
 *   [{ _id: 'e1', email: 'b@x.org' }], [{ email: 'A@x.org' }], 'local');
 * // one slot: base and local by _id, remote by identity with the base item
 * ```
 */
export function matchItems(
  kind: ItemKind, base: readonly LooseItem[], local: readonly LooseItem[], remote: readonly LooseItem[],
  policy: Side,
): ItemSlot[] {
  const slots: ItemSlot[] = base.map((b) => ({ base: b }));
  const localAdded = attach(kind, slots, 'base', local, 'local');
  const remoteAdded = attach(kind, slots, 'base', remote, 'remote');
  for (const l of localAdded) slots.push({ local: l });
  const added = slots.slice(base.length);
  for (const r of attach(kind, added, 'local', remoteAdded, 'remote')) slots.push({ remote: r });
  for (const slot of slots) {
    const id = slotId(slot, policy);
    if (id !== undefined) slot.id = id;
  }
  return slots;
}

/** Puts each of `items` into the first free slot whose `ref` item it matches; returns the rest. */
function attach(kind: ItemKind, slots: readonly ItemSlot[], ref: 'base' | 'local', items: readonly LooseItem[], side: Side): LooseItem[] {
  const pending: LooseItem[] = [];
  for (const item of items) {
    // A linear scan: lists hold at most 50 items, and a Map per call costs more than it saves.
    const slot = item._id === undefined ? undefined : slots.find((s) => s[side] === undefined && s[ref]?._id === item._id);
    if (slot === undefined) pending.push(item);
    else slot[side] = item;
  }
  if (pending.length === 0) return pending;
  const byKey = new Map<string, ItemSlot[]>();
  for (const s of slots) {
    const refItem = s[ref];
    if (refItem !== undefined && s[side] === undefined) push(byKey, kind.keyOf(refItem), s);
  }
  // Two passes, so that an item pairs with one of the same kind (id-less with id-less, the
  // common case of two offline additions) before any other: a single greedy pass would let
  // the order of the items decide, and with it which side is called local.
  const rest = pending.filter((item) => !claim(kind, byKey, ref, side, item, true));
  return rest.filter((item) => !claim(kind, byKey, ref, side, item, false));
}

// Never a slot whose item has a different `_id`: two `_id`s are two items, whatever their
// values say.
function claim(kind: ItemKind, byKey: ReadonlyMap<string, ItemSlot[]>, ref: 'base' | 'local', side: Side, item: LooseItem, sameKind: boolean): boolean {
  const slot = byKey.get(kind.keyOf(item))?.find((s) => {
    const id = s[ref]?._id;
    if (s[side] !== undefined || (id !== undefined && item._id !== undefined && id !== item._id)) return false;
    return !sameKind || (id === undefined) === (item._id === undefined);
  });
  if (slot !== undefined) slot[side] = item;
  return slot !== undefined;
}

function push(map: Map<string, ItemSlot[]>, key: string | undefined, slot: ItemSlot): void {
  if (key === undefined) return;
  const list = map.get(key);
  if (list === undefined) map.set(key, [slot]);
  else list.push(slot);
}

// Base items come from the server and keep their id. Two sides that matched an id-less
// base item by value but carry different ids: the policy side's id, so that swapping the
// sides and the policy gives the same item.
function slotId(slot: ItemSlot, policy: Side): string | undefined {
  if (slot.base?._id !== undefined) return slot.base._id;
  const l = slot.local?._id;
  const r = slot.remote?._id;
  if (l === undefined || r === undefined || l === r) return l ?? r;
  return policy === 'local' ? l : r;
}
