/** The item-list half of `applyConflictChoice`: item fields, whole items, the primary, whole lists. */
import type { ContactInfo } from '../model/contact.js';
import { isPlainObject } from '../model/plain-object.js';
import type { ItemListName } from './conflict-path.js';
import { ITEM_KINDS, itemsOf, setItems, type ItemKind, type LooseItem } from './item-kinds.js';
import { cloneValue } from './json-value.js';

/**
 * A conflict's target inside a list of identified items.
 *
 * @example
 * ```ts
 * const t: ItemChoiceTarget = { kind: 'primary', list: 'phones' };
 * ```
 */
export type ItemChoiceTarget =
  | { kind: 'itemField'; list: ItemListName; ref: string; field: string }
  | { kind: 'item'; list: ItemListName; ref: string }
  | { kind: 'primary'; list: 'emails' | 'phones' }
  | { kind: 'itemList'; list: ItemListName };

/**
 * Writes `value` at an item-list target of `info` (the caller's own copy, changed in place).
 * Items are found by `_id`, else by identity key; a target item that is no longer there
 * leaves the field and primary cases unchanged. Returns false when `value` has the wrong type.
 *
 * @example
 * ```ts
 * applyItemChoice(copy, { kind: 'itemField', list: 'emails', ref: 'e1', field: 'tag' }, 'WORK');
 * ```
 */
export function applyItemChoice(info: ContactInfo, target: ItemChoiceTarget, value: unknown): boolean {
  const kind = ITEM_KINDS[target.list];
  const items = itemsOf(info, target.list).slice();
  switch (target.kind) {
    case 'itemField': return setField(kind, items, target.ref, target.field, value) && store(info, kind, items);
    case 'item': return setItem(kind, items, target.ref, value) && store(info, kind, items);
    case 'primary': return setPrimary(kind, items, value) && store(info, kind, items);
    case 'itemList':
      if (value !== undefined && !(Array.isArray(value) && value.every(isPlainObject))) return false;
      return store(info, kind, cloneValue((value ?? []) as LooseItem[]));
  }
}

function store(info: ContactInfo, kind: ItemKind, items: readonly LooseItem[]): true {
  setItems(info, kind.list, items);
  return true;
}

// A ref is an `_id`, else the identity key of an id-less item; that item may have been
// given an `_id` by the server since, so any item with the key is the last resort.
function locate(kind: ItemKind, items: readonly LooseItem[], ref: string): number {
  const byId = items.findIndex((i) => i._id === ref);
  if (byId >= 0) return byId;
  const idless = items.findIndex((i) => i._id === undefined && kind.keyOf(i) === ref);
  return idless >= 0 ? idless : items.findIndex((i) => kind.keyOf(i) === ref);
}

function setField(kind: ItemKind, items: LooseItem[], ref: string, field: string, value: unknown): boolean {
  if (!kind.fields.includes(field)) return false;
  if (value !== undefined && typeof value !== 'string' && !isPlainObject(value)) return false;
  const at = locate(kind, items, ref);
  const item = items[at];
  if (item === undefined) return true;
  const next: LooseItem = { ...item, [field]: cloneValue(value) };
  if (value === undefined) delete next[field];
  // e164Phone is derived from phone + countryCode; normalizeInfo computes it again.
  if (kind.list === 'phones' && field !== 'tag') delete next['e164Phone'];
  items[at] = next;
  return true;
}

function setItem(kind: ItemKind, items: LooseItem[], ref: string, value: unknown): boolean {
  if (value !== undefined && !isPlainObject(value)) return false;
  const at = locate(kind, items, ref);
  const current = items[at];
  if (value === undefined) {
    if (current === undefined) return true;
    items.splice(at, 1);
    if (kind.hasPrimary && current.primary === true && items[0] !== undefined) setPrimaryAt(items, 0);
    return true;
  }
  const next: LooseItem = cloneValue(value);
  // The value may be the id-less copy a side matched by identity; the stored item keeps its id.
  if (next._id === undefined && current?._id !== undefined) next._id = current._id;
  if (kind.hasPrimary) next.primary = current === undefined ? items.length === 0 : current.primary === true;
  else delete next.primary;
  if (current === undefined) items.push(next);
  else items[at] = next;
  return true;
}

function setPrimary(kind: ItemKind, items: LooseItem[], ref: unknown): boolean {
  if (ref !== undefined && typeof ref !== 'string') return false;
  const at = ref === undefined ? -1 : locate(kind, items, ref);
  if (at >= 0) setPrimaryAt(items, at);
  return true;
}

function setPrimaryAt(items: LooseItem[], at: number): void {
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item !== undefined) items[i] = { ...item, primary: i === at };
  }
}
