import { describe, expect, it } from 'vitest';
import { resolveQueryField } from '../../../src/model/query/query-fields.js';
import { DEFAULT_SORT, parsePaging, parseSort } from '../../../src/model/query/sort-paging.js';
import { errorOf } from './fixtures.js';

describe('parseSort', () => {
  it('is undefined when absent or empty', () => {
    expect(parseSort(undefined)).toBeUndefined();
    expect(parseSort(null)).toBeUndefined();
    expect(parseSort([])).toBeUndefined();
  });

  it('defaults the order to ASC and accepts SDK and REST names', () => {
    const created = resolveQueryField('createdDate');
    expect(parseSort([{ fieldName: '_createdDate' }])).toEqual({ field: created, order: 'ASC' });
    expect(parseSort([{ fieldName: 'createdDate', order: 'DESC' }])).toEqual({ field: created, order: 'DESC' });
    expect(parseSort({ fieldName: 'info.name.last', order: null })?.order).toBe('ASC');
    expect(DEFAULT_SORT).toEqual({ field: created, order: 'ASC' });
  });

  it.each(['info.name.first', 'info.name.last', 'info.company', 'info.jobTitle', 'primaryInfo.email', 'info.birthdate',
    'lastActivity.activityDate', 'primaryEmail.email', 'info.extendedFields.custom.score'])('sorts by %s', (fieldName) => {
    expect(parseSort([{ fieldName }])?.field.name).toBe(fieldName);
  });

  it.each<[string, unknown]>([
    ['an unsortable field', [{ fieldName: 'info.labelKeys' }]],
    ['updatedDate', [{ fieldName: '_updatedDate' }]],
    ['primaryInfo.phone', [{ fieldName: 'primaryInfo.phone' }]],
    ['_id', [{ fieldName: '_id' }]],
    ['an unknown field', [{ fieldName: 'info.nope' }]],
    ['a system extended field', [{ fieldName: 'info.extendedFields.contacts.displayByFirstName' }]],
    ['two sorts', [{ fieldName: 'info.name.first' }, { fieldName: 'info.name.last' }]],
    ['no fieldName', [{ order: 'ASC' }]],
    ['a string entry', ['info.name.first']],
  ])('UNSUPPORTED_SORT_FIELD for %s', (_, sort) => {
    const e = errorOf(() => parseSort(sort));
    expect([e.code, e.status]).toEqual(['UNSUPPORTED_SORT_FIELD', 400]);
  });

  it.each(['asc', 'UP', 1])('INVALID_ARGUMENT for the order %j', (order) => {
    const e = errorOf(() => parseSort([{ fieldName: 'info.name.first', order }]));
    expect([e.code, e.status]).toEqual(['INVALID_ARGUMENT', 400]);
    expect(e.details).toMatchObject({ validationError: { fieldViolations: [{ field: 'sort.order' }] } });
  });
});

describe('parsePaging', () => {
  it('defaults to limit 50, offset 0', () => {
    expect(parsePaging(undefined)).toEqual({ limit: 50, offset: 0 });
    expect(parsePaging({})).toEqual({ limit: 50, offset: 0 });
    expect(parsePaging({ limit: null, offset: null })).toEqual({ limit: 50, offset: 0 });
  });

  it('accepts the bounds', () => {
    expect(parsePaging({ limit: 0, offset: 0 })).toEqual({ limit: 0, offset: 0 });
    expect(parsePaging({ limit: 1000, offset: 123456 })).toEqual({ limit: 1000, offset: 123456 });
  });

  it.each([1001, -1, 1.5, '10', Number.NaN, true])('ILLEGAL_LIMIT for %j', (limit) => {
    const e = errorOf(() => parsePaging({ limit }));
    expect([e.code, e.status]).toEqual(['ILLEGAL_LIMIT', 400]);
  });

  it.each([-1, 0.5, '3', Number.POSITIVE_INFINITY, {}])('INVALID_ARGUMENT for the offset %j', (offset) => {
    const e = errorOf(() => parsePaging({ offset }));
    expect([e.code, e.status]).toEqual(['INVALID_ARGUMENT', 400]);
    expect(e.details).toMatchObject({ validationError: { fieldViolations: [{ field: 'paging.offset' }] } });
  });

  it('INVALID_ARGUMENT for paging that is not an object', () => {
    expect(errorOf(() => parsePaging(20)).code).toBe('INVALID_ARGUMENT');
  });
});
