import { describe, expect, it } from 'vitest';
import { QUERY_FIELDS, resolveQueryField, type QueryOperator } from '../../../src/model/query/query-fields.js';
import { bare, fullContact } from './fixtures.js';

const ID: QueryOperator[] = ['eq', 'ne', 'in', 'exists'];
const RANGE: QueryOperator[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'];
const TEXT: QueryOperator[] = ['eq', 'ne', 'in', 'exists', 'startsWith'];
const SET: QueryOperator[] = ['hasSome', 'hasAll'];
const STATUS: QueryOperator[] = ['eq', 'ne', 'in', 'nin'];

// WIX-CONTACTS.md 9.1, transcribed apart from the implementation: [REST name, SDK name, operators, sortable].
const SPEC: [string, string | undefined, QueryOperator[], boolean][] = [
  ['id', '_id', ID, false],
  ['info.locale', undefined, ID, false],
  ['createdDate', '_createdDate', RANGE, true],
  ['lastActivity.activityDate', undefined, RANGE, true],
  ['info.birthdate', undefined, RANGE, true],
  ['updatedDate', '_updatedDate', RANGE, false],
  ['primaryInfo.email', undefined, TEXT, true],
  ['info.name.first', undefined, TEXT, true],
  ['info.name.last', undefined, TEXT, true],
  ['info.company', undefined, TEXT, true],
  ['info.jobTitle', undefined, TEXT, true],
  ['primaryInfo.phone', undefined, TEXT, false],
  ['info.labelKeys', undefined, SET, false],
  ['info.emails.email', undefined, TEXT, false],
  ['info.phones.phone', undefined, TEXT, false],
  ['info.phones.e164Phone', undefined, TEXT, false],
  ['info.addresses.street', undefined, TEXT, false],
  ['info.addresses.city', undefined, TEXT, false],
  ['info.addresses.subdivision', undefined, ID, false],
  ['info.addresses.country', undefined, ID, false],
  ['info.locations', undefined, SET, false],
  ['primaryEmail.email', undefined, TEXT, true],
  ['primaryPhone.phone', undefined, TEXT, false],
  ['primaryPhone.e164Phone', undefined, TEXT, false],
  ['primaryPhone.formattedPhone', undefined, TEXT, false],
  ['primaryPhone.countryCode', undefined, TEXT, false],
  ['primaryEmail.subscriptionStatus', undefined, STATUS, false],
  ['primaryEmail.deliverabilityStatus', undefined, STATUS, false],
  ['primaryPhone.subscriptionStatus', undefined, STATUS, false],
];

describe('resolveQueryField: the 9.1 table', () => {
  it.each(SPEC)('%s has the operators and sortability of 9.1', (name, sdkName, ops, sortable) => {
    const f = resolveQueryField(name);
    expect(f?.name).toBe(name);
    expect([...(f?.operators ?? [])].sort()).toEqual([...ops].sort());
    expect(f?.sortable).toBe(sortable);
    if (sdkName !== undefined) expect(resolveQueryField(sdkName)).toBe(f);
  });

  it('has no row beyond 9.1', () => {
    expect(QUERY_FIELDS.map((f) => f.name).sort()).toEqual(SPEC.map((r) => r[0]).sort());
  });

  it('resolves custom extended fields with their key and the extended operators', () => {
    const f = resolveQueryField('info.extendedFields.custom.age');
    expect(f).toMatchObject({ name: 'info.extendedFields.custom.age', type: 'extended', extendedKey: 'custom.age', sortable: true });
    expect([...(f?.operators ?? [])].sort()).toEqual(['eq', 'gt', 'gte', 'in', 'lt', 'lte', 'ne', 'startsWith']);
  });

  it.each([
    'info.picture', 'info.extendedFields.contacts.displayByFirstName', 'info.extendedFields.custom.',
    'info.extendedFields.', 'info.name', '_ID', 'ID', 'constructor', '__proto__', 'toString', '', 'info.emails',
  ])('knows nothing of %j', (name) => {
    expect(resolveQueryField(name)).toBeUndefined();
  });
});

describe('QueryFieldSpec.read on an SDK contact', () => {
  const c = fullContact();
  const read = (name: string): unknown => resolveQueryField(name)?.read(c);

  it.each([
    ['_id', 'c-1'],
    ['info.locale', 'en-US'],
    ['createdDate', new Date('2024-01-02T03:04:05.000Z')],
    ['lastActivity.activityDate', new Date('2024-01-02T03:04:05.000Z')],
    ['info.birthdate', '1990-05-06'],
    ['updatedDate', new Date('2024-02-03T04:05:06.000Z')],
    ['primaryInfo.email', 'ann@example.com'],
    ['info.name.first', 'Ann'],
    ['info.name.last', 'Lee'],
    ['info.company', 'Acme'],
    ['info.jobTitle', 'CTO'],
    ['primaryInfo.phone', '+1 212 555 0100'],
    ['info.labelKeys', ['custom.vip', 'custom.friend']],
    ['info.emails.email', ['ann@example.com', 'ann@work.example']],
    ['info.phones.phone', ['+1 212 555 0100', '555-0199']],
    ['info.phones.e164Phone', ['+12125550100']],
    ['info.addresses.street', ['Main St', '1 Rue Haute']],
    ['info.addresses.city', ['Springfield', 'Lyon']],
    ['info.addresses.subdivision', ['US-IL']],
    ['info.addresses.country', ['US', 'FR']],
    ['info.locations', ['loc-1']],
    ['primaryEmail.email', 'ann@example.com'],
    ['primaryPhone.phone', '+1 212 555 0100'],
    ['primaryPhone.e164Phone', '+12125550100'],
    ['primaryPhone.formattedPhone', '+1 212-555-0100'],
    ['primaryPhone.countryCode', 'US'],
    ['primaryEmail.subscriptionStatus', 'SUBSCRIBED'],
    ['primaryEmail.deliverabilityStatus', 'VALID'],
    ['primaryPhone.subscriptionStatus', 'NOT_SET'],
    ['info.extendedFields.custom.age', 42],
    ['info.extendedFields.custom.nick', 'annie'],
    ['info.extendedFields.custom.missing', undefined],
  ])('%s reads %j', (name, expected) => {
    expect(read(name)).toEqual(expected);
  });

  it('reads lists as empty arrays and scalars as undefined on an empty contact', () => {
    const empty = bare('e');
    for (const f of QUERY_FIELDS) {
      const v = f.read(empty);
      if (f.type === 'stringList') expect(v, f.name).toEqual([]);
      else if (f.name !== 'id') expect(v, f.name).toBeUndefined();
    }
  });

  it('does not read inherited properties as extended fields', () => {
    const f = resolveQueryField('info.extendedFields.custom.x');
    const c2 = bare('p');
    c2.info.extendedFields = { items: Object.create({ 'custom.x': 'inherited' }) as Record<string, string> };
    expect(f?.read(c2)).toBeUndefined();
  });
});
