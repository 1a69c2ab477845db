import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../src/model/contact.js';
import { compareContacts } from '../../../src/model/query/match.js';
import { parseSort, type SortSpec } from '../../../src/model/query/sort-paging.js';
import { bare } from './fixtures.js';

const sortBy = (fieldName: string, order: 'ASC' | 'DESC' = 'ASC'): SortSpec | undefined => parseSort([{ fieldName, order }]);
const order = (contacts: readonly Contact[], sort: SortSpec | undefined): string[] =>
  [...contacts].sort((a, b) => compareContacts(a, b, sort)).map((c) => c._id);

function named(id: string, first?: string): Contact {
  const c = bare(id);
  if (first !== undefined) c.info.name = { first };
  return c;
}

describe('compareContacts', () => {
  const people = [
    named('p1', 'bob'), named('p2', 'Ann'), named('p3', 'alice'), named('p4', 'Zed'), named('p5'),
    named('p6', 'émile'), named('p7', 'ann'), named('p0', 'ANN'), named('p8', ''),
  ];

  it('sorts strings lower-cased in code-unit order, missing as "", ties by _id', () => {
    // 'é' (U+00E9) is after 'z' in code-unit order; '' and missing tie and fall back to _id.
    expect(order(people, sortBy('info.name.first'))).toEqual(['p5', 'p8', 'p3', 'p0', 'p2', 'p7', 'p1', 'p4', 'p6']);
  });

  it('sorts DESC as exactly ASC reversed, ties included', () => {
    expect(order(people, sortBy('info.name.first', 'DESC'))).toEqual(order(people, sortBy('info.name.first')).reverse());
  });

  it('defaults to _createdDate ASC then _id, with a missing date first', () => {
    const at = (id: string, iso?: string): Contact => ({ ...bare(id), ...(iso === undefined ? {} : { _createdDate: new Date(iso) }) });
    const list = [at('b', '2024-01-02T00:00:00Z'), at('a', '2024-01-02T00:00:00Z'), at('c', '2023-12-31T23:59:59Z'), at('d')];
    expect(order(list, undefined)).toEqual(['d', 'c', 'a', 'b']);
    expect(order(list, sortBy('_createdDate', 'DESC'))).toEqual(['b', 'a', 'c', 'd']);
  });

  it('sorts lastActivity dates by instant and birthdates as strings', () => {
    const act = (id: string, iso: string): Contact => ({ ...bare(id), lastActivity: { activityType: 'GENERAL', activityDate: new Date(iso) } });
    expect(order([act('x', '2024-01-01T10:00:00+05:00'), act('y', '2024-01-01T06:00:00Z')], sortBy('lastActivity.activityDate')))
      .toEqual(['x', 'y']);
    const born = (id: string, birthdate?: string): Contact => ({ ...bare(id), info: birthdate === undefined ? {} : { birthdate } });
    expect(order([born('a', '1990-02-01'), born('b'), born('c', '1989-12-31')], sortBy('info.birthdate'))).toEqual(['b', 'c', 'a']);
  });

  it('sorts custom extended fields: missing, then numbers numerically, then strings lower-cased', () => {
    const ext = (id: string, v?: string | number): Contact => ({ ...bare(id), info: v === undefined ? {} : { extendedFields: { items: { 'custom.k': v } } } });
    const list = [ext('s1', 'beta'), ext('n10', 10), ext('m'), ext('s2', 'Alpha'), ext('n2', 2), ext('n-1', -1.5)];
    expect(order(list, sortBy('info.extendedFields.custom.k'))).toEqual(['m', 'n-1', 'n2', 'n10', 's2', 's1']);
  });

  it('returns 0 (not -0) only for the same _id', () => {
    const a = named('same', 'x');
    expect(Object.is(compareContacts(a, named('same', 'x'), sortBy('info.name.first', 'DESC')), 0)).toBe(true);
    expect(compareContacts(a, named('other', 'x'), undefined)).not.toBe(0);
  });

  it('is a total order: antisymmetric and transitive on random contacts', () => {
    const contact = fc.record({
      id: fc.string({ maxLength: 3 }),
      first: fc.option(fc.string({ maxLength: 3 }), { nil: undefined }),
      created: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
    }).map(({ id, first, created }): Contact => ({
      ...named(id, first), ...(created === undefined ? {} : { _createdDate: new Date(created) }),
    }));
    const sorts = fc.constantFrom(undefined, sortBy('info.name.first'), sortBy('info.name.first', 'DESC'), sortBy('_createdDate', 'DESC'));
    fc.assert(fc.property(contact, contact, contact, sorts, (a, b, c, s) => {
      const ab = compareContacts(a, b, s);
      expect(Math.sign(ab)).toBe(-Math.sign(compareContacts(b, a, s)) || 0);
      if (ab === 0) expect(a._id).toBe(b._id);
      if (ab <= 0 && compareContacts(b, c, s) <= 0) expect(compareContacts(a, c, s)).toBeLessThanOrEqual(0);
    }), { numRuns: 300 });
  });
});
