/**
 * Where each filterable field of the 9.1 table lives in a contact row, as SQL over the table
 * alias `c`. The SQL comes only from this constant table, looked up by the parsed field's
 * canonical name; nothing from the request is ever spliced in (an extended-field key is a
 * bind parameter).
 */

/**
 * A field's values: `scalar` is one nullable expression (of type `cast`); `list` is a
 * subquery yielding a column `v` of the list's values; `extended` is one jsonb value of
 * `info.extendedFields.items`.
 */
export type FieldSource =
  | { readonly kind: 'scalar'; readonly expr: string; readonly cast: 'text' | 'timestamptz' }
  | { readonly kind: 'list'; readonly from: string }
  | { readonly kind: 'extended' };

function text(expr: string): FieldSource {
  return { kind: 'scalar', expr, cast: 'text' };
}

/** `c.data #>> '{a,b}'`: the text at a fixed JSON path of the REST contact. */
function at(path: string): FieldSource {
  return text(`(c.data #>> '{${path}}')`);
}

function strings(path: string): FieldSource {
  return { kind: 'list', from: `SELECT jsonb_array_elements_text(c.data #> '{${path}}') AS v` };
}

function itemField(list: string, expr: string): FieldSource {
  return { kind: 'list', from: `SELECT ${expr} AS v FROM jsonb_array_elements(c.data #> '{info,${list},items}') AS e` };
}

/** Sources by canonical (REST) field name. */
export const FIELD_SOURCES: ReadonlyMap<string, FieldSource> = new Map<string, FieldSource>([
  ['id', text('c.id')],
  ['info.locale', at('info,locale')],
  ['createdDate', { kind: 'scalar', expr: 'c.created_at', cast: 'timestamptz' }],
  ['updatedDate', { kind: 'scalar', expr: 'c.updated_at', cast: 'timestamptz' }],
  ['lastActivity.activityDate', { kind: 'scalar', expr: `(c.data #>> '{lastActivity,activityDate}')::timestamptz`, cast: 'timestamptz' }],
  ['info.birthdate', at('info,birthdate')],
  ['primaryInfo.email', at('primaryInfo,email')],
  ['info.name.first', at('info,name,first')],
  ['info.name.last', at('info,name,last')],
  ['info.company', at('info,company')],
  ['info.jobTitle', at('info,jobTitle')],
  ['primaryInfo.phone', at('primaryInfo,phone')],
  ['info.labelKeys', strings('info,labelKeys,items')],
  ['info.emails.email', itemField('emails', `e ->> 'email'`)],
  ['info.phones.phone', itemField('phones', `e ->> 'phone'`)],
  ['info.phones.e164Phone', itemField('phones', `e ->> 'e164Phone'`)],
  ['info.addresses.street', itemField('addresses', `coalesce(e #>> '{address,streetAddress,name}', e #>> '{address,addressLine}')`)],
  ['info.addresses.city', itemField('addresses', `e #>> '{address,city}'`)],
  ['info.addresses.subdivision', itemField('addresses', `e #>> '{address,subdivision}'`)],
  ['info.addresses.country', itemField('addresses', `e #>> '{address,country}'`)],
  ['info.locations', strings('info,locations,items')],
  ['primaryEmail.email', at('primaryEmail,email')],
  ['primaryPhone.phone', at('primaryPhone,phone')],
  ['primaryPhone.e164Phone', at('primaryPhone,e164Phone')],
  ['primaryPhone.formattedPhone', at('primaryPhone,formattedPhone')],
  ['primaryPhone.countryCode', at('primaryPhone,countryCode')],
  ['primaryEmail.subscriptionStatus', at('primaryEmail,subscriptionStatus')],
  ['primaryEmail.deliverabilityStatus', at('primaryEmail,deliverabilityStatus')],
  ['primaryPhone.subscriptionStatus', at('primaryPhone,subscriptionStatus')],
]);

/**
 * Sort expressions of the sortable fields (ASC form; DESC reverses every term). Strings
 * use the lower-cased `sort_*` columns written by the server, so the order is
 * `toLowerCase()` in code-point order, as in the local store; a missing value is `''`.
 */
export const SORT_SOURCES: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['createdDate', ['c.created_at']],
  // A missing date sorts first in ASC (the local store uses -Infinity).
  ['lastActivity.activityDate', [`((c.data #>> '{lastActivity,activityDate}') IS NOT NULL)`, `(c.data #>> '{lastActivity,activityDate}')::timestamptz`]],
  ['info.birthdate', [`coalesce(c.data #>> '{info,birthdate}', '') COLLATE "C"`]],
  ['primaryInfo.email', ['c.sort_email']],
  ['primaryEmail.email', ['c.sort_email']],
  ['info.name.first', ['c.sort_first']],
  ['info.name.last', ['c.sort_last']],
  ['info.company', ['c.sort_company']],
  ['info.jobTitle', ['c.sort_job_title']],
]);
