/** A validated query: the WQL the SDK builder produces, parsed by the same model code as the server's. */
import type { FilterNode } from '../../model/query/filter.js';
import { parseFilter } from '../../model/query/filter.js';
import { parsePaging, parseSort, type SortSpec } from '../../model/query/sort-paging.js';

/** A query in Wix form, as the SDK builder sends it (`{ filter, sort, paging }`). */
export interface RawContactQuery {
  readonly filter?: unknown;
  readonly sort?: unknown;
  readonly paging?: unknown;
}

/** A parsed query. */
export interface ContactQuery {
  readonly filter: FilterNode | undefined;
  readonly sort: SortSpec | undefined;
  readonly limit: number;
  readonly offset: number;
}

/**
 * Parses and validates a raw query, with the server's codes.
 *
 * @throws ContactsError 400 `MALFORMED_FILTER`, `UNSUPPORTED_FILTER_FIELD_UNKNOWN`,
 * `UNSUPPORTED_FILTER_OPERATOR`, `UNSUPPORTED_FILTER_VALUE`, `UNSUPPORTED_FILTER_VALUE_TYPE`,
 * `UNSUPPORTED_SORT_FIELD`, `ILLEGAL_LIMIT`, `INVALID_ARGUMENT` (offset).
 * @example
 * ```ts
 * const q = parseContactQuery({ filter: { 'info.name.first': { $startsWith: 'a' } }, paging: { limit: 10 } });
 * ```
 */
export function parseContactQuery(raw: RawContactQuery): ContactQuery {
  const filter = parseFilter(raw.filter ?? {});
  const sort = parseSort(raw.sort);
  const { limit, offset } = parsePaging(raw.paging ?? {});
  return { filter, sort, limit, offset };
}
