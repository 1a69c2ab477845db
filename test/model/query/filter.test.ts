import { describe, expect, it } from 'vitest';
import { ContactsError } from '../../../src/model/contacts-error.js';
import { FILTER_LIMITS, parseFilter, type FilterNode } from '../../../src/model/query/filter.js';
import { resolveQueryField } from '../../../src/model/query/query-fields.js';
import { errorOf } from './fixtures.js';

/** A node without the field spec objects, for readable expectations. */
function plain(node: FilterNode | undefined): unknown {
  if (node === undefined) return undefined;
  switch (node.kind) {
    case 'and':
    case 'or':
      return { [node.kind]: node.nodes.map(plain) };
    case 'not':
      return { not: plain(node.node) };
    case 'cmp':
      return [node.field.name, node.op, node.value];
  }
}

const parsed = (f: unknown): unknown => plain(parseFilter(f));

describe('parseFilter: shapes', () => {
  it('treats absent and empty filters as no filter', () => {
    expect(parseFilter(undefined)).toBeUndefined();
    expect(parseFilter(null)).toBeUndefined();
    expect(parseFilter({})).toBeUndefined();
    expect(parseFilter({ 'info.company': undefined })).toBeUndefined();
  });

  it('reads a bare value as $eq and keeps the field spec', () => {
    const node = parseFilter({ 'info.name.first': 'Ann' });
    expect(node).toEqual({ kind: 'cmp', field: resolveQueryField('info.name.first'), op: 'eq', value: 'Ann' });
  });

  it("parses the SDK builder's shape (bare eq, $ne, chained with $and)", () => {
    expect(parsed({ $and: [{ 'info.name.first': 'Ann' }, { 'info.name.last': { $ne: 'X' } }] })).toEqual({
      and: [['info.name.first', 'eq', 'Ann'], ['info.name.last', 'ne', 'X']],
    });
  });

  it('ANDs several top-level keys and several operators on one field', () => {
    expect(parsed({ 'info.company': 'Acme', 'info.birthdate': { $gte: '1990-01-01', $lt: '2000-01-01' } })).toEqual({
      and: [['info.company', 'eq', 'Acme'], ['info.birthdate', 'gte', '1990-01-01'], ['info.birthdate', 'lt', '2000-01-01']],
    });
  });

  it('nests $and, $or and $not, flattening same-kind children and single-child lists', () => {
    const f = {
      $or: [
        { $or: [{ 'info.company': 'A' }, { 'info.company': 'B' }] },
        { $and: [{ $not: { 'info.jobTitle': { $startsWith: 'CEO' } } }] },
      ],
      'info.labelKeys': { $hasSome: ['custom.vip'] },
    };
    expect(parsed(f)).toEqual({
      and: [
        { or: [['info.company', 'eq', 'A'], ['info.company', 'eq', 'B'], { not: ['info.jobTitle', 'startsWith', 'CEO'] }] },
        ['info.labelKeys', 'hasSome', ['custom.vip']],
      ],
    });
  });

  it('accepts SDK and REST names alike', () => {
    expect(parsed({ _id: 'x' })).toEqual(parsed({ id: 'x' }));
    expect(parsed({ _createdDate: { $gt: '2024-01-01' } })).toEqual(parsed({ createdDate: { $gt: '2024-01-01' } }));
    expect(parsed({ _updatedDate: { $lt: '2024-01-01' } })).toEqual([
      'updatedDate', 'lt', new Date('2024-01-01T00:00:00.000Z'),
    ]);
  });

  it('turns null on $eq/$ne (SDK isEmpty/isNotEmpty) into $exists', () => {
    expect(parsed({ 'info.company': null })).toEqual(['info.company', 'exists', false]);
    expect(parsed({ createdDate: { $ne: null } })).toEqual(['createdDate', 'exists', true]);
  });

  it('copies list operands so later edits of the input do not leak in', () => {
    const values = ['a'];
    const node = parseFilter({ id: { $in: values } });
    values.push('b');
    expect(plain(node)).toEqual(['id', 'in', ['a']]);
  });
});

describe('parseFilter: dates', () => {
  it.each([
    ['2024-03-01T10:00:00Z', '2024-03-01T10:00:00.000Z'],
    ['2024-03-01T10:00:00.123456Z', '2024-03-01T10:00:00.123Z'],
    ['2024-03-01T10:00+02:00', '2024-03-01T08:00:00.000Z'],
    ['2024-03-01T00:30:00-01:30', '2024-03-01T02:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['0050-01-01T00:00:00Z', '0050-01-01T00:00:00.000Z'],
  ])('normalises the ISO string %s to a Date', (input, iso) => {
    const node = parseFilter({ createdDate: { $gte: input } });
    expect(node?.kind === 'cmp' && node.value instanceof Date ? node.value.toISOString() : node).toBe(iso);
  });

  it('accepts a Date, and copies it', () => {
    const d = new Date('2024-01-01T00:00:00Z');
    const node = parseFilter({ 'lastActivity.activityDate': { $lt: d } });
    d.setTime(0);
    expect(plain(node)).toEqual(['lastActivity.activityDate', 'lt', new Date('2024-01-01T00:00:00Z')]);
  });

  it.each(['2024-02-30', '2023-02-29', '2024-13-01', '2024-03-01T10:00:00', '2024-03-01T24:00:00Z', '2024-03-01T10:60Z',
    '2024-03-01T10:00:00+24:00', 'yesterday', '', '1709287200000', '2024-3-1'])(
    'refuses the unusable date string %j with UNSUPPORTED_FILTER_VALUE', (s) => {
      expect(errorOf(() => parseFilter({ createdDate: { $gt: s } })).code).toBe('UNSUPPORTED_FILTER_VALUE');
    },
  );

  it('refuses an invalid Date with UNSUPPORTED_FILTER_VALUE', () => {
    expect(errorOf(() => parseFilter({ createdDate: new Date(Number.NaN) })).code).toBe('UNSUPPORTED_FILTER_VALUE');
  });

  it('compares birthdates as YYYY-MM-DD strings only', () => {
    expect(parsed({ 'info.birthdate': { $lt: '2000-02-29' } })).toEqual(['info.birthdate', 'lt', '2000-02-29']);
    expect(errorOf(() => parseFilter({ 'info.birthdate': '1900-02-29' })).code).toBe('UNSUPPORTED_FILTER_VALUE');
    expect(errorOf(() => parseFilter({ 'info.birthdate': new Date() })).code).toBe('UNSUPPORTED_FILTER_VALUE_TYPE');
    expect(errorOf(() => parseFilter({ 'info.birthdate': 19900101 })).code).toBe('UNSUPPORTED_FILTER_VALUE_TYPE');
  });
});

describe('parseFilter: error codes', () => {
  const nested = (depth: number): unknown => (depth === 1 ? { id: 'x' } : { $not: nested(depth - 1) });

  it.each<[string, unknown]>([
    ['a string filter', 'info.name.first = Ann'],
    ['a number filter', 42],
    ['an array filter', [{ id: 'x' }]],
    ['a boolean filter', true],
    ['an unknown combinator', { $nor: [{ id: 'x' }] }],
    ['$and that is not an array', { $and: { id: 'x' } }],
    ['an empty $or', { $or: [] }],
    ['an empty $and', { $and: [] }],
    ['a non-object in $or', { $or: [{ id: 'x' }, 'id'] }],
    ['an empty object in $and', { $and: [{ id: 'x' }, {}] }],
    ['$not of a non-object', { $not: [{ id: 'x' }] }],
    ['$not of an empty object', { $not: {} }],
    ['a field with an empty operator object', { id: {} }],
    ['operators mixed with plain keys', { id: { $eq: 'x', foo: 1 } }],
    ['depth 11', nested(FILTER_LIMITS.maxDepth + 1)],
    ['1001 nodes', { $or: Array.from({ length: 1000 }, (_, i) => ({ id: `c${i}` })) }],
  ])('MALFORMED_FILTER: %s', (_, filter) => {
    const e = errorOf(() => parseFilter(filter));
    expect([e.code, e.status]).toEqual(['MALFORMED_FILTER', 400]);
  });

  it('accepts exactly the limits: depth 10, 1000 nodes, 1000 $in values', () => {
    expect(parseFilter(nested(FILTER_LIMITS.maxDepth))).toBeDefined();
    expect(parseFilter({ $or: Array.from({ length: 999 }, (_, i) => ({ id: `c${i}` })) })).toBeDefined();
    expect(parseFilter({ id: { $in: Array.from({ length: 1000 }, (_, i) => `c${i}`) } })).toBeDefined();
  });

  it.each(['info.picture', 'info.extendedFields.contacts.displayByFirstName', 'name', '__proto__', 'info.emails'])(
    'UNSUPPORTED_FILTER_FIELD_UNKNOWN for %s, with the field in data', (field) => {
      const e = errorOf(() => parseFilter(JSON.parse(JSON.stringify({ [field]: 'x' })) as unknown));
      expect([e.code, e.status, e.data]).toEqual(['UNSUPPORTED_FILTER_FIELD_UNKNOWN', 400, { field }]);
    },
  );

  it.each<[string, string, unknown]>([
    ['info.name.first', '$endsWith', 'n'],
    ['info.name.first', '$regex', '^A'],
    ['info.name.first', '$gt', 'A'],
    ['createdDate', '$in', ['2024-01-01']],
    ['info.name.first', '$hasSome', ['Ann']],
    ['info.labelKeys', '$eq', 'custom.vip'],
    ['primaryEmail.subscriptionStatus', '$startsWith', 'SUB'],
    ['info.extendedFields.custom.age', '$exists', true],
  ])('UNSUPPORTED_FILTER_OPERATOR: %s %s, with field and operator in data', (field, operator, value) => {
    const e = errorOf(() => parseFilter({ [field]: { [operator]: value } }));
    expect([e.code, e.status, e.data]).toEqual(['UNSUPPORTED_FILTER_OPERATOR', 400, { field, operator }]);
  });

  it('reports a bare value on a field without $eq as UNSUPPORTED_FILTER_OPERATOR $eq', () => {
    expect(errorOf(() => parseFilter({ 'info.labelKeys': 'custom.vip' })).data).toEqual({ field: 'info.labelKeys', operator: '$eq' });
  });

  it.each<[string, string, unknown]>([
    ['info.name.first', '$eq', 42],
    ['info.name.first', '$eq', new Date()],
    ['info.name.first', '$eq', { first: 'Ann' }],
    ['info.name.first', '$eq', ['Ann']],
    ['info.name.first', '$exists', 'true'],
    ['info.name.first', '$in', 'Ann'],
    ['info.name.first', '$in', ['Ann', 3]],
    ['info.name.first', '$in', [null]],
    ['info.name.first', '$startsWith', 1],
    ['createdDate', '$gt', 1704067200000],
    ['createdDate', '$gt', true],
    ['info.labelKeys', '$hasAll', 'custom.vip'],
    ['info.labelKeys', '$hasSome', [1]],
    ['info.extendedFields.custom.x', '$eq', true],
    ['info.extendedFields.custom.x', '$lt', new Date()],
    ['info.extendedFields.custom.x', '$startsWith', 5],
    ['createdDate', '$gt', null],
  ])('UNSUPPORTED_FILTER_VALUE_TYPE: %s %s %j', (field, operator, value) => {
    const e = errorOf(() => parseFilter({ [field]: { [operator]: value } }));
    expect([e.code, e.status, e.data]).toEqual(['UNSUPPORTED_FILTER_VALUE_TYPE', 400, { field, operator }]);
  });

  it.each<[string, string, unknown]>([
    ['id', '$in', []],
    ['primaryEmail.subscriptionStatus', '$nin', []],
    ['info.labelKeys', '$hasSome', []],
    ['info.locations', '$hasAll', Array.from({ length: 1001 }, (_, i) => `l${i}`)],
    ['info.extendedFields.custom.n', '$gt', Number.POSITIVE_INFINITY],
    ['info.extendedFields.custom.n', '$eq', Number.NaN],
  ])('UNSUPPORTED_FILTER_VALUE: %s %s', (field, operator, value) => {
    const e = errorOf(() => parseFilter({ [field]: { [operator]: value } }));
    expect([e.code, e.status, e.data]).toEqual(['UNSUPPORTED_FILTER_VALUE', 400, { field, operator }]);
  });

  it('refuses holes in arrays as JSON would send them (null)', () => {
    const holes: unknown[] = [];
    holes[1] = { id: 'x' };
    expect(errorOf(() => parseFilter({ $and: holes })).code).toBe('MALFORMED_FILTER');
    const values: unknown[] = [];
    values[1] = 'x';
    expect(errorOf(() => parseFilter({ id: { $in: values } })).code).toBe('UNSUPPORTED_FILTER_VALUE_TYPE');
  });

  it('reads an object without $ keys as an unsupported $eq value', () => {
    expect(errorOf(() => parseFilter({ id: { eq: 'x' } })).code).toBe('UNSUPPORTED_FILTER_VALUE_TYPE');
  });

  it('checks the field before the operator, and the operator before the value', () => {
    expect(errorOf(() => parseFilter({ nope: { $regex: 1 } })).code).toBe('UNSUPPORTED_FILTER_FIELD_UNKNOWN');
    expect(errorOf(() => parseFilter({ id: { $regex: [] } })).code).toBe('UNSUPPORTED_FILTER_OPERATOR');
  });

  it('turns a throwing getter into MALFORMED_FILTER, not a raw error', () => {
    const hostile = { get id(): string { throw new TypeError('boom'); } };
    const e = errorOf(() => parseFilter(hostile));
    expect(e).toBeInstanceOf(ContactsError);
    expect(e.code).toBe('MALFORMED_FILTER');
  });
});
