/**
 * The SQL of List/Query Contacts: the tenant's contacts matching a parsed filter (and the
 * legacy free-text `search`), in the order of docs/ARCHITECTURE.md "Ordering" (the sort key,
 * then the id; DESC is ASC reversed), one offset page, and the total.
 */
import { appError } from '../../src/model/contacts-error.js';
import type { FilterNode } from '../../src/model/query/filter.js';
import type { QueryFieldSpec } from '../../src/model/query/query-fields.js';
import { DEFAULT_SORT, type SortSpec } from '../../src/model/query/sort-paging.js';
import type { WireContact } from '../../src/model/wire.js';
import { filterSql } from './filter-sql.js';
import { SORT_SOURCES } from './query-sources.js';
import { SqlParams } from './sql-params.js';
import type { SqlClient } from './sql.js';

/** A validated query. */
export interface ContactQuery {
  readonly filter?: FilterNode | undefined;
  readonly sort?: SortSpec | undefined;
  /** Legacy free text: an exact match on first name, last name, any email or any phone. */
  readonly search?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

/** The same order as `sortKeyOf` for extended fields: missing or "" first, numbers, then strings lower-cased. */
function extendedSortTerms(field: QueryFieldSpec, params: SqlParams): string[] {
  const x = `(c.data -> 'info' -> 'extendedFields' -> 'items' -> ${params.add(field.extendedKey ?? '')}::text)`;
  return [
    `CASE WHEN jsonb_typeof(${x}) = 'number' THEN 1 WHEN jsonb_typeof(${x}) = 'string' AND ${x} #>> '{}' <> '' THEN 2 ELSE 0 END`,
    `CASE WHEN jsonb_typeof(${x}) = 'number' THEN (${x})::numeric END`,
    `(CASE WHEN jsonb_typeof(${x}) = 'string' THEN lower(${x} #>> '{}') END) COLLATE "C"`,
  ];
}

function orderBySql(sort: SortSpec | undefined, params: SqlParams): string {
  const spec = sort ?? DEFAULT_SORT;
  const terms = spec.field.type === 'extended' ? extendedSortTerms(spec.field, params) : SORT_SOURCES.get(spec.field.name);
  if (terms === undefined) throw appError('UNSUPPORTED_SORT_FIELD', `cannot sort by ${spec.field.name}`, { fieldName: spec.field.name });
  const direction = spec.order === 'DESC' ? 'DESC' : 'ASC';
  return [...terms, 'c.id'].map((t) => `${t} ${direction}`).join(', ');
}

function searchSql(search: string, params: SqlParams): string {
  const p = `${params.add(search)}::text`;
  const inItems = (list: string, key: string): string =>
    `EXISTS (SELECT 1 FROM jsonb_array_elements(c.data #> '{info,${list},items}') AS e WHERE e ->> '${key}' = ${p})`;
  return `(coalesce(c.data #>> '{info,name,first}' = ${p}, false) OR coalesce(c.data #>> '{info,name,last}' = ${p}, false)`
    + ` OR ${inItems('emails', 'email')} OR ${inItems('phones', 'phone')})`;
}

function whereSql(tenantId: string, query: ContactQuery): { where: string; params: SqlParams } {
  const params = new SqlParams([tenantId]);
  const conditions = ['c.tenant_id = $1'];
  if (query.filter !== undefined) conditions.push(filterSql(query.filter, params));
  if (query.search !== undefined && query.search !== '') conditions.push(searchSql(query.search, params));
  return { where: conditions.join(' AND '), params };
}

/**
 * One page of matching contacts (REST form, as stored) and how many match in all.
 *
 * @throws ContactsError 400 `UNSUPPORTED_SORT_FIELD`, `UNSUPPORTED_FILTER_FIELD_UNKNOWN` for a
 * field the table lists but the server has no column for (none today; kept as a guard).
 */
export async function queryContactRows(
  db: SqlClient, tenantId: string, query: ContactQuery,
): Promise<{ rows: WireContact[]; total: number }> {
  const { where, params } = whereSql(tenantId, query);
  const countParams = [...params.values];
  const order = orderBySql(query.sort, params);
  const limit = params.add(query.limit);
  const offset = params.add(query.offset);
  // Statements whose text depends on the filter are not prepared (see QueryOptions.prepare).
  const prepare = query.filter === undefined;
  const rows = await db.query<{ data: WireContact }>(
    `SELECT c.data FROM contacts c WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`, params.values, { prepare });
  const count = await db.query<{ n: number }>(`SELECT count(*) AS n FROM contacts c WHERE ${where}`, countParams, { prepare });
  return { rows: rows.map((r) => r.data), total: Number(count[0]?.n ?? 0) };
}
