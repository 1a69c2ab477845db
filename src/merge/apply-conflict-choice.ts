/** Applying a user's later choice on a merge conflict (what `resolveConflict` calls). */
import type { ContactInfo, ExtendedFieldValue } from '../model/contact.js';
import { validationError } from '../model/contacts-error.js';
import { isPlainObject, setOwn } from '../model/plain-object.js';
import { applyItemChoice } from './apply-item-choice.js';
import { parseConflictPath, type NamePart, type ScalarField, type SetListName } from './conflict-path.js';
import { cloneValue } from './json-value.js';
import { isDerivedExtendedField } from './merge-extended-fields.js';
import type { MergeConflict } from './merge3.js';

/**
 * Returns a copy of `info` with the `choice` side's value of `conflict` written at the
 * conflict's path: a scalar, a name part or an extended field is set (removed when that
 * side had none); a list item is found by `_id`, else by identity key, and its field set,
 * or the whole item replaced, re-added or (value undefined) removed; `.primary` makes the
 * referenced item the only primary; a whole-list path replaces the list. `info` is left
 * untouched; normalise the result before storing it.
 *
 * @throws ContactsError 400 `INVALID_ARGUMENT` when the path is not a merge conflict path or
 * the value does not fit it.
 *
 * @example
 * ```ts
 * const { merged, conflicts } = merge3(base, local, remote);      // local's company won
 * const undone = applyConflictChoice(merged, conflicts[0]!, 'remote'); // remote's company
 * ```
 */
export function applyConflictChoice(info: ContactInfo, conflict: MergeConflict, choice: 'local' | 'remote'): ContactInfo {
  const target = parseConflictPath(conflict.path);
  const value = choice === 'local' ? conflict.local : conflict.remote;
  const out = cloneValue(info);
  let ok = false;
  switch (target?.kind) {
    case undefined: break;
    case 'scalar': ok = setScalar(out, target.field, value); break;
    case 'name': ok = setNamePart(out, target.part, value); break;
    case 'extendedField': ok = setExtendedField(out, target.key, value); break;
    case 'extendedFields': ok = setExtendedFields(out, value); break;
    case 'setList': ok = setSetList(out, target.list, value); break;
    default: ok = target !== undefined && applyItemChoice(out, target, value);
  }
  if (!ok) {
    throw validationError([{ field: 'conflict', description: `cannot apply ${choice} value at ${conflict.path}` }]);
  }
  return out;
}

function setScalar(info: ContactInfo, field: ScalarField, value: unknown): boolean {
  if (value === undefined) delete info[field];
  else if (field === 'picture' && isPlainObject(value)) info.picture = cloneValue(value);
  else if (field !== 'picture' && typeof value === 'string') info[field] = value;
  else return false;
  return true;
}

function setNamePart(info: ContactInfo, part: NamePart, value: unknown): boolean {
  if (value !== undefined && typeof value !== 'string') return false;
  const name = { ...info.name };
  if (value === undefined) delete name[part];
  else name[part] = value;
  if (name.first === undefined && name.last === undefined) delete info.name;
  else info.name = name;
  return true;
}

function setExtendedField(info: ContactInfo, key: string, value: unknown): boolean {
  if (value !== undefined && typeof value !== 'string' && typeof value !== 'number') return false;
  const items = { ...info.extendedFields?.items };
  if (value === undefined) delete items[key];
  else setOwn(items, key, value);
  storeExtendedFields(info, items);
  return true;
}

// A whole-map value never holds the derived keys (the merge leaves them out), so the ones
// `info` has are kept for the normal form to refresh.
function setExtendedFields(info: ContactInfo, value: unknown): boolean {
  if (value !== undefined && !isPlainObject(value)) return false;
  const items: Record<string, ExtendedFieldValue> = {};
  for (const [k, v] of Object.entries(info.extendedFields?.items ?? {})) if (isDerivedExtendedField(k)) setOwn(items, k, v);
  for (const [k, v] of Object.entries(value ?? {})) {
    if (typeof v !== 'string' && typeof v !== 'number') return false;
    setOwn(items, k, v);
  }
  storeExtendedFields(info, items);
  return true;
}

function storeExtendedFields(info: ContactInfo, items: Record<string, ExtendedFieldValue>): void {
  if (Object.keys(items).length === 0) delete info.extendedFields;
  else info.extendedFields = { items };
}

function setSetList(info: ContactInfo, list: SetListName, value: unknown): boolean {
  if (value !== undefined && !(Array.isArray(value) && value.every((x) => typeof x === 'string'))) return false;
  const items = value ?? [];
  if (items.length === 0) delete info[list];
  else info[list] = { items: [...items] };
  return true;
}
