/** In-memory evaluation of parsed filters and sorts over SDK contacts. */
import type { Contact } from '../contact.js';
import type { FilterNode } from './filter.js';
import type { QueryFieldSpec, QueryOperator } from './query-fields.js';
import { compareRaw, compareSortKeys, sortKeyOf } from './sort-key.js';
import { DEFAULT_SORT, type SortSpec } from './sort-paging.js';

/**
 * Whether `contact` satisfies `node` (`startsWith` is case-insensitive; `eq`/`ne`/`in` on
 * strings are case-sensitive). On a list field an operator holds when some element
 * satisfies it, except `ne`/`nin` (no element equals) and `exists` (the list is not empty).
 * A missing value satisfies `ne`, `nin` and `exists: false` only. Values of different types
 * (a number against a string in an extended field) are never equal nor ordered.
 *
 * @example
 * ```ts
 * const node = parseFilter({ 'info.name.first': { $startsWith: 'an' } });
 * matchesFilter({ _id: 'a', revision: 1, info: { name: { first: 'Ann' } } }, node!); // true
 * ```
 */
export function matchesFilter(contact: Contact, node: FilterNode): boolean {
  switch (node.kind) {
    case 'and':
      return node.nodes.every((n) => matchesFilter(contact, n));
    case 'or':
      return node.nodes.some((n) => matchesFilter(contact, n));
    case 'not':
      return !matchesFilter(contact, node.node);
    case 'cmp':
      return matchesValues(valuesOf(node.field, contact), node.op, node.value);
  }
}

/** The field's present values as a list: [] when missing, one item for a scalar. */
function valuesOf(field: QueryFieldSpec, contact: Contact): unknown[] {
  const v = field.read(contact);
  if (Array.isArray(v)) return v.filter((x: unknown) => x !== undefined && x !== null);
  return v === undefined || v === null ? [] : [v];
}

function sameValue(a: unknown, b: unknown): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}

/** -1/0/1 for two values of the same comparable type, else undefined. */
function order(a: unknown, b: unknown): number | undefined {
  if (a instanceof Date && b instanceof Date) return compareRaw(a.getTime(), b.getTime());
  if (typeof a === 'number' && typeof b === 'number') return compareRaw(a, b);
  if (typeof a === 'string' && typeof b === 'string') return compareRaw(a, b);
  return undefined;
}

function startsWithIgnoringCase(v: unknown, prefix: unknown): boolean {
  return typeof v === 'string' && typeof prefix === 'string' && v.toLowerCase().startsWith(prefix.toLowerCase());
}

function operandList(operand: unknown): readonly unknown[] {
  return Array.isArray(operand) ? operand : [];
}

function matchesValues(values: readonly unknown[], op: QueryOperator, operand: unknown): boolean {
  const holds = (test: (v: unknown) => boolean): boolean => values.some(test);
  const ordered = (accept: (c: number) => boolean): boolean =>
    holds((v) => { const c = order(v, operand); return c !== undefined && accept(c); });
  const isIn = (v: unknown): boolean => operandList(operand).some((o) => sameValue(v, o));
  switch (op) {
    case 'eq': return holds((v) => sameValue(v, operand));
    case 'ne': return !holds((v) => sameValue(v, operand));
    case 'in': return holds(isIn);
    case 'nin': return !holds(isIn);
    case 'exists': return (values.length > 0) === operand;
    case 'startsWith': return holds((v) => startsWithIgnoringCase(v, operand));
    case 'gt': return ordered((c) => c > 0);
    case 'gte': return ordered((c) => c >= 0);
    case 'lt': return ordered((c) => c < 0);
    case 'lte': return ordered((c) => c <= 0);
    case 'hasSome': return operandList(operand).some((o) => holds((v) => sameValue(v, o)));
    case 'hasAll': return operandList(operand).every((o) => holds((v) => sameValue(v, o)));
  }
}

/**
 * Orders two contacts by `sort` (strings compare lower-cased in code-unit order; missing
 * values first in ASC, as the empty string), ties broken by `_id`, so the order is total;
 * DESC is exactly ASC reversed. This is the order of an IndexedDB index (ties in primary-key
 * order, `prev` reverses both) and of the server's `ORDER BY key, id` / `key DESC, id DESC`. Without a sort: `_createdDate` ASC, then `_id`.
 * See `sortKeyOf` for dates and extended fields.
 *
 * @example
 * ```ts
 * contacts.sort((a, b) => compareContacts(a, b, parseSort([{ fieldName: 'info.name.last' }])));
 * ```
 */
export function compareContacts(a: Contact, b: Contact, sort: SortSpec | undefined): number {
  const { field, order: direction } = sort ?? DEFAULT_SORT;
  const asc = compareSortKeys(sortKeyOf(field, a), sortKeyOf(field, b)) || compareRaw(a._id, b._id);
  // `asc === 0` only for the same `_id`; avoid returning -0.
  return direction === 'DESC' && asc !== 0 ? -asc : asc;
}
