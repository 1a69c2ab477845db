/**
 * Query Contacts (`POST /contacts/v4/contacts/query`) and List Contacts
 * (`GET /contacts/v4/contacts`): validation with the model's parsers, then one SQL page.
 */
import { parseFilter } from '../../src/model/query/filter.js';
import { parsePaging, parseSort } from '../../src/model/query/sort-paging.js';
import { LIMITS } from '../../src/model/limits.js';
import type { WireContact } from '../../src/model/wire.js';
import { queryContactRows, type ContactQuery } from '../storage/query-store.js';
import type { ContactsDeps } from './contacts-deps.js';
import { parseProjection, project, type Projection } from './projection.js';
import { queryList, queryNumber, readBody, readOptionalString } from './request-input.js';

/** Offset paging metadata, as Wix returns it (`hasNext` is Wix's internal field, kept for convenience). */
export interface PagingMetadata {
  readonly count: number;
  readonly offset: number;
  readonly total: number;
  readonly tooManyToCount: false;
  readonly hasNext: boolean;
}

/** A page of contacts. */
export interface ContactsPage {
  readonly contacts: WireContact[];
  readonly pagingMetadata: PagingMetadata;
}

async function runQuery(deps: ContactsDeps, tenantId: string, query: ContactQuery, projection: Projection): Promise<ContactsPage> {
  const { rows, total } = await queryContactRows(deps.sql, tenantId, query);
  return {
    contacts: rows.map((c) => project(c, projection)),
    pagingMetadata: {
      count: rows.length, offset: query.offset, total, tooManyToCount: false, hasNext: query.offset + rows.length < total,
    },
  };
}

/**
 * Runs a REST query body `{ query: { filter?, sort?, paging?, fields?, fieldsets? }, search? }`.
 *
 * @throws ContactsError 400 `MALFORMED_FILTER`, `UNSUPPORTED_FILTER_*`,
 * `UNSUPPORTED_SORT_FIELD`, `ILLEGAL_LIMIT`, `INVALID_ARGUMENT`
 */
export async function queryContacts(deps: ContactsDeps, tenantId: string, rawBody: unknown): Promise<ContactsPage> {
  const body = readBody(rawBody, ['query', 'search']);
  const q = readBody(body['query'], ['filter', 'sort', 'paging', 'fields', 'fieldsets'], 'query');
  const search = readOptionalString(body['search'], 'search', LIMITS.searchLength);
  const filter = parseFilter(q['filter']);
  const sort = parseSort(q['sort']);
  const { limit, offset } = parsePaging(q['paging']);
  const projection = parseProjection(q['fields'], q['fieldsets'], 'query.');
  return runQuery(deps, tenantId, { filter, sort, search, limit, offset }, projection);
}

/**
 * Lists contacts from query-string parameters `sort.fieldName`, `sort.order`,
 * `paging.limit`, `paging.offset`, `fields`, `fieldsets` (repeatable).
 *
 * @throws ContactsError 400 `UNSUPPORTED_SORT_FIELD`, `ILLEGAL_LIMIT`, `INVALID_ARGUMENT`
 */
export async function listContacts(deps: ContactsDeps, tenantId: string, qs: Record<string, unknown>): Promise<ContactsPage> {
  const fieldName = qs['sort.fieldName'];
  const sort = parseSort(fieldName === undefined ? undefined : { fieldName, order: qs['sort.order'] });
  const { limit, offset } = parsePaging({ limit: queryNumber(qs['paging.limit']), offset: queryNumber(qs['paging.offset']) });
  const projection = parseProjection(queryList(qs['fields']), queryList(qs['fieldsets']));
  return runQuery(deps, tenantId, { sort, limit, offset }, projection);
}
