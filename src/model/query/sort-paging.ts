/** Sort and paging of a query, validated. */
import { appError, validationError } from '../contacts-error.js';
import { SORT_ORDERS, type SortOrder } from '../enums.js';
import { LIMITS } from '../limits.js';
import { isPlainObject } from './plain-object.js';
import { CREATED_DATE_FIELD, resolveQueryField, type QueryFieldSpec } from './query-fields.js';

/** One sort (Wix allows at most one). */
export interface SortSpec {
  readonly field: QueryFieldSpec;
  readonly order: 'ASC' | 'DESC';
}

/** The order of a query without a sort: `createdDate` ASC (ties by `_id`). */
export const DEFAULT_SORT: SortSpec = { field: CREATED_DATE_FIELD, order: 'ASC' };

/**
 * Parses `[{ fieldName, order? }]` (at most one; SDK or REST names; a bare object is taken
 * as a list of one). `order` is `ASC` (the default) or `DESC`. Undefined when absent or empty.
 *
 * @throws ContactsError 400 `UNSUPPORTED_SORT_FIELD` (unknown or unsortable field, no
 * `fieldName`, more than one sort), 400 `INVALID_ARGUMENT` (an `order` other than ASC/DESC)
 *
 * @example
 * ```ts
 * parseSort([{ fieldName: '_createdDate', order: 'DESC' }]); // { field: <createdDate>, order: 'DESC' }
 * parseSort([{ fieldName: 'info.labelKeys' }]); // throws UNSUPPORTED_SORT_FIELD
 * ```
 */
export function parseSort(sort: unknown): SortSpec | undefined {
  if (sort === undefined || sort === null) return undefined;
  const list: readonly unknown[] = Array.isArray(sort) ? sort : [sort];
  if (list.length > 1) throw appError('UNSUPPORTED_SORT_FIELD', 'at most one sort is supported', { count: list.length });
  return list.length === 0 ? undefined : parseOneSort(list[0]);
}

function parseOneSort(raw: unknown): SortSpec {
  const fieldName = isPlainObject(raw) ? raw['fieldName'] : undefined;
  if (typeof fieldName !== 'string') throw appError('UNSUPPORTED_SORT_FIELD', 'a sort needs a fieldName');
  const field = resolveQueryField(fieldName);
  if (field === undefined || !field.sortable) {
    throw appError('UNSUPPORTED_SORT_FIELD', `cannot sort by ${fieldName}`, { fieldName });
  }
  return { field, order: parseOrder(isPlainObject(raw) ? raw['order'] : undefined) };
}

function parseOrder(order: unknown): SortOrder {
  if (order === undefined || order === null) return 'ASC';
  const known = SORT_ORDERS.find((o) => o === order);
  if (known !== undefined) return known;
  throw validationError([{ field: 'sort.order', description: 'must be ASC or DESC', violatedRule: 'VALID' }]);
}

/**
 * Parses `{ limit?, offset? }`: limit defaults to 50, must be an integer 0..1000; offset
 * defaults to 0, a non-negative integer. `null` counts as absent.
 *
 * @throws ContactsError 400 `ILLEGAL_LIMIT`, 400 `INVALID_ARGUMENT` (bad offset, or paging not an object)
 *
 * @example
 * ```ts
 * parsePaging(undefined); // { limit: 50, offset: 0 }
 * parsePaging({ limit: 1001 }); // throws ILLEGAL_LIMIT
 * ```
 */
export function parsePaging(paging: unknown): { limit: number; offset: number } {
  if (paging === undefined || paging === null) return { limit: LIMITS.queryLimitDefault, offset: 0 };
  if (!isPlainObject(paging)) {
    throw validationError([{ field: 'paging', description: 'must be an object', violatedRule: 'VALID' }]);
  }
  return { limit: parseLimit(paging['limit']), offset: parseOffset(paging['offset']) };
}

function parseLimit(limit: unknown): number {
  if (limit === undefined || limit === null) return LIMITS.queryLimitDefault;
  if (typeof limit === 'number' && Number.isInteger(limit) && limit >= 0 && limit <= LIMITS.queryLimitMax) return limit;
  throw appError('ILLEGAL_LIMIT', `limit must be an integer 0..${LIMITS.queryLimitMax}`, { max: LIMITS.queryLimitMax });
}

function parseOffset(offset: unknown): number {
  if (offset === undefined || offset === null) return 0;
  if (typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0) return offset;
  throw validationError([{ field: 'paging.offset', description: 'must be a non-negative integer', violatedRule: 'MIN' }]);
}
