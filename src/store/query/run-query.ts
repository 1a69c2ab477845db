/** Executes a query plan against `contacts`, with the server's matching and order. */
import type { Collection } from 'dexie';
import type { Contact } from '../../model/contact.js';
import { compareContacts, matchesFilter } from '../../model/query/match.js';
import type { ContactQuery } from './contact-query.js';
import { planQuery, type IndexRange, type QueryPlan } from './query-plan.js';
import type { ContactRow, ContactsDb } from '../schema.js';

/** One page of matches and the number of all matches. */
export interface QueryPage {
  readonly items: Contact[];
  readonly totalCount: number;
}

/**
 * Runs `query`: reads the plan's index range (or walks an index in sort order, or scans),
 * keeps the contacts that match the whole filter, orders them like the server and cuts the
 * page. Without a filter, or with one the sort index's range matches exactly (a prefix
 * search sorted by its field), the page is read straight off the index and the total from
 * `count()`, so a `limit(50)` reads 50 rows however many match. Works inside `liveQuery`
 * (Dexie reads only).
 *
 * @throws Dexie errors (callers map them with `mapStorageError`).
 * @example
 * ```ts
 * const { items, totalCount } = await runQuery(db, parseContactQuery({ paging: { limit: 20 } }));
 * ```
 */
export async function runQuery(db: ContactsDb, query: ContactQuery): Promise<QueryPage> {
  const plan = planQuery(query);
  const walk = matchesOnlyWalk(plan, query);
  if (walk !== undefined) return db.transaction('r', db.contacts, async () => orderedPage(db, walk, query));
  const matches = (await readRows(db, plan)).map((row) => row.c).filter((c) => query.filter === undefined || matchesFilter(c, query.filter));
  // An ordered walk is already in the sort order; anything else is sorted here.
  if (plan.kind !== 'ordered') matches.sort((a, b) => compareContacts(a, b, query.sort));
  return { items: matches.slice(query.offset, query.offset + query.limit), totalCount: matches.length };
}

/**
 * The page of `query` without its total, for callers that never show it (`observe()`).
 * IndexedDB counts row by row (Chromium takes 150-600 ms for 50,000 contacts), so a page
 * read off the sort index (unfiltered, or a prefix search by its own field) costs a few ms
 * here instead. Same items, same order as `runQuery`.
 *
 * @throws Dexie errors (callers map them with `mapStorageError`).
 * @example
 * ```ts
 * const items = await runQueryItems(db, parseContactQuery({ sort: [{ fieldName: 'info.name.last' }], paging: { limit: 50 } }));
 * ```
 */
export async function runQueryItems(db: ContactsDb, query: ContactQuery): Promise<Contact[]> {
  const walk = matchesOnlyWalk(planQuery(query), query);
  return walk === undefined ? (await runQuery(db, query)).items : walkPage(db, walk, query);
}

/** A plan that walks an index in the query's sort order. */
type Walk = Extract<QueryPlan, { kind: 'ordered' | 'orderedRange' }>;

/** `plan` when every row it walks is a match, in order: then a page is `offset` + `limit`. */
function matchesOnlyWalk(plan: QueryPlan, query: ContactQuery): Walk | undefined {
  return plan.kind === 'orderedRange' || (plan.kind === 'ordered' && query.filter === undefined) ? plan : undefined;
}

/**
 * The page and total of a walk whose every row matches (the caller checked the filter). Both
 * reads go out together: one round trip to IndexedDB instead of two.
 */
async function orderedPage(db: ContactsDb, plan: Walk, query: ContactQuery): Promise<QueryPage> {
  const [totalCount, items] = await Promise.all([
    plan.kind === 'ordered' ? db.contacts.count() : inRange(db, plan.index, plan.range).count(),
    walkPage(db, plan, query),
  ]);
  return { items, totalCount };
}

/** The page of a walk whose every row matches: `offset` rows skipped, `limit` read. */
async function walkPage(db: ContactsDb, plan: Walk, query: ContactQuery): Promise<Contact[]> {
  if (query.limit === 0) return [];
  const rows = await ordered(db, plan).offset(query.offset).limit(query.limit).toArray();
  return rows.map((r) => r.c);
}

function readRows(db: ContactsDb, plan: QueryPlan): Promise<ContactRow[]> {
  switch (plan.kind) {
    case 'index': return inRange(db, plan.index, plan.range).toArray();
    case 'ordered': case 'orderedRange': return ordered(db, plan).toArray();
    case 'scan': return db.contacts.toArray();
  }
}

function ordered(db: ContactsDb, plan: Walk): Collection<ContactRow, string> {
  const walk = plan.kind === 'ordered' ? db.contacts.orderBy(plan.index) : inRange(db, plan.index, plan.range);
  return plan.reverse ? walk.reverse() : walk;
}

function inRange(db: ContactsDb, index: string, range: IndexRange): Collection<ContactRow, string> {
  const where = db.contacts.where(index);
  switch (range.kind) {
    case 'equals': return where.equals(range.value);
    // A multiEntry index yields a row once per matching key.
    case 'anyOf': return index === 'k.labels' ? where.anyOf([...range.values]).distinct() : where.anyOf([...range.values]);
    case 'startsWith': return where.startsWith(range.prefix);
    case 'between': return where.between(range.lower, range.upper, range.includeLower, range.includeUpper);
  }
}
