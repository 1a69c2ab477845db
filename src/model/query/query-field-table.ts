/**
 * The rows of WIX-CONTACTS.md 9.1, typed ("ContactQuerySpec") and "doc only" alike, with how
 * each one is read from an SDK contact. Kept apart from the lookup so the table reads as the
 * spec does.
 */
import type { Address, Contact } from '../contact.js';
import {
  CREATED_DATE_FIELD, FIRST_NAME_FIELD, LAST_NAME_FIELD, PRIMARY_EMAIL_FIELD, RANGE_OPS, spec, TEXT_OPS,
} from './indexed-fields.js';
import type { QueryFieldSpec, QueryOperator } from './query-fields.js';

export { CREATED_DATE_FIELD } from './indexed-fields.js';

const ID_OPS = ['eq', 'ne', 'in', 'exists'] as const satisfies readonly QueryOperator[];
const SET_OPS = ['hasSome', 'hasAll'] as const satisfies readonly QueryOperator[];
const STATUS_OPS = ['eq', 'ne', 'in', 'nin'] as const satisfies readonly QueryOperator[];
const EXTENDED_OPS = ['eq', 'ne', 'in', 'startsWith', 'gt', 'gte', 'lt', 'lte'] as const satisfies readonly QueryOperator[];

/** The prefix of extended-field paths in a filter or sort: `info.extendedFields.<key>`. */
export const EXTENDED_FIELD_PREFIX = 'info.extendedFields.';

/** The values of one item field across a wrapper list, without the missing ones. */
function each<T>(list: { items: T[] } | undefined, pick: (item: T) => string | undefined): string[] {
  const out: string[] = [];
  for (const item of list?.items ?? []) {
    const v = pick(item);
    if (v !== undefined) out.push(v);
  }
  return out;
}

// 9.1 calls it "street": a structured address's street name, else the free address line.
const street = (a: Address | undefined): string | undefined => a?.streetAddress?.name ?? a?.addressLine1;

/** Every fixed row of the 9.1 table (extended fields are resolved by key). */
export const QUERY_FIELDS: readonly QueryFieldSpec[] = [
  spec('id', 'string', ID_OPS, false, (c) => c._id, '_id'),
  spec('info.locale', 'string', ID_OPS, false, (c) => c.info.locale),
  CREATED_DATE_FIELD,
  spec('lastActivity.activityDate', 'date', RANGE_OPS, true, (c) => c.lastActivity?.activityDate),
  spec('info.birthdate', 'localDate', RANGE_OPS, true, (c) => c.info.birthdate),
  spec('updatedDate', 'date', RANGE_OPS, false, (c) => c._updatedDate, '_updatedDate'),
  PRIMARY_EMAIL_FIELD,
  FIRST_NAME_FIELD,
  LAST_NAME_FIELD,
  spec('info.company', 'string', TEXT_OPS, true, (c) => c.info.company),
  spec('info.jobTitle', 'string', TEXT_OPS, true, (c) => c.info.jobTitle),
  spec('primaryInfo.phone', 'string', TEXT_OPS, false, (c) => c.primaryInfo?.phone),
  spec('info.labelKeys', 'stringList', SET_OPS, false, (c) => [...(c.info.labelKeys?.items ?? [])]),
  // Doc-only rows (REST article, not the typed spec).
  spec('info.emails.email', 'stringList', TEXT_OPS, false, (c) => each(c.info.emails, (e) => e.email)),
  spec('info.phones.phone', 'stringList', TEXT_OPS, false, (c) => each(c.info.phones, (p) => p.phone)),
  spec('info.phones.e164Phone', 'stringList', TEXT_OPS, false, (c) => each(c.info.phones, (p) => p.e164Phone)),
  spec('info.addresses.street', 'stringList', TEXT_OPS, false, (c) => each(c.info.addresses, (a) => street(a.address))),
  spec('info.addresses.city', 'stringList', TEXT_OPS, false, (c) => each(c.info.addresses, (a) => a.address?.city)),
  spec('info.addresses.subdivision', 'stringList', ID_OPS, false,
    (c) => each(c.info.addresses, (a) => a.address?.subdivision)),
  spec('info.addresses.country', 'stringList', ID_OPS, false, (c) => each(c.info.addresses, (a) => a.address?.country)),
  spec('info.locations', 'stringList', SET_OPS, false, (c) => [...(c.info.locations?.items ?? [])]),
  // "Some sortable": only the primary email, which is the same value as primaryInfo.email.
  spec('primaryEmail.email', 'string', TEXT_OPS, true, (c) => c.primaryEmail?.email),
  spec('primaryPhone.phone', 'string', TEXT_OPS, false, (c) => c.primaryPhone?.phone),
  spec('primaryPhone.e164Phone', 'string', TEXT_OPS, false, (c) => c.primaryPhone?.e164Phone),
  spec('primaryPhone.formattedPhone', 'string', TEXT_OPS, false, (c) => c.primaryPhone?.formattedPhone),
  spec('primaryPhone.countryCode', 'string', TEXT_OPS, false, (c) => c.primaryPhone?.countryCode),
  spec('primaryEmail.subscriptionStatus', 'string', STATUS_OPS, false, (c) => c.primaryEmail?.subscriptionStatus),
  spec('primaryEmail.deliverabilityStatus', 'string', STATUS_OPS, false, (c) => c.primaryEmail?.deliverabilityStatus),
  spec('primaryPhone.subscriptionStatus', 'string', STATUS_OPS, false, (c) => c.primaryPhone?.subscriptionStatus),
];

/** The spec of the extended field `key` (already checked to be a `custom.*` key). */
export function extendedFieldSpec(key: string): QueryFieldSpec {
  const read = (c: Contact): unknown => {
    const items = c.info.extendedFields?.items;
    // Own keys only: a key such as `custom.__proto__` must not reach Object.prototype.
    return items !== undefined && Object.hasOwn(items, key) ? items[key] : undefined;
  };
  return { name: EXTENDED_FIELD_PREFIX + key, type: 'extended', operators: EXTENDED_OPS, sortable: true, extendedKey: key, read };
}
