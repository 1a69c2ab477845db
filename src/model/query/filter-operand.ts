/**
 * The value side of one comparison: checks that the value fits the field and the operator
 * and normalises it (ISO strings become `Date`s, arrays are copied).
 */
import { appError, type ContactsError } from '../contacts-error.js';
import type { ContactsErrorCode } from '../error-codes.js';
import { isLocalDate, parseIsoDateTime } from './iso-date.js';
import type { QueryFieldSpec, QueryOperator } from './query-fields.js';

/** The most values an `$in`/`$nin`/`$hasSome`/`$hasAll` array may hold. */
export const MAX_FILTER_LIST_VALUES = 1000;

/** Where in the filter a value sits: the field as the caller wrote it, and the `$` operator. */
export interface OperandSite {
  readonly field: string;
  readonly operator: string;
}

/** A filter error about one field and operator, with both in `data`. */
export function filterError(code: ContactsErrorCode, site: OperandSite, description: string): ContactsError {
  return appError(code, `${site.field} ${site.operator}: ${description}`, { field: site.field, operator: site.operator });
}

const LIST_OPERATORS: ReadonlySet<QueryOperator> = /* @__PURE__ */ new Set(['in', 'nin', 'hasSome', 'hasAll']);

/**
 * The normalised operand of `field <op> value`: a boolean for `exists`, a copied array for
 * the list operators, else one scalar (string, finite number, or `Date`).
 *
 * @throws ContactsError 400 `UNSUPPORTED_FILTER_VALUE_TYPE`, `UNSUPPORTED_FILTER_VALUE`
 */
export function parseOperand(field: QueryFieldSpec, op: QueryOperator, value: unknown, site: OperandSite): unknown {
  if (op === 'exists') {
    if (typeof value !== 'boolean') throw filterError('UNSUPPORTED_FILTER_VALUE_TYPE', site, 'expects a boolean');
    return value;
  }
  if (op === 'startsWith') {
    if (typeof value !== 'string') throw filterError('UNSUPPORTED_FILTER_VALUE_TYPE', site, 'expects a string');
    return value;
  }
  return LIST_OPERATORS.has(op) ? parseList(field, value, site) : parseScalar(field, value, site);
}

function parseList(field: QueryFieldSpec, value: unknown, site: OperandSite): unknown[] {
  if (!Array.isArray(value)) throw filterError('UNSUPPORTED_FILTER_VALUE_TYPE', site, 'expects an array');
  if (value.length === 0 || value.length > MAX_FILTER_LIST_VALUES) {
    throw filterError('UNSUPPORTED_FILTER_VALUE', site, `expects 1..${MAX_FILTER_LIST_VALUES} values`);
  }
  return Array.from(value, (v: unknown) => parseScalar(field, v, site));
}

function parseScalar(field: QueryFieldSpec, value: unknown, site: OperandSite): unknown {
  switch (field.type) {
    case 'string':
    case 'stringList':
      if (typeof value !== 'string') throw filterError('UNSUPPORTED_FILTER_VALUE_TYPE', site, 'expects a string');
      return value;
    case 'date':
      return parseDate(value, site);
    case 'localDate':
      if (typeof value !== 'string') throw filterError('UNSUPPORTED_FILTER_VALUE_TYPE', site, 'expects a YYYY-MM-DD string');
      if (!isLocalDate(value)) throw filterError('UNSUPPORTED_FILTER_VALUE', site, 'expects a YYYY-MM-DD date');
      return value;
    case 'number':
      return parseNumber(value, site, 'expects a number');
    case 'extended':
      return typeof value === 'string' ? value : parseNumber(value, site, 'expects a string or a number');
  }
}

function parseNumber(value: unknown, site: OperandSite, expected: string): number {
  if (typeof value !== 'number') throw filterError('UNSUPPORTED_FILTER_VALUE_TYPE', site, expected);
  if (!Number.isFinite(value)) throw filterError('UNSUPPORTED_FILTER_VALUE', site, 'expects a finite number');
  return value;
}

function parseDate(value: unknown, site: OperandSite): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw filterError('UNSUPPORTED_FILTER_VALUE', site, 'invalid Date');
    return new Date(value.getTime());
  }
  if (typeof value !== 'string') throw filterError('UNSUPPORTED_FILTER_VALUE_TYPE', site, 'expects a Date or an ISO-8601 string');
  const date = parseIsoDateTime(value);
  if (date === undefined) throw filterError('UNSUPPORTED_FILTER_VALUE', site, 'expects an ISO-8601 date-time with a zone');
  return date;
}
