import { describe, expect, it } from 'vitest';
import { parseContactQuery, type RawContactQuery } from '../../../src/store/query/contact-query.js';
import { planQuery } from '../../../src/store/query/query-plan.js';

const plan = (raw: RawContactQuery) => planQuery(parseContactQuery(raw));

describe('planQuery', () => {
  it('uses the lower-cased string indexes for eq, in and startsWith', () => {
    expect(plan({ filter: { 'info.name.first': 'Ada' } })).toEqual({ kind: 'index', index: 'k.first', range: { kind: 'equals', value: 'ada' } });
    expect(plan({ filter: { 'info.name.last': { $in: ['Smith', 'JONES'] } } }))
      .toEqual({ kind: 'index', index: 'k.last', range: { kind: 'anyOf', values: ['smith', 'jones'] } });
    expect(plan({ filter: { 'primaryInfo.email': { $startsWith: 'Ad' } } }))
      .toEqual({ kind: 'index', index: 'k.email', range: { kind: 'startsWith', prefix: 'ad' } });
    expect(plan({ filter: { 'primaryInfo.phone': { $startsWith: '+44' } } }))
      .toEqual({ kind: 'index', index: 'k.phone', range: { kind: 'startsWith', prefix: '+44' } });
  });

  it('uses the primary key for _id, exactly', () => {
    expect(plan({ filter: { _id: 'Tmp-A' } })).toEqual({ kind: 'index', index: '_id', range: { kind: 'equals', value: 'Tmp-A' } });
  });

  it('uses the multiEntry label index for hasSome and hasAll', () => {
    expect(plan({ filter: { 'info.labelKeys': { $hasSome: ['custom.a', 'custom.b'] } } }))
      .toEqual({ kind: 'index', index: 'k.labels', range: { kind: 'anyOf', values: ['custom.a', 'custom.b'] } });
    expect(plan({ filter: { 'info.labelKeys': { $hasAll: ['custom.a', 'custom.b'] } } }))
      .toEqual({ kind: 'index', index: 'k.labels', range: { kind: 'equals', value: 'custom.a' } });
  });

  it('combines every createdDate bound of the AND into one range', () => {
    const from = new Date('2024-01-01T00:00:00Z');
    const to = new Date('2024-02-01T00:00:00Z');
    expect(plan({ filter: { $and: [{ _createdDate: { $gte: from } }, { _createdDate: { $lt: to } }, { 'info.company': 'X' }] } }))
      .toEqual({ kind: 'index', index: 'k.created', range: { kind: 'between', lower: from.getTime(), upper: to.getTime(), includeLower: true, includeUpper: false } });
    expect(plan({ filter: { _createdDate: to } }))
      .toEqual({ kind: 'index', index: 'k.created', range: { kind: 'between', lower: to.getTime(), upper: to.getTime(), includeLower: true, includeUpper: true } });
  });

  it('prefers equality over labels over prefixes over date ranges', () => {
    const filter = { $and: [{ _createdDate: { $gt: new Date(0) } }, { 'info.name.first': { $startsWith: 'a' } }, { 'info.labelKeys': { $hasSome: ['custom.a'] } }, { 'info.name.last': 'Lovelace' }] };
    expect(plan({ filter })).toMatchObject({ index: 'k.last' });
    expect(plan({ filter: { $and: filter.$and.slice(0, 3) } })).toMatchObject({ index: 'k.labels' });
    expect(plan({ filter: { $and: filter.$and.slice(0, 2) } })).toMatchObject({ index: 'k.first' });
  });

  it('walks the sort index when nothing is indexable, else scans', () => {
    expect(plan({})).toEqual({ kind: 'ordered', index: 'k.created', reverse: false });
    expect(plan({ sort: [{ fieldName: 'info.name.last', order: 'DESC' }] })).toEqual({ kind: 'ordered', index: 'k.last', reverse: true });
    expect(plan({ filter: { 'info.company': { $startsWith: 'a' } }, sort: [{ fieldName: 'primaryInfo.email' }] }))
      .toEqual({ kind: 'ordered', index: 'k.email', reverse: false });
    expect(plan({ sort: [{ fieldName: 'info.company' }] })).toEqual({ kind: 'scan' });
  });

  it('never plans an index under $or, $not, ne or an empty prefix', () => {
    const sort = [{ fieldName: 'info.company' }];
    expect(plan({ filter: { $or: [{ 'info.name.first': 'a' }, { 'info.name.last': 'b' }] }, sort })).toEqual({ kind: 'scan' });
    expect(plan({ filter: { $not: { 'info.name.first': 'a' } }, sort })).toEqual({ kind: 'scan' });
    expect(plan({ filter: { 'info.name.first': { $ne: 'a' } }, sort })).toEqual({ kind: 'scan' });
    expect(plan({ filter: { 'info.name.first': { $startsWith: '' } }, sort })).toEqual({ kind: 'scan' });
  });

  it('walks the sort index range when a lone prefix on the sort field is the whole filter', () => {
    const byLast = [{ fieldName: 'info.name.last', order: 'DESC' as const }];
    const range = { kind: 'startsWith', prefix: 'sm' };
    expect(plan({ filter: { 'info.name.last': { $startsWith: 'Sm' } }, sort: byLast }))
      .toEqual({ kind: 'orderedRange', index: 'k.last', range, reverse: true });
    expect(plan({ filter: { $and: [{ 'info.name.last': { $startsWith: 'Sm' } }] }, sort: [{ fieldName: 'info.name.last' }] }))
      .toEqual({ kind: 'orderedRange', index: 'k.last', range, reverse: false });
    expect(plan({ filter: { 'primaryInfo.email': { $startsWith: 'sm' } }, sort: [{ fieldName: 'primaryInfo.email' }] }))
      .toMatchObject({ kind: 'orderedRange', index: 'k.email' });
  });

  it('keeps the in-memory check when the range is not exactly the filter', () => {
    const sort = [{ fieldName: 'info.name.last' }];
    const prefix = { 'info.name.last': { $startsWith: 'sm' } };
    // Another index, another condition, an OR beside it, or a case-sensitive eq/in.
    expect(plan({ filter: prefix })).toMatchObject({ kind: 'index' });
    expect(plan({ filter: prefix, sort: [{ fieldName: 'info.name.first' }] })).toMatchObject({ kind: 'index' });
    expect(plan({ filter: { $and: [prefix, { 'info.company': 'x' }] }, sort })).toMatchObject({ kind: 'index' });
    expect(plan({ filter: { $and: [prefix, { $or: [{ 'info.company': 'x' }, { 'info.company': 'y' }] }] }, sort })).toMatchObject({ kind: 'index' });
    expect(plan({ filter: { 'info.name.last': 'Smith' }, sort })).toMatchObject({ kind: 'index' });
    expect(plan({ filter: { 'info.name.last': { $in: ['Smith'] } }, sort })).toMatchObject({ kind: 'index' });
  });
});
