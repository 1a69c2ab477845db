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
 * (`page`); undefined when the page alone cannot tell. It cannot when a contact leaves a
 * full page (the one after the page's last would move up, and it is not in the page) or
 * sorts to its last place (that one may sort before it), and for pages after the first
 * (`offset`: what sorts before the page is not in it either). A write the page already
 * shows, or shows something newer of (an equal or higher revision), is skipped.
 *
 * @example
 * ```ts
 * const shown = withLocalWrites(page, writes.since(readAt), query) ?? page;
 * ```
 */
export function withLocalWrites(page: readonly Contact[], writes: readonly LocalWrite[], query: ContactQuery): Contact[] | undefined {
  if (query.offset !== 0 || query.limit === 0) return writes.length === 0 ? [...page] : undefined;
  const items = [...page];
  // Whether the database may hold matches that sort after the page's last.
  let more = page.length >= query.limit;
  for (const write of writes) {
    const at = items.findIndex((c) => c._id === write.id);
    if (at >= 0 && items[at]!.revision >= write.revision) continue;
    if (at >= 0) items.splice(at, 1);
    const after = write.after !== undefined && (query.filter === undefined || matchesFilter(write.after, query.filter)) ? write.after : undefined;
    let to = after === undefined ? -1 : items.findIndex((c) => compareContacts(after, c, query.sort) < 0);
    if (after !== undefined && to < 0) to = items.length;
    if (after === undefined || (more && to === items.length)) {
      // Not shown, or after every contact shown while more may follow: if it was shown, the
      // next match in the database (not in the page) takes a place here.
      if (at >= 0 && more) return undefined;
      continue;
    }
    items.splice(to, 0, after);
    if (items.length > query.limit) {
      items.pop();
      more = true;
    }
  }
  return items;
}
