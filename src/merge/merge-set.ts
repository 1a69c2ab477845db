/** The merge of lists that are sets of strings (label keys, location ids). */
import { sameValue } from './json-value.js';

/**
 * Merges three versions of a set: a member stays if both sides still have it, and joins if
 * either side added it; so an addition on either side is kept and a removal on either side
 * wins. Never a conflict. Order: base order, then local additions, then remote additions.
 *
 * @example
 * ```ts
 * mergeSet(['custom.a', 'custom.b'], ['custom.a', 'custom.c'], ['custom.a', 'custom.b', 'custom.d']);
 * // ['custom.a', 'custom.c', 'custom.d']
 * ```
 */
export function mergeSet(base: readonly string[], local: readonly string[], remote: readonly string[]): string[] {
  // One side unchanged: the formula gives the other side's set; take it with its order.
  if (sameValue(base, local)) return [...remote];
  if (sameValue(base, remote) || sameValue(local, remote)) return [...local];
  const inBase = membership(base);
  const inLocal = membership(local);
  const inRemote = membership(remote);
  const out: string[] = [];
  for (const x of base) if (inLocal(x) && inRemote(x)) out.push(x);
  for (const x of local) if (!inBase(x)) out.push(x);
  for (const x of remote) if (!inBase(x) && !inLocal(x)) out.push(x);
  // Normal-form inputs hold no duplicates; anything else must not produce them either.
  return out.length <= 16 ? out.filter((x, i) => out.indexOf(x) === i) : [...new Set(out)];
}

// A typical contact has a handful of labels: scanning them beats building a Set; up to 2000
// keys do not.
function membership(items: readonly string[]): (x: string) => boolean {
  if (items.length <= 16) return (x) => items.includes(x);
  const set = new Set(items);
  return (x) => set.has(x);
}
