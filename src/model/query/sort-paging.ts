/** Sort and paging of a query, validated. */
import type { QueryFieldSpec } from './query-fields.js';

/** One sort (Wix allows at most one). */
export interface SortSpec {
  readonly field: QueryFieldSpec;
  readonly order: 'ASC' | 'DESC';
}

/**
 * Parses `[{ fieldName, order? }]` (at most one; SDK or REST names). Undefined when absent.
 *
 * @throws ContactsError 400 `UNSUPPORTED_SORT_FIELD` (unknown or unsortable field, more than one sort)
 */
export function parseSort(sort: unknown): SortSpec | undefined {
  void sort; throw new Error('TODO(model helper): not implemented yet');
}

/**
 * Parses `{ limit?, offset? }`: limit defaults to 50, must be an integer 0..1000; offset
 * defaults to 0, a non-negative integer.
 *
 * @throws ContactsError 400 `ILLEGAL_LIMIT`, 400 `INVALID_ARGUMENT` (bad offset)
 */
export function parsePaging(paging: unknown): { limit: number; offset: number } {
  void paging; throw new Error('TODO(model helper): not implemented yet');
}
