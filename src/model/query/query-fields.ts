/**
 * The typed field/operator table of Wix Query Contacts (WIX-CONTACTS.md 9.1): which fields
 * can be filtered, with which operators, and which can be sorted. Both the local query
 * engine and the server read it, so both accept and refuse exactly the same queries.
 */
import type { Contact } from '../contact.js';
import { EXTENDED_FIELD_PREFIX, QUERY_FIELDS, extendedFieldSpec } from './query-field-table.js';

export { CREATED_DATE_FIELD, EXTENDED_FIELD_PREFIX, QUERY_FIELDS } from './query-field-table.js';

/** A filter operator, without the `$`. */
export type QueryOperator =
  | 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin' | 'exists' | 'startsWith' | 'hasSome' | 'hasAll';

/**
 * How a field's values compare: `string` (scalar string), `date` (a `Date`), `localDate`
 * (a `YYYY-MM-DD` string), `number` (not used by the 9.1 table), `stringList` (the field
 * reads as an array of strings; operators apply per element), `extended` (a custom extended
 * field: a string or a number, compared by the type of the filter's value; a stored value of
 * the other type never equals or orders against it).
 */
export type QueryValueType = 'string' | 'date' | 'localDate' | 'number' | 'stringList' | 'extended';

/** One filterable field. */
export interface QueryFieldSpec {
  /** Canonical (REST) name, e.g. `createdDate`, `info.name.first`. */
  readonly name: string;
  /** The SDK's name where it differs, e.g. `_createdDate`. */
  readonly sdkName?: string;
  readonly type: QueryValueType;
  readonly operators: readonly QueryOperator[];
  readonly sortable: boolean;
  /** For `info.extendedFields.<key>`: the key inside `info.extendedFields.items`. */
  readonly extendedKey?: string;
  /** The value(s) of this field in an SDK contact (lists for list fields). */
  readonly read: (contact: Contact) => unknown;
}

const BY_NAME: ReadonlyMap<string, QueryFieldSpec> = /* @__PURE__ */ new Map(
  QUERY_FIELDS.flatMap((f) => (f.sdkName === undefined ? [[f.name, f]] : [[f.name, f], [f.sdkName, f]])),
);

/** The prefix every extended-field key that can be queried starts with (user fields). */
const CUSTOM_KEY_PREFIX = 'custom.';

/**
 * The spec of a field by its REST or SDK name, including `info.extendedFields.<key>`
 * (custom keys: `$eq $ne $in $startsWith $gt $gte $lt $lte`, sortable, typed by the value),
 * or undefined.
 *
 * @example
 * ```ts
 * resolveQueryField('_createdDate')?.name; // 'createdDate'
 * resolveQueryField('info.extendedFields.custom.age')?.type; // 'extended'
 * resolveQueryField('info.picture'); // undefined
 * ```
 */
export function resolveQueryField(name: string): QueryFieldSpec | undefined {
  const known = BY_NAME.get(name);
  if (known !== undefined) return known;
  if (!name.startsWith(EXTENDED_FIELD_PREFIX)) return undefined;
  const key = name.slice(EXTENDED_FIELD_PREFIX.length);
  return key.startsWith(CUSTOM_KEY_PREFIX) && key.length > CUSTOM_KEY_PREFIX.length ? extendedFieldSpec(key) : undefined;
}
