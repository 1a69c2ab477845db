/** Shape checks for untrusted query input (a request body, or whatever SDK code passed). */

/** A JSON-like object: not null, not an array, not a `Date`. */
export type PlainObject = Readonly<Record<string, unknown>>;

/** True for objects that can be read as a map of keys (not arrays, not `Date`s). */
export function isPlainObject(v: unknown): v is PlainObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/**
 * The own enumerable entries of `o` whose value is not `undefined`. JSON drops such keys on
 * the wire, so the local engine drops them too and both sides see the same query.
 */
export function definedEntries(o: PlainObject): [string, unknown][] {
  return Object.entries(o).filter((e) => e[1] !== undefined);
}
