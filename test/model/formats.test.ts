import { describe, expect, it } from 'vitest';
import {
  isCustomExtendedFieldKey, isEmail, isExtendedFieldKey, isGuid, isLabelKey, isLanguageTag, isLocalDate,
  isPictureString, isSubdivision, namespaceOf, parseWixImage,
} from '../../src/model/formats.js';
import { COUNTRY_CALLING_CODES, isCountryCode } from '../../src/model/country-calling-codes.js';

const table = (ok: readonly string[], bad: readonly string[]) => [
  ...ok.map((s) => [s, true] as const), ...bad.map((s) => [s, false] as const),
];

describe('isEmail', () => {
  it.each(table(
    ['a@b.co', 'first.last+tag@mail.example.org', "o'neil@example.com", 'x@exämple.de', 'u@xn--p1ai.xn--p1ai', `${'a'.repeat(64)}@b.co`],
    ['', 'plain', 'a@b', '@b.co', 'a@.co', 'a@b.', 'a b@c.co', 'a@b c.co', 'a@@b.co', '.a@b.co', 'a.@b.co', 'a..b@c.co',
      'a@b.c', 'a@-b.co', 'a@b.1co', `${'a'.repeat(65)}@b.co`, `a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(63)}.co`],
  ))('%s -> %s', (s, ok) => expect(isEmail(s)).toBe(ok));
});

describe('isLocalDate', () => {
  it.each(table(
    ['2024-02-29', '2000-02-29', '1999-12-31', '0001-01-01', '9999-12-31'],
    ['2023-02-29', '1900-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-01-00', '0000-01-01', '24-01-01',
      '2024-1-1', '2024-01-01T00:00:00Z', '2024/01/01', ' 2024-01-01'],
  ))('%s -> %s', (s, ok) => expect(isLocalDate(s)).toBe(ok));
});

describe('isLanguageTag', () => {
  it.each(table(
    ['en', 'en-US', 'en-us', 'EN-us', 'fr', 'pt-BR', 'zh-Hant-TW', 'es-419', 'sr-Latn-RS', 'de-CH-1996', 'sl-rozaj-biske',
      'en-US-x-twain', 'de-DE-u-co-phonebk', 'haw', 'zh-yue-HK'],
    ['', 'en_US', 'e', 'englishlanguage', 'en-', '-US', 'en-US-', 'en--US', 'en-U', 'en-1234567890', '12', 'en US'],
  ))('%s -> %s', (s, ok) => expect(isLanguageTag(s)).toBe(ok));
});

describe('countries', () => {
  it('lists every ISO 3166-1 alpha-2 code once, with a calling code', () => {
    const codes = Object.keys(COUNTRY_CALLING_CODES);
    expect(codes).toHaveLength(249);
    expect(codes.every((c) => /^[A-Z]{2}$/.test(c))).toBe(true);
    expect(Object.values(COUNTRY_CALLING_CODES).every((c) => /^[1-9]\d{0,2}$/.test(c))).toBe(true);
  });

  it.each(table(['US', 'GB', 'IL', 'AX', 'SS', 'CW', 'AQ'], ['', 'us', 'UK', 'XX', 'USA', 'EU', '__proto__', 'constructor', 'toString']))(
    'isCountryCode(%s) -> %s', (s, ok) => expect(isCountryCode(s)).toBe(ok),
  );
});

describe('isSubdivision', () => {
  it.each(table(
    ['US-NY', 'GB-ENG', 'FR-75C', 'JP-13', 'ES-M', 'DE-BY'],
    ['NY', 'US_NY', 'us-ny', 'XX-NY', 'US-', 'US-ABCD', 'USA-NY', '-NY', 'US-N Y'],
  ))('%s -> %s', (s, ok) => expect(isSubdivision(s)).toBe(ok));
});

describe('isLabelKey', () => {
  it.each(table(
    ['custom.vip', 'custom.lead-2024', 'contacts.a', 'a.b', `${'n'.repeat(25)}.slug`, `custom.${'s'.repeat(73)}`, 'Custom.Team_Blue'],
    ['', 'vip', 'custom.', '.vip', 'custom.v.i.p', 'custom.v ip', 'custom.vïp', `${'n'.repeat(26)}.slug`,
      `custom.${'s'.repeat(74)}`, 'custom.__proto__', '__proto__.x', 'custom.constructor', 'custom.prototype'],
  ))('%s -> %s', (s, ok) => expect(isLabelKey(s)).toBe(ok));
});

describe('extended-field keys', () => {
  it.each(table(
    ['custom.age', 'custom.loyalty-points', 'custom.shoe_size', `custom.${'x'.repeat(93)}`],
    ['custom.', 'age', 'custom.a.b', 'invoices.vatId', 'Custom.age', 'custom.__proto__', 'custom.constructor', `custom.${'x'.repeat(94)}`, '__proto__'],
  ))('isCustomExtendedFieldKey(%s) -> %s', (s, ok) => expect(isCustomExtendedFieldKey(s)).toBe(ok));

  it.each(table(
    ['custom.age', 'emailSubscriptions.effectiveEmail', 'contacts.displayByFirstName', 'app.a.b'],
    ['noDot', '.x', 'a.', 'a..b', 'a.__proto__', 'a b.c'],
  ))('isExtendedFieldKey(%s) -> %s', (s, ok) => expect(isExtendedFieldKey(s)).toBe(ok));

  it('namespaceOf takes what is before the first dot', () => {
    expect(namespaceOf('contacts.displayByFirstName')).toBe('contacts');
    expect(namespaceOf('a.b.c')).toBe('a');
    expect(namespaceOf('nodot')).toBe('nodot');
  });
});

describe('isGuid', () => {
  it.each(table(
    ['123e4567-e89b-12d3-a456-426614174000', 'ABCDEF01-2345-6789-abcd-ef0123456789'],
    ['', '123e4567e89b12d3a456426614174000', '123e4567-e89b-12d3-a456-42661417400', 'g23e4567-e89b-12d3-a456-426614174000'],
  ))('%s -> %s', (s, ok) => expect(isGuid(s)).toBe(ok));
});

describe('pictures', () => {
  it.each(table(
    ['https://example.com/a.png', 'http://cdn.example.org/x?y=1#z', 'HTTPS://EXAMPLE.COM/A.PNG',
      'wix:image://v1/11062b_f0d3a4c1~mv2.jpg/me.jpg#originWidth=800&originHeight=600',
      'wix:image://v1/a27d24_0a3e.png#originWidth=0&originHeight=10',
      'wix:image://v1/a.png/my%20photo.png#originWidth=1&originHeight=1'],
    ['', 'example.com/a.png', 'ftp://example.com/a.png', 'javascript:alert(1)', 'data:image/png;base64,AAAA', 'https://',
      'https://exa mple.com', 'wix:image://v1/a.png', 'wix:image://v1/a.png/me.jpg#originWidth=01&originHeight=1',
      'wix:image://v1/a.png/my photo.png#originWidth=1&originHeight=1', 'wix:image://v1/a.png/a%2#originWidth=1&originHeight=1',
      'wix:image://v1/a.png/a%41#originWidth=1&originHeight=1', 'wix:image://v2/a.png#originWidth=1&originHeight=1',
      `https://example.com/${'a'.repeat(4096)}`],
  ))('isPictureString(%s) -> %s', (s, ok) => expect(isPictureString(s)).toBe(ok));

  it('parses the parts of a wix:image string', () => {
    expect(parseWixImage('wix:image://v1/abc~mv2.jpg/my%20photo.png#originWidth=800&originHeight=600'))
      .toEqual({ id: 'abc~mv2.jpg', name: 'my photo.png', width: 800, height: 600 });
    expect(parseWixImage('wix:image://v1/abc.jpg#originWidth=1&originHeight=2')).toEqual({ id: 'abc.jpg', width: 1, height: 2 });
    expect(parseWixImage('https://example.com')).toBeUndefined();
  });
});
