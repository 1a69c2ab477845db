/** The SDK's `ContactsQueryResult`: one page plus paging helpers that run neighbouring pages. */
import type { ContactQuery } from '../store/query/contact-query.js';
import type { QueryPage } from '../store/query/run-query.js';
import type { ContactsQueryResult } from './types.js';

/** Runs the same query at another offset. */
export type RunAtOffset = (offset: number) => Promise<ContactsQueryResult>;

/**
 * The result object for `page`, read with `query`'s paging.
 *
 * @example
 * ```ts
 * const result = queryResult(page, query, (offset) => runner.find({ ...raw, paging: { limit, offset } }));
 * if (result.hasNext()) await result.next();
 * ```
 */
export function queryResult(page: QueryPage, query: Pick<ContactQuery, 'limit' | 'offset'>, runAt: RunAtOffset): ContactsQueryResult {
  const { limit, offset } = query;
  const { items, totalCount } = page;
  return {
    items,
    totalCount,
    pageSize: limit,
    currentPage: limit > 0 ? Math.floor(offset / limit) : 0,
    totalPages: limit > 0 ? Math.ceil(totalCount / limit) : 0,
    length: items.length,
    hasNext: () => limit > 0 && offset + limit < totalCount,
    hasPrev: () => offset > 0,
    next: () => runAt(offset + limit),
    prev: () => runAt(Math.max(0, offset - limit)),
  };
}
