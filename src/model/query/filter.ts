/** Wix WQL filters parsed into a small typed tree, with the Wix query error codes. */
import type { QueryFieldSpec, QueryOperator } from './query-fields.js';

/** A parsed filter. */
export type FilterNode =
  | { readonly kind: 'and'; readonly nodes: readonly FilterNode[] }
  | { readonly kind: 'or'; readonly nodes: readonly FilterNode[] }
  | { readonly kind: 'not'; readonly node: FilterNode }
  | { readonly kind: 'cmp'; readonly field: QueryFieldSpec; readonly op: QueryOperator; readonly value: unknown };

/**
 * Parses a WQL filter (`{ field: value }` is `$eq`; `{ field: { $op: v } }`; `$and`,
 * `$or`, `$not`), accepting SDK and REST field names and ISO strings or `Date`s for dates.
 * Returns undefined for an empty filter.
 *
 * @throws ContactsError 400 `MALFORMED_FILTER`, `UNSUPPORTED_FILTER_FIELD_UNKNOWN`,
 * `UNSUPPORTED_FILTER_OPERATOR`, `UNSUPPORTED_FILTER_VALUE`, `UNSUPPORTED_FILTER_VALUE_TYPE`
 */
export function parseFilter(filter: unknown): FilterNode | undefined {
  void filter; throw new Error('TODO(model helper): not implemented yet');
}
