import { describe, expect, it } from 'vitest';
import type { Contact, ContactAddress } from '../../../src/model/contact.js';
import type { EmailDeliverabilityStatus, SubscriptionStatus } from '../../../src/model/enums.js';
import { parseFilter } from '../../../src/model/query/filter.js';
import { matchesFilter } from '../../../src/model/query/match.js';
import { QUERY_FIELDS, resolveQueryField, type QueryOperator } from '../../../src/model/query/query-fields.js';
import { ALL_OPERATORS, bare, errorOf } from './fixtures.js';

/** Puts the values of a field into a contact: at most one value for scalar fields. */
type Fill = (c: Contact, values: string[]) => void;

const one = (set: (c: Contact, v: string) => void): Fill => (c, vs) => { if (vs[0] !== undefined) set(c, vs[0]); };
const status = (v: string): SubscriptionStatus => v as SubscriptionStatus;
const addresses = (vs: string[], to: (v: string, i: number) => ContactAddress): { items: ContactAddress[] } =>
  ({ items: vs.map(to) });

const FILL: Record<string, Fill> = {
  'id': one((c, v) => { c._id = v; }),
  'info.locale': one((c, v) => { c.info.locale = v; }),
  'createdDate': one((c, v) => { c._createdDate = new Date(v); }),
  'lastActivity.activityDate': one((c, v) => { c.lastActivity = { activityType: 'GENERAL', activityDate: new Date(v) }; }),
  'info.birthdate': one((c, v) => { c.info.birthdate = v; }),
  'updatedDate': one((c, v) => { c._updatedDate = new Date(v); }),
  'primaryInfo.email': one((c, v) => { c.primaryInfo = { email: v }; }),
  'info.name.first': one((c, v) => { c.info.name = { first: v }; }),
  'info.name.last': one((c, v) => { c.info.name = { last: v }; }),
  'info.company': one((c, v) => { c.info.company = v; }),
  'info.jobTitle': one((c, v) => { c.info.jobTitle = v; }),
  'primaryInfo.phone': one((c, v) => { c.primaryInfo = { phone: v }; }),
  'info.labelKeys': (c, vs) => { c.info.labelKeys = { items: vs }; },
  'info.emails.email': (c, vs) => { c.info.emails = { items: vs.map((email) => ({ email })) }; },
  'info.phones.phone': (c, vs) => { c.info.phones = { items: vs.map((phone) => ({ phone })) }; },
  'info.phones.e164Phone': (c, vs) => { c.info.phones = { items: [{ phone: 'x' }, ...vs.map((e164Phone) => ({ phone: '1', e164Phone }))] }; },
  // Both sources of "street": the structured street name and the free address line.
  'info.addresses.street': (c, vs) => {
    c.info.addresses = addresses(vs, (v, i) => ({ address: i % 2 === 0 ? { streetAddress: { name: v } } : { addressLine1: v } }));
  },
  'info.addresses.city': (c, vs) => { c.info.addresses = addresses(vs, (city) => ({ address: { city } })); },
  'info.addresses.subdivision': (c, vs) => { c.info.addresses = addresses(vs, (subdivision) => ({ address: { subdivision } })); },
  'info.addresses.country': (c, vs) => { c.info.addresses = addresses(vs, (country) => ({ address: { country } })); },
  'info.locations': (c, vs) => { c.info.locations = { items: vs }; },
  'primaryEmail.email': one((c, v) => { c.primaryEmail = { email: v, subscriptionStatus: 'NOT_SET', deliverabilityStatus: 'NOT_SET' }; }),
  'primaryPhone.phone': one((c, v) => { c.primaryPhone = { phone: v, subscriptionStatus: 'NOT_SET' }; }),
  'primaryPhone.e164Phone': one((c, v) => { c.primaryPhone = { e164Phone: v, subscriptionStatus: 'NOT_SET' }; }),
  'primaryPhone.formattedPhone': one((c, v) => { c.primaryPhone = { formattedPhone: v, subscriptionStatus: 'NOT_SET' }; }),
  'primaryPhone.countryCode': one((c, v) => { c.primaryPhone = { countryCode: v, subscriptionStatus: 'NOT_SET' }; }),
  'primaryEmail.subscriptionStatus': one((c, v) => {
    c.primaryEmail = { subscriptionStatus: status(v), deliverabilityStatus: 'NOT_SET' };
  }),
  'primaryEmail.deliverabilityStatus': one((c, v) => {
    c.primaryEmail = { subscriptionStatus: 'NOT_SET', deliverabilityStatus: v as EmailDeliverabilityStatus };
  }),
  'primaryPhone.subscriptionStatus': one((c, v) => { c.primaryPhone = { subscriptionStatus: status(v) }; }),
};

/** One operator's cases: [operand, indexes of the fixture contacts that match]. */
type Cases = Partial<Record<QueryOperator, [unknown, number[]][]>>;

// Fixture contacts per value kind: #0 and #1 have values, #2 has none.
const TEXT_VALUES = [['Ann-1', 'zed'], ['bob-2'], []];
const TEXT_CASES: Cases = {
  eq: [['Ann-1', [0]], ['ann-1', []], ['nope', []]],
  ne: [['Ann-1', [1, 2]], ['nope', [0, 1, 2]]],
  in: [[['bob-2', 'nope'], [1]], [['ann-1'], []], [['Ann-1', 'bob-2'], [0, 1]]],
  nin: [[['Ann-1'], [1, 2]], [['Ann-1', 'bob-2'], [2]]],
  exists: [[true, [0, 1]], [false, [2]]],
  startsWith: [['aN', [0]], ['B', [1]], ['', [0, 1]], ['Ann-12', []]],
  hasSome: [[['zed', 'bob-2'], [0, 1]], [['nope'], []]],
  hasAll: [[['Ann-1', 'zed'], [0]], [['Ann-1', 'bob-2'], []], [['bob-2'], [1]]],
};
// On a list, a later element matches too; on a scalar field the second value is not stored.
const LIST_EXTRA: Cases = { eq: [['zed', [0]]], ne: [['zed', [1, 2]]], startsWith: [['Z', [0]]] };

const INSTANTS = [['2024-01-02T00:00:00.000Z'], ['2024-03-01T12:00:00.000Z'], []];
const A = '2024-01-02T00:00:00Z';
const B = '2024-03-01T12:00:00Z';
const DATE_CASES: Cases = {
  eq: [[A, [0]], [new Date(A), [0]], ['2024-01-02T00:00:00.001Z', []], ['2024-01-02T01:00:00+01:00', [0]]],
  ne: [[A, [1, 2]]],
  gt: [[A, [1]], ['2024-01-02T01:00:00+02:00', [0, 1]], [B, []]],
  gte: [[A, [0, 1]], [new Date(B), [1]]],
  lt: [[B, [0]], [A, []], ['2030-01-01', [0, 1]]],
  lte: [[B, [0, 1]], [A, [0]]],
};

const DAYS = [['2000-01-02'], ['2000-03-01'], []];
const DAY_CASES: Cases = {
  eq: [['2000-01-02', [0]], ['2000-01-03', []]],
  ne: [['2000-01-02', [1, 2]]],
  gt: [['2000-01-02', [1]], ['1999-12-31', [0, 1]]],
  gte: [['2000-01-02', [0, 1]]],
  lt: [['2000-03-01', [0]]],
  lte: [['2000-03-01', [0, 1]], ['1999-01-01', []]],
};

function fixtureFor(name: string): { values: string[][]; cases: Cases } {
  const type = resolveQueryField(name)?.type;
  if (name === 'info.birthdate') return { values: DAYS, cases: DAY_CASES };
  if (type === 'date') return { values: INSTANTS, cases: DATE_CASES };
  if (type === 'stringList') return { values: TEXT_VALUES, cases: { ...TEXT_CASES, ...merge(TEXT_CASES, LIST_EXTRA) } };
  return { values: TEXT_VALUES, cases: TEXT_CASES };
}

function merge(a: Cases, b: Cases): Cases {
  const out: Cases = {};
  for (const op of Object.keys(b) as QueryOperator[]) out[op] = [...(a[op] ?? []), ...(b[op] ?? [])];
  return out;
}

/** A valid-looking operand for an operator, to show a refusal is about the operator. */
function sampleOperand(op: QueryOperator): unknown {
  if (op === 'exists') return true;
  return op === 'in' || op === 'nin' || op === 'hasSome' || op === 'hasAll' ? ['x'] : 'x';
}

describe('matchesFilter: every field x operator of the table', () => {
  for (const field of QUERY_FIELDS) {
    const { values, cases } = fixtureFor(field.name);
    // `_id` is never missing: the third fixture contact exists only for the other fields.
    const contacts = values.map((vs, i) => {
      const c = bare(`fixture-${i}`);
      FILL[field.name]?.(c, vs);
      return c;
    }).filter((c, i) => field.name !== 'id' || i < 2);
    describe(field.name, () => {
      it('has a fixture', () => {
        expect(FILL[field.name]).toBeDefined();
      });
      for (const op of ALL_OPERATORS) {
        const key = `$${op}`;
        if (!field.operators.includes(op)) {
          it(`refuses ${key}`, () => {
            expect(errorOf(() => parseFilter({ [field.name]: { [key]: sampleOperand(op) } })).code).toBe('UNSUPPORTED_FILTER_OPERATOR');
          });
          continue;
        }
        it(`${key} matches the right contacts`, () => {
          const list = cases[op];
          expect(list, `no cases for ${key}`).toBeDefined();
          for (const [operand, expected] of list ?? []) {
            const node = parseFilter({ [field.name]: { [key]: operand } });
            const got = contacts.flatMap((c, i) => (node !== undefined && matchesFilter(c, node) ? [i] : []));
            expect(got, `${key} ${JSON.stringify(operand)}`).toEqual(expected.filter((i) => i < contacts.length));
          }
        });
      }
    });
  }
});

describe('matchesFilter: combinators and special cases', () => {
  const ann = bare('a');
  ann.info = { name: { first: 'Ann', last: 'Lee' }, company: 'Acme', labelKeys: { items: ['custom.vip'] } };
  const bob = bare('b');
  bob.info = { name: { first: 'Bob', last: 'X' } };
  const people = [ann, bob];
  const ids = (filter: unknown): string[] => {
    const node = parseFilter(filter);
    return people.filter((c) => node === undefined || matchesFilter(c, node)).map((c) => c._id);
  };

  it("matches the SDK builder's $and shape", () => {
    expect(ids({ $and: [{ 'info.name.first': 'Ann' }, { 'info.name.last': { $ne: 'X' } }] })).toEqual(['a']);
    expect(ids({ $and: [{ 'info.name.first': 'Bob' }, { 'info.name.last': { $ne: 'X' } }] })).toEqual([]);
  });

  it('evaluates nested $or / $not / $and', () => {
    expect(ids({ $or: [{ 'info.company': 'Acme' }, { 'info.name.first': { $startsWith: 'b' } }] })).toEqual(['a', 'b']);
    expect(ids({ $not: { 'info.company': { $exists: true } } })).toEqual(['b']);
    expect(ids({ $not: { $or: [{ 'info.name.last': 'X' }, { $and: [{ 'info.company': 'Acme' }, { 'info.labelKeys': { $hasAll: ['custom.vip'] } }] }] } }))
      .toEqual([]);
    expect(ids({ $not: { $not: { 'info.name.first': 'Bob' } } })).toEqual(['b']);
  });

  it('treats $eq null as missing and $ne null as present', () => {
    expect(ids({ 'info.company': null })).toEqual(['b']);
    expect(ids({ 'info.company': { $ne: null } })).toEqual(['a']);
    expect(ids({ 'info.emails.email': null })).toEqual(['a', 'b']);
  });

  it('matches everything without a filter', () => {
    expect(ids({})).toEqual(['a', 'b']);
  });
});

describe('matchesFilter: custom extended fields compare by the type of the value', () => {
  const withValue = (id: string, v?: string | number): Contact => {
    const c = bare(id);
    if (v !== undefined) c.info.extendedFields = { items: { 'custom.f': v } };
    return c;
  };
  const people = [withValue('text', 'Ann-1'), withValue('five', 5), withValue('none'), withValue('ten', 10), withValue('date', '2024-05-01')];
  const ids = (ops: Record<string, unknown>): string[] => {
    const node = parseFilter({ 'info.extendedFields.custom.f': ops });
    return people.filter((c) => node !== undefined && matchesFilter(c, node)).map((c) => c._id);
  };

  it.each<[Record<string, unknown>, string[]]>([
    [{ $eq: 'Ann-1' }, ['text']],
    [{ $eq: 'ann-1' }, []],
    [{ $eq: 5 }, ['five']],
    [{ $eq: '5' }, []],
    [{ $ne: 5 }, ['text', 'none', 'ten', 'date']],
    [{ $in: [10, 'Ann-1'] }, ['text', 'ten']],
    [{ $startsWith: 'an' }, ['text']],
    [{ $startsWith: '1' }, []],
    [{ $gt: 5 }, ['ten']],
    [{ $gte: 5, $lt: 10 }, ['five']],
    [{ $lte: 10 }, ['five', 'ten']],
    [{ $gt: '2024-01-01', $lt: '2025' }, ['date']],
    [{ $lt: 'B' }, ['text', 'date']],
    // Range comparisons on strings are case-sensitive code-unit order: 'A' < 'a'.
    [{ $gt: '9' }, ['text']],
    [{ $gte: 'a' }, []],
  ])('%j matches %j', (ops, expected) => {
    expect(ids(ops)).toEqual(expected);
  });
});
