/** In-memory evaluation of parsed filters and sorts over SDK contacts. */
import type { Contact } from '../contact.js';
import type { FilterNode } from './filter.js';
import type { SortSpec } from './sort-paging.js';

/** Whether `contact` satisfies `node` (`startsWith` is case-insensitive). */
export function matchesFilter(contact: Contact, node: FilterNode): boolean {
  void contact; void node; throw new Error('TODO(model helper): not implemented yet');
}

/**
 * Orders two contacts by `sort` (strings compare lower-cased in code-unit order; missing
 * values first in ASC, as the empty string), ties broken by `_id`, so the order is total;
 * DESC is exactly ASC reversed. This is the order of an IndexedDB index (ties in primary-key
 * order, `prev` reverses both) and of the server's `ORDER BY key, id` / `key DESC, id DESC`. Without a sort: `_createdDate` ASC, then `_id`.
 */
export function compareContacts(a: Contact, b: Contact, sort: SortSpec | undefined): number {
  void a; void b; void sort; throw new Error('TODO(model helper): not implemented yet');
}
