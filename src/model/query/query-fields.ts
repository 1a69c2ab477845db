/**
 * The typed field/operator table of Wix Query Contacts (WIX-CONTACTS.md 9.1): which fields
 * can be filtered, with which operators, and which can be sorted. Both the local query
 * engine and the server read it, so both accept and refuse exactly the same queries.
 */
import type { Contact } from '../contact.js';

/** A filter operator, without the `$`. */
export type QueryOperator =
  | 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin' | 'exists' | 'startsWith' | 'hasSome' | 'hasAll';

/** How a field's values compare. */
export type QueryValueType = 'string' | 'date' | 'localDate' | 'number' | 'stringList';

/** One filterable field. */
export interface QueryFieldSpec {
  /** Canonical (REST) name, e.g. `createdDate`, `info.name.first`. */
  readonly name: string;
  /** The SDK's name where it differs, e.g. `_createdDate`. */
  readonly sdkName?: string;
  readonly type: QueryValueType;
  readonly operators: readonly QueryOperator[];
  readonly sortable: boolean;
  /** The value(s) of this field in an SDK contact (lists for list fields). */
  readonly read: (contact: Contact) => unknown;
}

/**
 * The spec of a field by its REST or SDK name, including `info.extendedFields.<key>`
 * (custom keys: TEXT operators; typed by the value at match time), or undefined.
 */
export function resolveQueryField(name: string): QueryFieldSpec | undefined {
  void name; throw new Error('TODO(model helper): not implemented yet');
}
