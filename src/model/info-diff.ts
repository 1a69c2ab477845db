/** The smallest PATCH that turns one info into another. */
import type { ContactInfo, ContactName, ExtendedFieldValue } from './contact.js';
import { isSystemExtendedFieldKey } from './check-extended-fields.js';
import { deepEqual, setOwn } from './plain-object.js';

const SCALARS = ['company', 'jobTitle', 'birthdate', 'locale'] as const;
const LISTS = ['emails', 'phones', 'addresses', 'labelKeys', 'locations'] as const;

/**
 * The update patch carrying only what differs between `base` and `next` (both normalised):
 * changed scalars (`""` for a cleared one), changed name parts, whole lists that differ,
 * changed extended-field keys (`""` for a removed key). For normalised inputs,
 * `normalizeInfo(applyInfoPatch(base, diffInfo(base, next)))` deep-equals `next`. An empty
 * object means "no change".
 *
 * Read-only data is never put in the patch: `e164Phone` is left out of phone items, and
 * system extended fields (`contacts.displayBy*` included) are skipped, since the server
 * ignores them and normalisation re-derives the derived ones.
 *
 * @example
 * ```ts
 * diffInfo({ company: 'Acme', jobTitle: 'CEO' }, { company: 'Acme' }); // { jobTitle: '' }
 * ```
 */
export function diffInfo(base: ContactInfo, next: ContactInfo): ContactInfo {
  const patch: ContactInfo = {};
  const name = diffName(base.name ?? {}, next.name ?? {});
  if (name) patch.name = name;
  for (const key of LISTS) {
    if (deepEqual(base[key], next[key])) continue;
    Object.assign(patch, { [key]: { items: structuredClone(next[key]?.items ?? []) } });
  }
  if (patch.phones) patch.phones.items = patch.phones.items.map(({ e164Phone: _readOnly, ...item }) => item);
  for (const key of SCALARS) {
    if (base[key] !== next[key]) patch[key] = next[key] ?? '';
  }
  const extended = diffExtendedFields(base.extendedFields?.items ?? {}, next.extendedFields?.items ?? {});
  if (extended) patch.extendedFields = { items: extended };
  if (base.picture?.image !== next.picture?.image) patch.picture = { image: next.picture?.image ?? '' };
  return patch;
}

/** Deep equality of two infos (key order and absent-vs-undefined do not matter). */
export function infoEquals(a: ContactInfo, b: ContactInfo): boolean {
  return deepEqual(a, b);
}

function diffName(base: ContactName, next: ContactName): ContactName | undefined {
  const out: ContactName = {};
  for (const part of ['first', 'last'] as const) {
    if (base[part] !== next[part]) out[part] = next[part] ?? '';
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function diffExtendedFields(
  base: Record<string, ExtendedFieldValue>, next: Record<string, ExtendedFieldValue>,
): Record<string, ExtendedFieldValue> | undefined {
  const out: Record<string, ExtendedFieldValue> = {};
  const keys = new Set([...Object.keys(base), ...Object.keys(next)]);
  for (const key of keys) {
    if (isSystemExtendedFieldKey(key)) continue;
    const [b, n] = [Object.hasOwn(base, key) ? base[key] : undefined, Object.hasOwn(next, key) ? next[key] : undefined];
    if (b !== n) setOwn(out, key, n ?? '');
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
