/**
 * The query planner: picks one IndexedDB index range that contains every match (the rest of
 * the filter is checked in memory), or an index to walk in sort order, or a full scan.
 *
 * Indexed: `id` (primary key), the lower-cased `k.first`/`k.last`/`k.email`/`k.phone` for
 * eq/in/startsWith (case-sensitive eq/in are then checked exactly), `k.created` for
 * eq/gt/gte/lt/lte (all bounds in the AND combined), `*k.labels` for hasSome/hasAll.
 */
import type { FilterNode } from '../../model/query/filter.js';
import type { ContactQuery } from './contact-query.js';
import { lower } from '../lower.js';

/** An index of the `contacts` table a plan may use. */
export type ContactIndex = '_id' | 'k.first' | 'k.last' | 'k.email' | 'k.phone' | 'k.created' | 'k.labels';

/** A key range on one index. */
export type IndexRange =
  | { readonly kind: 'equals'; readonly value: string }
  | { readonly kind: 'anyOf'; readonly values: readonly string[] }
  | { readonly kind: 'startsWith'; readonly prefix: string }
  | { readonly kind: 'between'; readonly lower: number; readonly upper: number; readonly includeLower: boolean; readonly includeUpper: boolean };

/**
 * How a query reads the table: `index` reads a range holding every match (then filters and
 * sorts in memory), `ordered` walks the sort index, `orderedRange` walks a range of the sort
 * index that holds exactly the matches (a search box: `startsWith` on a name sorted by that
 * name), so a page is read off the index like an unfiltered one, `scan` reads everything.
 */
export type QueryPlan =
  | { readonly kind: 'index'; readonly index: ContactIndex; readonly range: IndexRange }
  | { readonly kind: 'ordered'; readonly index: ContactIndex; readonly reverse: boolean }
  | { readonly kind: 'orderedRange'; readonly index: ContactIndex; readonly range: IndexRange; readonly reverse: boolean }
  | { readonly kind: 'scan' };

type Cmp = Extract<FilterNode, { kind: 'cmp' }>;
type Candidate = { readonly score: number; readonly plan: QueryPlan };

const STRING_INDEX: Readonly<Record<string, ContactIndex>> = {
  'info.name.first': 'k.first', 'info.name.last': 'k.last', 'primaryInfo.email': 'k.email', 'primaryInfo.phone': 'k.phone',
};
const SORT_INDEX: Readonly<Record<string, ContactIndex>> = {
  createdDate: 'k.created', 'info.name.first': 'k.first', 'info.name.last': 'k.last', 'primaryInfo.email': 'k.email',
};

/**
 * The plan for `query`. Lower scores are more selective: equality first, labels, prefixes,
 * then date ranges. A lone `startsWith` sorted by its own field becomes `orderedRange`.
 *
 * @example
 * ```ts
 * planQuery(parseContactQuery({ filter: { 'info.name.last': { $startsWith: 'Sm' } } }));
 * // { kind: 'index', index: 'k.last', range: { kind: 'startsWith', prefix: 'sm' } }
 * ```
 */
export function planQuery(query: ContactQuery): QueryPlan {
  const cmps = conjuncts(query.filter);
  const candidates = [...cmps.map(cmpCandidate), createdRange(cmps)].filter((c): c is Candidate => c !== undefined);
  const best = candidates.sort((a, b) => a.score - b.score)[0];
  const sortIndex = SORT_INDEX[query.sort?.field.name ?? 'createdDate'];
  const reverse = query.sort?.order === 'DESC';
  if (best === undefined) return sortIndex === undefined ? { kind: 'scan' } : { kind: 'ordered', index: sortIndex, reverse };
  const { plan } = best;
  return plan.kind === 'index' && plan.index === sortIndex && isExactRange(plan.range) && coversFilter(query.filter)
    ? { kind: 'orderedRange', index: plan.index, range: plan.range, reverse }
    : plan;
}

/**
 * Whether a range's keys match exactly what its comparison does. Only a prefix is exact:
 * keys are lower-cased and `startsWith` ignores case, while `eq`/`in` compare case-sensitively.
 * Walking the range then gives `compareContacts`' order (index-keys.ts), ties in `_id` order.
 */
function isExactRange(range: IndexRange): boolean {
  return range.kind === 'startsWith';
}

/** Whether `node` is one comparison, alone or in ANDs of one: nothing left for the matcher. */
function coversFilter(node: FilterNode | undefined): boolean {
  if (node === undefined || node.kind === 'cmp') return node !== undefined;
  return node.kind === 'and' && node.nodes.length === 1 && coversFilter(node.nodes[0]);
}

/** The comparisons every match must satisfy: the top-level AND, flattened. */
function conjuncts(node: FilterNode | undefined): Cmp[] {
  if (node === undefined) return [];
  if (node.kind === 'cmp') return [node];
  return node.kind === 'and' ? node.nodes.flatMap(conjuncts) : [];
}

function cmpCandidate(cmp: Cmp): Candidate | undefined {
  const name = cmp.field.name;
  if (name === 'id') return exactCandidate('_id', cmp, (s) => s);
  if (name === 'info.labelKeys') return labelCandidate(cmp);
  const index = STRING_INDEX[name];
  if (index === undefined) return undefined;
  if (cmp.op === 'startsWith') {
    return typeof cmp.value === 'string' && cmp.value !== ''
      ? { score: 2, plan: { kind: 'index', index, range: { kind: 'startsWith', prefix: lower(cmp.value) } } }
      : undefined;
  }
  return exactCandidate(index, cmp, lower);
}

/** eq / in: an equality range, on lower-cased keys for the string indexes. */
function exactCandidate(index: ContactIndex, cmp: Cmp, key: (s: string) => string): Candidate | undefined {
  if (cmp.op === 'eq' && typeof cmp.value === 'string') {
    return { score: 0, plan: { kind: 'index', index, range: { kind: 'equals', value: key(cmp.value) } } };
  }
  const values = cmp.op === 'in' ? stringList(cmp.value) : undefined;
  return values === undefined ? undefined : { score: 0, plan: { kind: 'index', index, range: { kind: 'anyOf', values: values.map(key) } } };
}

function labelCandidate(cmp: Cmp): Candidate | undefined {
  const values = stringList(cmp.value);
  if (values === undefined) return undefined;
  if (cmp.op === 'hasSome') return { score: 1, plan: { kind: 'index', index: 'k.labels', range: { kind: 'anyOf', values } } };
  if (cmp.op !== 'hasAll') return undefined;
  return { score: 1, plan: { kind: 'index', index: 'k.labels', range: { kind: 'equals', value: values[0] ?? '' } } };
}

/** A non-empty list of strings, else undefined (an empty list is left to the matcher). */
function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string') ? value : undefined;
}

/** Every bound on `createdDate` in the AND, as one range. */
function createdRange(cmps: readonly Cmp[]): Candidate | undefined {
  let range = { lower: -Infinity, upper: Infinity, includeLower: true, includeUpper: true };
  let used = false;
  for (const cmp of cmps) {
    if (cmp.field.name !== 'createdDate') continue;
    const ms = toMillis(cmp.value);
    if (Number.isNaN(ms)) continue;
    const next = tighten(range, cmp.op, ms);
    if (next !== undefined) { range = next; used = true; }
  }
  return used ? { score: 3, plan: { kind: 'index', index: 'k.created', range: { kind: 'between', ...range } } } : undefined;
}

type Bounds = { lower: number; upper: number; includeLower: boolean; includeUpper: boolean };

/** `r` narrowed by one comparison; any superset of the matches is correct, the matcher decides. */
function tighten(r: Bounds, op: Cmp['op'], ms: number): Bounds | undefined {
  switch (op) {
    case 'eq': return withUpper(withLower(r, ms, true), ms, true);
    case 'gt': return withLower(r, ms, false);
    case 'gte': return withLower(r, ms, true);
    case 'lt': return withUpper(r, ms, false);
    case 'lte': return withUpper(r, ms, true);
    default: return undefined;
  }
}

function withLower(r: Bounds, ms: number, include: boolean): Bounds {
  return ms > r.lower || (ms === r.lower && !include) ? { ...r, lower: ms, includeLower: include } : r;
}

function withUpper(r: Bounds, ms: number, include: boolean): Bounds {
  return ms < r.upper || (ms === r.upper && !include) ? { ...r, upper: ms, includeUpper: include } : r;
}

/** A date filter value as epoch ms (the parser may hand over a `Date`, a number or an ISO string). */
function toMillis(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  return typeof value === 'string' ? Date.parse(value) : Number.NaN;
}
