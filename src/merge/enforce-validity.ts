/**
 * The last step of the merge: the merged info must pass validation whenever the inputs do.
 * Two things can break although each side alone is valid: a list that both sides grew past
 * its limit, and an info left with no name, email or phone (one side removed the name, the
 * other the email). In both cases a side's own value is taken whole and a conflict says so.
 */
import type { ContactInfo, ExtendedFieldValue } from '../model/contact.js';
import { isSystemExtendedFieldKey } from '../model/check-extended-fields.js';
import { LIMITS } from '../model/limits.js';
import { setOwn } from '../model/plain-object.js';
import { formatConflictPath, type ConflictTarget, type ItemListName, type NamePart } from './conflict-path.js';
import { itemsOf, setItems } from './item-kinds.js';
import { cloneValue } from './json-value.js';
import { isDerivedExtendedField } from './merge-extended-fields.js';
import { recordConflict, type MergeContext } from './merge-value.js';

/**
 * The three inputs of a merge.
 *
 * @example
 * ```ts
 * enforceValidity(ctx, merged, { base, local, remote } satisfies InfoSides);
 * ```
 */
export interface InfoSides {
  readonly base: ContactInfo;
  readonly local: ContactInfo;
  readonly remote: ContactInfo;
}

const ITEM_LISTS: readonly ItemListName[] = ['emails', 'phones', 'addresses'];

/**
 * Repairs `merged` (the merge's own object, changed in place) so that it validates: a list
 * over its limit becomes the policy side's list (conflict at `info.<list>.items`, dropping
 * the item conflicts of that list); an info with no name, email or phone takes those from
 * the policy side, or from the other side if the policy side has none either.
 *
 * @example
 * ```ts
 * enforceValidity(ctx, merged, { base, local, remote });
 * ```
 */
export function enforceValidity(ctx: MergeContext, merged: ContactInfo, sides: InfoSides): void {
  const chosen = sides[ctx.policy];
  for (const list of ITEM_LISTS) {
    if (itemsOf(merged, list).length > LIMITS.listItems) takeItemList(ctx, merged, sides, list, ctx.policy);
  }
  if ((merged.labelKeys?.items.length ?? 0) > LIMITS.labelKeys) takeSet(ctx, merged, sides, 'labelKeys');
  if ((merged.locations?.items.length ?? 0) > LIMITS.locationItems) takeSet(ctx, merged, sides, 'locations');
  if (userFieldCount(merged) > LIMITS.extendedFieldKeys) takeExtendedFields(ctx, merged, sides);
  if (!hasIdentity(merged)) {
    const side = hasIdentity(chosen) ? ctx.policy : other(ctx.policy);
    restoreIdentity(ctx, merged, sides, side);
  }
}

/**
 * True when an info names someone: a name part, an email or a phone (what create requires).
 *
 * @example
 * ```ts
 * hasIdentity({ company: 'Acme' }); // false
 * ```
 */
export function hasIdentity(info: ContactInfo): boolean {
  return Boolean(info.name?.first) || Boolean(info.name?.last)
    || itemsOf(info, 'emails').length > 0 || itemsOf(info, 'phones').length > 0;
}

// The limit counts user fields only, as validation does: system keys are read-only extras.
function userFieldCount(info: ContactInfo): number {
  const keys = Object.keys(info.extendedFields?.items ?? {});
  return keys.length > LIMITS.extendedFieldKeys ? keys.filter((k) => !isSystemExtendedFieldKey(k)).length : keys.length;
}

function other(side: 'local' | 'remote'): 'local' | 'remote' {
  return side === 'local' ? 'remote' : 'local';
}

function takeItemList(ctx: MergeContext, merged: ContactInfo, sides: InfoSides, list: ItemListName, side: 'local' | 'remote'): void {
  dropConflictsUnder(ctx, `info.${list}.`);
  const [b, l, r] = [itemsOf(sides.base, list), itemsOf(sides.local, list), itemsOf(sides.remote, list)];
  setItems(merged, list, cloneValue(side === 'local' ? l : r));
  recordConflict(ctx, formatConflictPath({ kind: 'itemList', list }), b, l, r, side);
}

function takeSet(ctx: MergeContext, merged: ContactInfo, sides: InfoSides, list: 'labelKeys' | 'locations'): void {
  const [b, l, r] = [sides.base[list]?.items ?? [], sides.local[list]?.items ?? [], sides.remote[list]?.items ?? []];
  const items = ctx.policy === 'local' ? l : r;
  if (items.length === 0) delete merged[list];
  else merged[list] = { items: [...items] };
  recordConflict(ctx, formatConflictPath({ kind: 'setList', list }), b, l, r, ctx.policy);
}

function takeExtendedFields(ctx: MergeContext, merged: ContactInfo, sides: InfoSides): void {
  dropConflictsUnder(ctx, 'info.extendedFields.items[');
  const [b, l, r] = [sides.base, sides.local, sides.remote].map(mergeableFields);
  const items = (ctx.policy === 'local' ? l : r) ?? {};
  if (Object.keys(items).length === 0) delete merged.extendedFields;
  else merged.extendedFields = { items: cloneValue(items) };
  recordConflict(ctx, formatConflictPath({ kind: 'extendedFields' }), b, l, r, ctx.policy);
}

function mergeableFields(info: ContactInfo): Record<string, ExtendedFieldValue> {
  const out: Record<string, ExtendedFieldValue> = {};
  for (const [k, v] of Object.entries(info.extendedFields?.items ?? {})) if (!isDerivedExtendedField(k)) setOwn(out, k, v);
  return out;
}

function restoreIdentity(ctx: MergeContext, merged: ContactInfo, sides: InfoSides, side: 'local' | 'remote'): void {
  for (const part of ['first', 'last'] as const) restoreNamePart(ctx, merged, sides, side, part);
  for (const list of ['emails', 'phones'] as const) {
    if (itemsOf(sides[side], list).length > 0) takeItemList(ctx, merged, sides, list, side);
  }
}

function restoreNamePart(ctx: MergeContext, merged: ContactInfo, sides: InfoSides, side: 'local' | 'remote', part: NamePart): void {
  const value = sides[side].name?.[part];
  if (value === undefined || value === merged.name?.[part]) return;
  merged.name = { ...merged.name, [part]: value };
  const target: ConflictTarget = { kind: 'name', part };
  const path = formatConflictPath(target);
  dropConflictsUnder(ctx, path);
  recordConflict(ctx, path, sides.base.name?.[part], sides.local.name?.[part], sides.remote.name?.[part], side);
}

function dropConflictsUnder(ctx: MergeContext, prefix: string): void {
  for (let i = ctx.conflicts.length - 1; i >= 0; i--) {
    if (ctx.conflicts[i]?.path.startsWith(prefix) === true) ctx.conflicts.splice(i, 1);
  }
}
