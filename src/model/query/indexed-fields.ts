/**
 * The rows of the 9.1 table that the local store keeps index keys for (store/index-keys.ts),
 * and the helpers the table is written with. Apart from the rest of the table so that what
 * writes index keys (the page's write path, the sync worker) does not carry every query
 * field: the worker never parses a query (about 1 KB gzip of its bundle).
 */
import type { Contact } from '../contact.js';
import type { QueryFieldSpec, QueryOperator, QueryValueType } from './query-fields.js';

/** Operators of ordered values. */
export const RANGE_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const satisfies readonly QueryOperator[];
/** Operators of text values. */
export const TEXT_OPS = ['eq', 'ne', 'in', 'exists', 'startsWith'] as const satisfies readonly QueryOperator[];

/** One row of the table. */
export function spec(
  name: string, type: QueryValueType, operators: readonly QueryOperator[], sortable: boolean,
  read: (c: Contact) => unknown, sdkName?: string,
): QueryFieldSpec {
  return { name, type, operators, sortable, read, ...(sdkName === undefined ? {} : { sdkName }) };
}

/** `createdDate`: the default sort field. */
export const CREATED_DATE_FIELD: QueryFieldSpec =
  spec('createdDate', 'date', RANGE_OPS, true, (c) => c._createdDate, '_createdDate');
/** `primaryInfo.email`. */
export const PRIMARY_EMAIL_FIELD: QueryFieldSpec = spec('primaryInfo.email', 'string', TEXT_OPS, true, (c) => c.primaryInfo?.email);
/** `info.name.first`. */
export const FIRST_NAME_FIELD: QueryFieldSpec = spec('info.name.first', 'string', TEXT_OPS, true, (c) => c.info.name?.first);
/** `info.name.last`. */
export const LAST_NAME_FIELD: QueryFieldSpec = spec('info.name.last', 'string', TEXT_OPS, true, (c) => c.info.name?.last);
