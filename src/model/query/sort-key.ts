/**
 * Sort keys: the one place that says how a contact's value of a sortable field orders, so the
 * in-memory comparator, the local index keys and the server's `ORDER BY` can agree.
 */
import type { Contact } from '../contact.js';
import type { QueryFieldSpec } from './query-fields.js';

/**
 * A comparable key: first by `rank`, then by `value` (numbers numerically, strings in UTF-16
 * code-unit order).
 */
export interface SortKey {
  readonly rank: number;
  readonly value: number | string;
}

const MISSING_STRING: SortKey = { rank: 0, value: '' };
const MISSING_INSTANT: SortKey = { rank: 0, value: Number.NEGATIVE_INFINITY };

/**
 * The sort key of `field` in `contact`. Strings (and `YYYY-MM-DD` dates) sort lower-cased
 * (`toLowerCase()`), a missing one as `""`; dates by instant, a missing one first. Extended
 * fields: missing (or `""`) first, then numbers ascending, then strings lower-cased.
 */
export function sortKeyOf(field: QueryFieldSpec, contact: Contact): SortKey {
  const v = field.read(contact);
  switch (field.type) {
    case 'date':
      return v instanceof Date && !Number.isNaN(v.getTime()) ? { rank: 0, value: v.getTime() } : MISSING_INSTANT;
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? { rank: 0, value: v } : MISSING_INSTANT;
    case 'extended':
      return extendedKey(v);
    case 'string':
    case 'localDate':
    case 'stringList':
      return typeof v === 'string' ? { rank: 0, value: v.toLowerCase() } : MISSING_STRING;
  }
}

function extendedKey(v: unknown): SortKey {
  if (typeof v === 'number' && Number.isFinite(v)) return { rank: 1, value: v };
  if (typeof v === 'string' && v !== '') return { rank: 2, value: v.toLowerCase() };
  return MISSING_STRING;
}

/** -1, 0 or 1: strings in UTF-16 code-unit order (not locale order), numbers numerically. */
export function compareRaw(a: number | string, b: number | string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** Orders two sort keys: by rank, then by value. */
export function compareSortKeys(a: SortKey, b: SortKey): number {
  return a.rank !== b.rank ? Math.sign(a.rank - b.rank) : compareRaw(a.value, b.value);
}
