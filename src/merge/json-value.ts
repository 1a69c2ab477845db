/** Equality and copying of the JSON-like values an info is made of. */
import { setOwn } from '../model/plain-object.js';

/**
 * Deep equality of JSON-like values (strings, numbers, booleans, arrays, plain objects). A
 * key whose value is `undefined` counts as absent, as it does once an info is stored.
 *
 * @example
 * ```ts
 * sameValue({ city: 'Oslo', hint: undefined }, { city: 'Oslo' }); // true
 * ```
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  // Loops rather than every()/Object.keys(): this is the merge's hottest function.
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let defined = 0;
  for (const k in ra) {
    const v = ra[k];
    if (v === undefined) continue;
    defined++;
    if (!Object.hasOwn(rb, k) || !sameValue(v, rb[k])) return false;
  }
  for (const k in rb) if (rb[k] !== undefined) defined--;
  return defined === 0;
}

/**
 * A deep copy of a JSON-like value, so that a merged info or a recorded conflict never shares
 * a mutable object with the inputs (SDK-style callers edit infos in place). Keys holding
 * `undefined` are dropped.
 *
 * @example
 * ```ts
 * const copy = cloneValue({ image: 'https://x/y.png' }); // a new object, equal to the old one
 * ```
 */
export function cloneValue<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = cloneValue(value[i] as unknown);
    return copy as T;
  }
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in source) {
    const v = source[k];
    if (v === undefined) continue;
    // Plain assignment is much faster than defineProperty; only `__proto__` needs the latter.
    if (k === '__proto__') setOwn(out, k, cloneValue(v));
    else out[k] = cloneValue(v);
  }
  return out as T;
}
