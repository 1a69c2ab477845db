/** The merge of `extendedFields.items`, key by key. */
import type { ExtendedFieldValue } from '../model/contact.js';
import { DERIVED_EXTENDED_FIELD_KEYS } from '../model/limits.js';
import { setOwn } from '../model/plain-object.js';
import { formatConflictPath } from './conflict-path.js';
import { UNDECIDED, mergeValue, quickMerge, type LazyPath, type MergeContext } from './merge-value.js';

type FieldMap = Readonly<Record<string, ExtendedFieldValue>>;

const DERIVED: ReadonlySet<string> = /* @__PURE__ */ new Set(DERIVED_EXTENDED_FIELD_KEYS);

/**
 * True for keys the store derives from other fields (`contacts.displayBy*`), which the merge
 * leaves out because whoever stores the result derives them again.
 *
 * @example
 * ```ts
 * isDerivedExtendedField('contacts.displayByFirstName'); // true
 * ```
 */
export function isDerivedExtendedField(key: string): boolean {
  return DERIVED.has(key);
}

/**
 * Merges three versions of the extended-field map, each key like a single value (a key
 * absent on a side is that side's value `undefined`). Derived keys are left out.
 *
 * @example
 * ```ts
 * // local set 'yes', remote removed the key: a conflict, and 'yes' under the default policy
 * mergeExtendedFields(ctx, { 'custom.vip': 'no' }, { 'custom.vip': 'yes' }, {});
 * ```
 */
export function mergeExtendedFields(ctx: MergeContext, base: FieldMap, local: FieldMap, remote: FieldMap): Record<string, ExtendedFieldValue> {
  const out: Record<string, ExtendedFieldValue> = {};
  // Every key once: base's, then local's not in base, then remote's in neither.
  for (const key of Object.keys(base)) mergeKey(ctx, out, key, base, local, remote);
  for (const key of Object.keys(local)) if (!Object.hasOwn(base, key)) mergeKey(ctx, out, key, base, local, remote);
  for (const key of Object.keys(remote)) {
    if (!Object.hasOwn(base, key) && !Object.hasOwn(local, key)) mergeKey(ctx, out, key, base, local, remote);
  }
  return out;
}

/** The path of one extended field, printed only if a conflict needs it. */
class ExtendedFieldPath implements LazyPath {
  constructor(private readonly key: string) {}

  toString(): string {
    return formatConflictPath({ kind: 'extendedField', key: this.key });
  }
}

function mergeKey(ctx: MergeContext, out: Record<string, ExtendedFieldValue>, key: string, base: FieldMap, local: FieldMap, remote: FieldMap): void {
  if (DERIVED.has(key)) return;
  const b = own(base, key);
  const l = own(local, key);
  const r = own(remote, key);
  const quick = quickMerge(b, l, r);
  const value = quick === UNDECIDED ? mergeValue(ctx, new ExtendedFieldPath(key), b, l, r) : quick;
  if (value === undefined) return;
  if (key === '__proto__') setOwn(out, key, value);
  else out[key] = value;
}

// Keys come from stored data: `constructor` must read as absent, not as Object's.
function own(map: FieldMap, key: string): ExtendedFieldValue | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}
