/**
 * A live list's page with this tab's writes in flight applied to it (src/store/local-writes.ts),
 * computed from the page alone: pure, with the same matching and order as the query.
 */
import type { Contact } from '../model/contact.js';
import { compareContacts, matchesFilter } from '../model/query/match.js';
import type { ContactQuery } from '../store/query/contact-query.js';
import type { LocalWrite } from '../store/local-writes.js';

/**
 * The page `query` would read once `writes` are stored, given the page it read before
 * (`page`), as far as the page alone tells: the writes are applied in order up to the first
 * it cannot place, and the page after those is returned (a state the database goes through,
 * as this tab's writes commit in this order). It cannot place a contact that leaves a full
 * page (the one after the page's last would move up, and it is not in the page) or sorts to
 * its last place (that one may sort before it), nor any write on a page after the first
 * (`offset`: what sorts before the page is not in it either). A write the page already
 * shows, or shows something newer of (an equal or higher revision), is skipped.
 *
 * @example
 * ```ts
 * const shown = withLocalWrites(page, writes.since(readAt), query);
 * ```
 */
export function withLocalWrites(page: readonly Contact[], writes: readonly LocalWrite[], query: ContactQuery): Contact[] {
  return placeWrites(page, writes, query).items;
}

/**
 * `withLocalWrites`, with how many of `writes` it got through (placed or skipped): the
 * page is the one the database reads with that many of them stored.
 *
 * @example
 * ```ts
 * const { items, applied } = placeWrites(page, writes, query); // applied <= writes.length
 * ```
 */
export function placeWrites(page: readonly Contact[], writes: readonly LocalWrite[], query: ContactQuery): { readonly items: Contact[]; readonly applied: number } {
  const items = [...page];
  if (query.offset !== 0 || query.limit === 0) return { items, applied: 0 };
  // Whether the database may hold matches that sort after the page's last.
  let more = page.length >= query.limit;
  for (const [applied, write] of writes.entries()) {
    const at = items.findIndex((c) => c._id === write.id);
    if (at >= 0 && items[at]!.revision >= write.revision) continue;
    const after = write.after !== undefined && (query.filter === undefined || matchesFilter(write.after, query.filter)) ? write.after : undefined;
    // Its place among the page's other contacts; `others` when after all of them.
    const others = at >= 0 ? items.length - 1 : items.length;
    const to = after === undefined ? -1 : placeAmong(items, at, after, query);
    if (after === undefined || (more && to === others)) {
      // Not shown, or after every contact shown while more may follow: if it was shown, the
      // next match in the database (not in the page) takes a place here, unknown.
      if (at >= 0 && more) return { items, applied };
      if (at >= 0) items.splice(at, 1);
      continue;
    }
    if (at >= 0) items.splice(at, 1);
    items.splice(to, 0, after);
    if (items.length > query.limit) {
      items.pop();
      more = true;
    }
  }
  return { items, applied: writes.length };
}

/** How many of `items` (leaving out the one at `skip`) sort before `contact`, in the query's order. */
function placeAmong(items: readonly Contact[], skip: number, contact: Contact, query: ContactQuery): number {
  let place = 0;
  for (const [i, c] of items.entries()) {
    if (i === skip) continue;
    if (compareContacts(contact, c, query.sort) < 0) break;
    place++;
  }
  return place;
}
