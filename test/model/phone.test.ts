import { describe, expect, it } from 'vitest';
import { phoneDigits, toE164 } from '../../src/model/phone.js';

describe('toE164', () => {
  it.each([
    ['(415) 555-2671', 'US', '+14155552671'],
    ['1 415 555 2671', 'US', '+14155552671'], // NANP trunk prefix 1
    ['415.555.2671', 'CA', '+14155552671'],
    ['011 44 20 7946 0958', 'US', '+442079460958'], // NANP exit prefix
    ['020 7946 0958', 'GB', '+442079460958'], // trunk 0 dropped
    ['20 7946 0958', 'GB', '+442079460958'],
    ['0044 20 7946 0958', 'GB', '+442079460958'], // exit prefix 00
    ['01 23 45 67 89', 'FR', '+33123456789'],
    ['030 1234567', 'DE', '+49301234567'],
    ['052-123-4567', 'IL', '+972521234567'],
    ['090-1234-5678', 'JP', '+819012345678'],
    ['06 1234 5678', 'IT', '+390612345678'], // Italy keeps the 0
    ['07 07 12 34 56', 'CI', '+2250707123456'],
    ['8 (916) 123-45-67', 'RU', '+79161234567'], // trunk 8
    ['06 1 234 5678', 'HU', '+3612345678'], // trunk 06
    ['0412 345 678', 'AU', '+61412345678'],
    ['+44 20 7946 0958', undefined, '+442079460958'],
    ['+44 20 7946 0958', 'US', '+442079460958'], // `+` is parsed alone
    ['  +1-212-555-0199 ', undefined, '+12125550199'],
    ['+800 1234 5678', undefined, '+80012345678'], // non-geographic
    ['020 7946 0958', 'gb', '+442079460958'], // country case does not matter here
  ])('%s in %s is %s', (phone, country, expected) => {
    expect(toE164(phone, country)).toBe(expected);
  });

  it.each([
    ['555-0100', 'US'], // 7 digits: not a NANP number
    ['415 555 26711', 'US'], // 11 national digits
    ['020 7946 0958', undefined], // national without a country
    ['020 7946 0958', 'XX'], // no such country
    ['020 7946 0958', '__proto__'],
    ['1-800-FLOWERS', 'US'], // letters
    ['415 555 2671 x12', 'US'], // extension
    ['+0 123 456 789', undefined], // no calling code starts with 0
    ['+999 1234 5678', undefined], // unassigned calling code
    ['+44 123', undefined], // too short
    ['+44 1234 5678 9012 345', undefined], // more than 15 digits
    ['+1 212 555 019', undefined], // NANP with 9 digits
    ['', 'US'],
    ['+', undefined],
    ['0 0 1', 'GB'],
  ])('%s in %s does not parse', (phone, country) => {
    expect(toE164(phone, country)).toBeUndefined();
  });
});

describe('phoneDigits', () => {
  it.each([
    ['+1 (415) 555-2671', '+14155552671'],
    ['  +44 20 ', '+4420'],
    ['(415) 555-2671', '4155552671'],
    ['1+2', '12'], // a `+` that does not lead is dropped
    ['ext. 42', '42'],
    ['abc', ''],
  ])('%s -> %s', (phone, expected) => {
    expect(phoneDigits(phone)).toBe(expected);
  });
});
