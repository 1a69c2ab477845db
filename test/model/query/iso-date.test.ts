import { describe, expect, it } from 'vitest';
import { isLocalDate, parseIsoDateTime } from '../../../src/model/query/iso-date.js';

describe('isLocalDate', () => {
  it.each([['2000-02-29', true], ['1900-02-29', false], ['2024-02-29', true], ['2023-02-29', false], ['2024-04-31', false],
    ['2024-12-31', true], ['2024-00-10', false], ['2024-01-00', false], ['24-01-01', false], ['2024-01-01T00:00Z', false]])(
    '%s -> %s', (s, ok) => {
      expect(isLocalDate(s)).toBe(ok);
    },
  );
});

describe('parseIsoDateTime', () => {
  it('keeps years below 100 as written (Date.UTC would not)', () => {
    expect(parseIsoDateTime('0099-12-31T23:59:59.999Z')?.getUTCFullYear()).toBe(99);
  });

  it('applies the offset and truncates fractions to milliseconds', () => {
    expect(parseIsoDateTime('2024-01-01T00:00:00.9999-05:00')?.toISOString()).toBe('2024-01-01T05:00:00.999Z');
  });

  it('refuses a zoneless date-time, whose meaning depends on the host time zone', () => {
    expect(parseIsoDateTime('2024-01-01T00:00:00')).toBeUndefined();
  });
});
