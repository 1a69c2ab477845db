/** The pure three-way merge of contact infos (DESIGN.md section 5). */
import type { ContactInfo, ContactName } from '../model/contact.js';
import { SCALAR_FIELDS, formatConflictPath, type ItemListName } from './conflict-path.js';
import { enforceValidity } from './enforce-validity.js';
import { ITEM_KINDS, itemsOf, setItems } from './item-kinds.js';
import { mergeExtendedFields } from './merge-extended-fields.js';
import { mergeItems } from './merge-items.js';
import { mergeSet } from './merge-set.js';
import { mergeValue, type MergeContext } from './merge-value.js';

/**
 * Which side wins a field both sides changed: `'local'` (this device) by default.
 *
 * @example
 * ```ts
 * merge3(base, local, remote, 'remote'); // the server's edits win conflicts
 * ```
 */
export type ConflictPolicy = 'local' | 'remote';

/**
 * One value both sides changed differently (or a decision the merge had to take), with the
 * three values at `path` so that the other choice can be applied later
 * (`applyConflictChoice`). The path grammar is in conflict-path.ts.
 *
 * @example
 * ```ts
 * const c: MergeConflict = { path: 'info.company', base: 'Acme', local: 'Globex', remote: 'Initech', chosen: 'local' };
 * ```
 */
export interface MergeConflict {
  /** e.g. `info.company`, `info.name.first`, `info.emails.items[<ref>].tag`. */
  path: string;
  base?: unknown;
  local?: unknown;
  remote?: unknown;
  /** The side whose value `merged` holds. */
  chosen: ConflictPolicy;
}

/**
 * The merged info and the conflicts the policy decided.
 *
 * @example
 * ```ts
 * const { merged, conflicts }: MergeResult = merge3(base, local, remote);
 * ```
 */
export interface MergeResult {
  merged: ContactInfo;
  conflicts: MergeConflict[];
}

const ITEM_LISTS: readonly ItemListName[] = ['emails', 'phones', 'addresses'];
const NO_NAME: ContactName = /* @__PURE__ */ Object.freeze({});
const SCALAR_PATHS = /* @__PURE__ */ SCALAR_FIELDS.map((field) => [field, formatConflictPath({ kind: 'scalar', field })] as const);

/**
 * Merges `local` and `remote`, both descended from `base`, field by field. A value changed
 * on one side only is taken; changed on both sides differently, the `policy` side wins and
 * a conflict records all three values. Emails, phones and addresses merge per item (matched
 * by `_id`, else by normalised value); label keys and locations merge as sets; extended
 * fields per key, except the derived `contacts.displayBy*` keys, which are left out.
 * `merged` shares no object with the inputs and validates whenever the inputs do; store it
 * after `normalizeInfo`. Pure: no clock, no randomness, no I/O.
 *
 * @example
 * ```ts
 * const base = { name: { first: 'Ann' }, company: 'Acme' };
 * const { merged, conflicts } = merge3(base, { ...base, company: 'Acme Inc' }, { ...base, name: { first: 'Anne' } });
 * // merged: { name: { first: 'Anne' }, company: 'Acme Inc' }; conflicts: []
 * ```
 */
export function merge3(base: ContactInfo, local: ContactInfo, remote: ContactInfo, policy: ConflictPolicy = 'local'): MergeResult {
  const ctx: MergeContext = { policy, conflicts: [] };
  const merged: ContactInfo = {};
  const name = mergeName(ctx, base.name ?? NO_NAME, local.name ?? NO_NAME, remote.name ?? NO_NAME);
  if (name !== undefined) merged.name = name;
  for (const list of ITEM_LISTS) {
    setItems(merged, list, mergeItems(ctx, ITEM_KINDS[list], itemsOf(base, list), itemsOf(local, list), itemsOf(remote, list)));
  }
  for (const [field, path] of SCALAR_PATHS) {
    const value = mergeValue(ctx, path, base[field], local[field], remote[field]);
    if (value !== undefined) (merged as Record<typeof field, unknown>)[field] = value;
  }
  const labels = mergeSet(base.labelKeys?.items ?? [], local.labelKeys?.items ?? [], remote.labelKeys?.items ?? []);
  if (labels.length > 0) merged.labelKeys = { items: labels };
  const ext = mergeExtendedFields(ctx, base.extendedFields?.items ?? {}, local.extendedFields?.items ?? {}, remote.extendedFields?.items ?? {});
  if (Object.keys(ext).length > 0) merged.extendedFields = { items: ext };
  const locations = mergeSet(base.locations?.items ?? [], local.locations?.items ?? [], remote.locations?.items ?? []);
  if (locations.length > 0) merged.locations = { items: locations };
  enforceValidity(ctx, merged, { base, local, remote });
  return { merged, conflicts: ctx.conflicts };
}

function mergeName(ctx: MergeContext, base: ContactName, local: ContactName, remote: ContactName): ContactName | undefined {
  const first = mergeValue(ctx, 'info.name.first', base.first, local.first, remote.first);
  const last = mergeValue(ctx, 'info.name.last', base.last, local.last, remote.last);
  const name: ContactName = {};
  if (first !== undefined) name.first = first;
  if (last !== undefined) name.last = last;
  return first === undefined && last === undefined ? undefined : name;
}
