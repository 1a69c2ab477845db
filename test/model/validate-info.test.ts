import { describe, expect, it } from 'vitest';
import { ContactsError, type FieldViolation } from '../../src/model/contacts-error.js';
import { assertSufficientInfo, validateInfo, validateLabelKeys, type ValidationMode } from '../../src/model/validate-info.js';

const NAME = { name: { first: 'Ann' } };
const s = (n: number, c = 'a'): string => c.repeat(n);
const email = (e: object) => ({ ...NAME, emails: { items: [{ email: 'a@b.co', ...e }] } });
const phone = (p: object) => ({ ...NAME, phones: { items: [{ phone: '555', ...p }] } });
const address = (a: object, item: object = {}) => ({ ...NAME, addresses: { items: [{ address: { city: 'X', ...a }, ...item }] } });
const times = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
const guid = (i: number): string => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** The error `validateInfo` throws, or undefined. */
function errorOf(input: unknown, mode: ValidationMode): ContactsError | undefined {
  try {
    validateInfo(input, mode);
    return undefined;
  } catch (e) {
    if (e instanceof ContactsError) return e;
    throw e;
  }
}

function violationsOf(e: ContactsError | undefined): FieldViolation[] {
  return e && 'validationError' in e.details ? e.details.validationError.fieldViolations : [];
}

describe('validateInfo: field violations (400 INVALID_ARGUMENT)', () => {
  it.each<[string, unknown, string, string]>([
    ['info not an object', 'Ann', 'info', 'TYPE'],
    ['info null', null, 'info', 'TYPE'],
    ['info an array', [NAME], 'info', 'TYPE'],
    ['info a Date', new Date(), 'info', 'TYPE'],
    ['unknown top-level key', { ...NAME, nickname: 'A' }, 'info.nickname', 'UNKNOWN_FIELD'],
    ['REST name at top level', { ...NAME, id: 'x' }, 'info.id', 'UNKNOWN_FIELD'],
    ['name not an object', { name: 'Ann' }, 'info.name', 'TYPE'],
    ['name part too long', { name: { first: s(1001) } }, 'info.name.first', 'MAX_LENGTH'],
    ['last name too long', { name: { first: 'a', last: s(1001) } }, 'info.name.last', 'MAX_LENGTH'],
    ['unknown name part', { name: { first: 'A', middle: 'B' } }, 'info.name.middle', 'UNKNOWN_FIELD'],
    ['name part a number', { name: { first: 5 } }, 'info.name.first', 'TYPE'],
    ['name part null', { name: { first: null, last: 'A' } }, 'info.name.first', 'TYPE'],
    ['emails not an object', { ...NAME, emails: [] }, 'info.emails', 'TYPE'],
    ['emails.items not an array', { ...NAME, emails: { items: {} } }, 'info.emails.items', 'TYPE'],
    ['unknown key in wrapper', { ...NAME, emails: { items: [], total: 0 } }, 'info.emails.total', 'UNKNOWN_FIELD'],
    ['51 emails', { ...NAME, emails: { items: times(51, (i) => ({ email: `a${i}@b.co` })) } }, 'info.emails.items', 'MAX_SIZE'],
    ['email item not an object', { ...NAME, emails: { items: ['a@b.co'] } }, 'info.emails.items[0]', 'TYPE'],
    ['unknown email item key', email({ foo: 1 }), 'info.emails.items[0].foo', 'UNKNOWN_FIELD'],
    ['REST item id', email({ id: 'x' }), 'info.emails.items[0].id', 'UNKNOWN_FIELD'],
    ['email missing', { ...NAME, emails: { items: [{ tag: 'WORK' }] } }, 'info.emails.items[0].email', 'REQUIRED'],
    ['email empty', email({ email: '' }), 'info.emails.items[0].email', 'MIN_LENGTH'],
    ['email too long', email({ email: `${s(60)}@${s(257, 'b')}.co` }), 'info.emails.items[0].email', 'MAX_LENGTH'],
    ['email malformed', email({ email: 'ann at example.com' }), 'info.emails.items[0].email', 'FORMAT'],
    ['email tag unknown', email({ tag: 'OTHER' }), 'info.emails.items[0].tag', 'ENUM'],
    ['email tag of phones', email({ tag: 'MOBILE' }), 'info.emails.items[0].tag', 'ENUM'],
    ['primary not a boolean', email({ primary: 'yes' }), 'info.emails.items[0].primary', 'TYPE'],
    ['item _id too long', email({ _id: s(101) }), 'info.emails.items[0]._id', 'MAX_LENGTH'],
    ['item _id a number', email({ _id: 5 }), 'info.emails.items[0]._id', 'TYPE'],
    ['phone empty', phone({ phone: '' }), 'info.phones.items[0].phone', 'MIN_LENGTH'],
    ['phone too long', phone({ phone: s(51, '1') }), 'info.phones.items[0].phone', 'MAX_LENGTH'],
    ['phone missing', { ...NAME, phones: { items: [{ countryCode: 'US' }] } }, 'info.phones.items[0].phone', 'REQUIRED'],
    ['phone a number', phone({ phone: 5551234 }), 'info.phones.items[0].phone', 'TYPE'],
    ['phone country alpha-3', phone({ countryCode: 'USA' }), 'info.phones.items[0].countryCode', 'FORMAT'],
    ['phone country lower case', phone({ countryCode: 'us' }), 'info.phones.items[0].countryCode', 'FORMAT'],
    ['phone tag unknown', phone({ tag: 'PAGER' }), 'info.phones.items[0].tag', 'ENUM'],
    ['51 phones', { ...NAME, phones: { items: times(51, () => ({ phone: '1' })) } }, 'info.phones.items', 'MAX_SIZE'],
    ['unknown address key', address({ street: 'x' }), 'info.addresses.items[0].address.street', 'UNKNOWN_FIELD'],
    ['REST address name', address({ addressLine: 'x' }), 'info.addresses.items[0].address.addressLine', 'UNKNOWN_FIELD'],
    ['street and line 1', address({ streetAddress: { name: 'x' }, addressLine1: 'y' }), 'info.addresses.items[0].address.addressLine1', 'ONE_OF'],
    ['city too long', address({ city: s(1001) }), 'info.addresses.items[0].address.city', 'MAX_LENGTH'],
    ['addressLine2 too long', address({ addressLine2: s(1001) }), 'info.addresses.items[0].address.addressLine2', 'MAX_LENGTH'],
    ['postal code too long', address({ postalCode: s(101) }), 'info.addresses.items[0].address.postalCode', 'MAX_LENGTH'],
    ['formatted too long', address({ formatted: s(2001) }), 'info.addresses.items[0].address.formatted', 'MAX_LENGTH'],
    ['street number too long', address({ streetAddress: { number: s(101) } }), 'info.addresses.items[0].address.streetAddress.number', 'MAX_LENGTH'],
    ['street name too long', address({ streetAddress: { name: s(1001) } }), 'info.addresses.items[0].address.streetAddress.name', 'MAX_LENGTH'],
    ['street apt (internal)', address({ streetAddress: { apt: '4' } }), 'info.addresses.items[0].address.streetAddress.apt', 'UNKNOWN_FIELD'],
    ['bare subdivision', address({ subdivision: 'NY' }), 'info.addresses.items[0].address.subdivision', 'FORMAT'],
    ['subdivision of no country', address({ subdivision: 'XX-NY' }), 'info.addresses.items[0].address.subdivision', 'FORMAT'],
    ['subdivision too long', address({ subdivision: `US-${s(98)}` }), 'info.addresses.items[0].address.subdivision', 'MAX_LENGTH'],
    ['country unknown', address({ country: 'XX' }), 'info.addresses.items[0].address.country', 'FORMAT'],
    ['country a name', address({ country: 'France' }), 'info.addresses.items[0].address.country', 'FORMAT'],
    ['latitude out of range', address({ location: { latitude: 91 } }), 'info.addresses.items[0].address.location.latitude', 'RANGE'],
    ['longitude not a number', address({ location: { longitude: '1' } }), 'info.addresses.items[0].address.location.longitude', 'TYPE'],
    ['latitude NaN', address({ location: { latitude: NaN } }), 'info.addresses.items[0].address.location.latitude', 'TYPE'],
    ['address tag unknown', address({}, { tag: 'MAIN' }), 'info.addresses.items[0].tag', 'ENUM'],
    ['address not an object', address({}, { address: 'x' }), 'info.addresses.items[0].address', 'TYPE'],
    ['51 addresses', { ...NAME, addresses: { items: times(51, () => ({})) } }, 'info.addresses.items', 'MAX_SIZE'],
    ['company too long', { ...NAME, company: s(1001) }, 'info.company', 'MAX_LENGTH'],
    ['company a number', { ...NAME, company: 5 }, 'info.company', 'TYPE'],
    ['jobTitle too long', { ...NAME, jobTitle: s(1001) }, 'info.jobTitle', 'MAX_LENGTH'],
    ['birthdate not a date', { ...NAME, birthdate: '2023-02-29' }, 'info.birthdate', 'FORMAT'],
    ['birthdate a timestamp', { ...NAME, birthdate: '2023-02-01T00:00:00Z' }, 'info.birthdate', 'FORMAT'],
    ['birthdate a Date', { ...NAME, birthdate: new Date() }, 'info.birthdate', 'TYPE'],
    ['locale with underscore', { ...NAME, locale: 'en_US' }, 'info.locale', 'FORMAT'],
    ['label keys not in a wrapper', { ...NAME, labelKeys: ['custom.vip'] }, 'info.labelKeys', 'TYPE'],
    ['label key malformed', { ...NAME, labelKeys: { items: ['vip'] } }, 'info.labelKeys.items[0]', 'FORMAT'],
    ['label key too long', { ...NAME, labelKeys: { items: [`custom.${s(74)}`] } }, 'info.labelKeys.items[0]', 'MAX_LENGTH'],
    ['label namespace too long', { ...NAME, labelKeys: { items: [`${s(26)}.x`] } }, 'info.labelKeys.items[0]', 'FORMAT'],
    ['label key empty', { ...NAME, labelKeys: { items: [''] } }, 'info.labelKeys.items[0]', 'MIN_LENGTH'],
    ['2001 label keys', { ...NAME, labelKeys: { items: times(2001, (i) => `custom.k${i}`) } }, 'info.labelKeys.items', 'MAX_SIZE'],
    ['extendedFields not an object', { ...NAME, extendedFields: 'x' }, 'info.extendedFields', 'TYPE'],
    ['extendedFields.items an array', { ...NAME, extendedFields: { items: [] } }, 'info.extendedFields.items', 'TYPE'],
    ['201 extended fields', { ...NAME, extendedFields: { items: Object.fromEntries(times(201, (i) => [`custom.k${i}`, i])) } }, 'info.extendedFields.items', 'MAX_SIZE'],
    ['picture a string', { ...NAME, picture: 'https://example.com/a.png' }, 'info.picture', 'TYPE'],
    ['picture REST object', { ...NAME, picture: { image: { url: 'https://example.com/a.png' } } }, 'info.picture.image', 'TYPE'],
    ['picture not a URL', { ...NAME, picture: { image: 'me.png' } }, 'info.picture.image', 'FORMAT'],
    ['picture unknown key', { ...NAME, picture: { image: 'https://a.co/x', imageProvider: 'EXTERNAL' } }, 'info.picture.imageProvider', 'UNKNOWN_FIELD'],
    ['location not a GUID', { ...NAME, locations: { items: ['loc-1'] } }, 'info.locations.items[0]', 'FORMAT'],
    ['51 locations', { ...NAME, locations: { items: times(51, guid) } }, 'info.locations.items', 'MAX_SIZE'],
    ['assignedUserIds (internal)', { ...NAME, assignedUserIds: { items: [] } }, 'info.assignedUserIds', 'UNKNOWN_FIELD'],
  ])('%s', (_what, input, field, rule) => {
    const e = errorOf(input, 'create');
    expect(e?.status).toBe(400);
    expect(e?.code).toBe('INVALID_ARGUMENT');
    expect(violationsOf(e)).toContainEqual(expect.objectContaining({ field, violatedRule: rule }));
    expect(e?.message).toContain(field);
  });

  it('applies the same checks to updates', () => {
    expect(violationsOf(errorOf({ company: s(1001) }, 'update'))).toContainEqual(expect.objectContaining({ field: 'info.company' }));
    expect(errorOf(5, 'update')?.code).toBe('INVALID_ARGUMENT');
    expect(errorOf(null, 'update')?.code).toBe('INVALID_ARGUMENT');
  });

  it('collects every violation, not only the first', () => {
    const e = errorOf({ name: { first: s(1001) }, company: 1, birthdate: 'x', emails: { items: [{ email: 'x' }, { foo: 1 }] } }, 'create');
    expect(violationsOf(e).map((v) => v.field).sort()).toEqual([
      'info.birthdate', 'info.company', 'info.emails.items[0].email', 'info.emails.items[1].email', 'info.emails.items[1].foo', 'info.name.first',
    ]);
  });

  it('keeps at most 100 violations', () => {
    const e = errorOf({ ...NAME, labelKeys: { items: times(500, () => 'bad') } }, 'create');
    expect(violationsOf(e)).toHaveLength(100);
  });

  it('does not look inside unknown keys, however deep', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i += 1) deep = { a: deep };
    const e = errorOf({ ...NAME, junk: deep }, 'create');
    expect(violationsOf(e)).toEqual([expect.objectContaining({ field: 'info.junk' })]);
  });

  it('does not walk the items of an over-long list', () => {
    const e = errorOf({ ...NAME, emails: { items: times(10_000, () => ({ bad: true })) } }, 'create');
    expect(violationsOf(e)).toEqual([expect.objectContaining({ field: 'info.emails.items', violatedRule: 'MAX_SIZE' })]);
  });
});

describe('validateInfo: application errors', () => {
  it.each<[string, unknown, string]>([
    ['other namespace', 'other.x'],
    ['no namespace', 'age'],
    ['empty slug', 'custom.'],
    ['space in slug', 'custom.a b'],
    ['nested slug', 'custom.a.b'],
    ['constructor', 'constructor'],
    ['prototype', 'prototype'],
    ['custom.__proto__', 'custom.__proto__'],
  ].map(([what, key]) => [`key: ${what}`, { ...NAME, extendedFields: { items: { [key as string]: 'v' } } }, key as string]))(
    'INVALID_EXTENDED_FIELD_VALUE for %s', (_what, input, key) => {
      const e = errorOf(input, 'create');
      expect(e?.status).toBe(400);
      expect(e?.code).toBe('INVALID_EXTENDED_FIELD_VALUE');
      expect(e?.data).toMatchObject({ key });
    },
  );

  it('INVALID_EXTENDED_FIELD_VALUE for a __proto__ key from JSON', () => {
    const input: unknown = JSON.parse('{"name":{"first":"A"},"extendedFields":{"items":{"__proto__":{"polluted":1}}}}');
    const e = errorOf(input, 'create');
    expect(e?.code).toBe('INVALID_EXTENDED_FIELD_VALUE');
    expect(e?.data).toMatchObject({ key: '__proto__' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['an object', { a: 1 }], ['an array', [1]], ['a boolean', true], ['null', null], ['NaN', NaN],
    ['Infinity', Infinity], ['a Date', new Date()], ['a 5001-character string', s(5001)],
  ])('INVALID_EXTENDED_FIELD_VALUE for a value that is %s', (_what, value) => {
    const e = errorOf({ ...NAME, extendedFields: { items: { 'custom.ok': 1, 'custom.bad': value } } }, 'create');
    expect(e?.code).toBe('INVALID_EXTENDED_FIELD_VALUE');
    expect(e?.data).toMatchObject({ key: 'custom.bad', keys: ['custom.bad'] });
  });

  it('drops system and derived extended fields silently, whatever their value', () => {
    const info = validateInfo({
      ...NAME,
      extendedFields: {
        items: {
          'custom.tier': 'gold', 'contacts.displayByFirstName': 'X', 'contacts.displayByLastName': 'Y',
          'emailSubscriptions.subscriptionStatus': { odd: true }, 'invoices.vatId': null, 'members.membershipStatus': 'ACTIVE',
        },
      },
    }, 'create');
    expect(info.extendedFields).toEqual({ items: { 'custom.tier': 'gold' } });
  });

  it('accepts extended-field strings up to the limit, numbers, and "" (removal)', () => {
    const items = { 'custom.a': s(5000), 'custom.b': -1.5, 'custom.c': '', 'custom.d': 0 };
    expect(validateInfo({ ...NAME, extendedFields: { items } }, 'create').extendedFields?.items).toEqual(items);
  });

  it.each(['emails', 'phones'] as const)('CANNOT_HAVE_MULTIPLE_PRIMARY_INFO for two primary %s', (list) => {
    const item = list === 'emails' ? (i: number) => ({ email: `a${i}@b.co`, primary: true }) : (i: number) => ({ phone: `${i}`, primary: true });
    for (const mode of ['create', 'update'] as const) {
      const e = errorOf({ ...NAME, [list]: { items: [item(1), { ...item(2), primary: false }, item(3)] } }, mode);
      expect(e?.status).toBe(400);
      expect(e?.code).toBe('CANNOT_HAVE_MULTIPLE_PRIMARY_INFO');
    }
  });

  it('accepts one primary email and one primary phone', () => {
    expect(() => validateInfo({
      emails: { items: [{ email: 'a@b.co', primary: true }, { email: 'c@d.co', primary: false }] },
      phones: { items: [{ phone: '1', primary: true }] },
    }, 'create')).not.toThrow();
  });

  it.each<[string, unknown]>([
    ['undefined', undefined], ['{}', {}], ['only a company', { company: 'Acme' }], ['a blank name', { name: { first: '  ', last: '' } }],
    ['empty lists', { emails: { items: [] }, phones: {} }], ['only system fields', { extendedFields: { items: { 'contacts.displayByFirstName': 'A' } } }],
  ])('INSUFFICIENT_CONTACT_DATA on create with %s', (_what, input) => {
    const e = errorOf(input, 'create');
    expect(e?.status).toBe(400);
    expect(e?.code).toBe('INSUFFICIENT_CONTACT_DATA');
  });

  it.each<[string, unknown]>([
    ['a first name', { name: { first: 'A' } }], ['a last name', { name: { last: 'B' } }],
    ['an email', { emails: { items: [{ email: 'a@b.co' }] } }], ['a phone', { phones: { items: [{ phone: '?' }] } }],
  ])('create is sufficient with %s', (_what, input) => {
    expect(() => validateInfo(input, 'create')).not.toThrow();
  });

  it.each<[string, unknown]>([
    ['undefined', undefined], ['{}', {}], ['only undefined values', { company: undefined }], ['an empty name', { name: {} }],
    ['no extended fields', { extendedFields: { items: {} } }], ['an empty extended wrapper', { extendedFields: {} }],
    ['only read-only fields', { extendedFields: { items: { 'contacts.displayByLastName': 'X' } } }],
  ])('INSUFFICIENT_UPDATE_CONTACT_DATA on update with %s', (_what, input) => {
    const e = errorOf(input, 'update');
    expect(e?.status).toBe(400);
    expect(e?.code).toBe('INSUFFICIENT_UPDATE_CONTACT_DATA');
  });

  it('puts field violations before application errors', () => {
    const e = errorOf({ company: 1, emails: { items: [{ email: 'a@b.co', primary: true }, { email: 'c@d.co', primary: true }] } }, 'create');
    expect(e?.code).toBe('INVALID_ARGUMENT');
  });
});

describe('validateInfo: the clean copy', () => {
  it('keeps item ids and drops e164Phone', () => {
    const info = validateInfo({ phones: { items: [{ _id: 'p1', phone: '415 555 2671', countryCode: 'US', e164Phone: '+1999' }] } }, 'create');
    expect(info.phones?.items).toEqual([{ _id: 'p1', phone: '415 555 2671', countryCode: 'US' }]);
  });

  it('lets update clear with "" and replace lists with empty ones', () => {
    const patch = { company: '', birthdate: '', locale: '', name: { first: '' }, emails: { items: [] }, phones: {}, picture: {} };
    expect(validateInfo(patch, 'update')).toEqual({ ...patch, phones: { items: [] } });
  });

  it('drops the no-op parts of an update', () => {
    expect(validateInfo({ company: 'A', name: {}, extendedFields: { items: { 'contacts.displayByFirstName': 'x' } } }, 'update')).toEqual({ company: 'A' });
  });

  it('treats undefined values as absent', () => {
    expect(validateInfo({ name: { first: 'A', last: undefined }, company: undefined }, 'create')).toEqual({ name: { first: 'A' } });
  });

  it('never mutates its input and shares no object with it', () => {
    const input = {
      name: { first: 'A' }, emails: { items: [{ email: 'a@b.co' }] },
      phones: { items: [{ phone: '1', e164Phone: '+1' }] }, extendedFields: { items: { 'contacts.x': 1, 'custom.y': 2 } },
    };
    const before = JSON.stringify(input);
    const out = validateInfo(deepFreeze(input), 'create');
    expect(JSON.stringify(input)).toBe(before);
    expect(out.name).not.toBe(input.name);
    expect(out.emails?.items[0]).not.toBe(input.emails.items[0]);
    expect(out.extendedFields?.items).not.toBe(input.extendedFields.items);
  });

  it('refuses __proto__ keys from JSON and never pollutes prototypes', () => {
    const input: unknown = JSON.parse('{"name":{"first":"A","__proto__":{"polluted":1}},"__proto__":{"polluted":1},"emails":{"items":[{"email":"a@b.co","__proto__":{"x":1}}]}}');
    const fields = violationsOf(errorOf(input, 'create')).map((v) => v.field);
    expect(fields).toEqual(expect.arrayContaining(['info.__proto__', 'info.name.__proto__', 'info.emails.items[0].__proto__']));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('returns plain objects with Object.prototype even for null-prototype input', () => {
    const input = Object.assign(Object.create(null) as Record<string, unknown>, { name: { first: 'A' } });
    const out = validateInfo(input, 'create');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out).toEqual({ name: { first: 'A' } });
  });
});

describe('assertSufficientInfo', () => {
  it('passes with a name, an email or a phone and fails without', () => {
    expect(() => assertSufficientInfo({ name: { last: 'L' } })).not.toThrow();
    expect(() => assertSufficientInfo({ company: 'A', name: { first: ' ' } })).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_CONTACT_DATA', status: 400 }));
  });
});

describe('validateLabelKeys', () => {
  const codeOf = (input: unknown): string | undefined => {
    try {
      validateLabelKeys(input, 'labelKeys');
      return undefined;
    } catch (e) {
      return e instanceof ContactsError ? `${e.status} ${e.code} ${violationsOf(e)[0]?.field ?? ''}` : 'other';
    }
  };

  it('returns a copy of valid keys', () => {
    const keys = ['custom.vip', 'custom.lead'];
    const out = validateLabelKeys(keys, 'labelKeys');
    expect(out).toEqual(keys);
    expect(out).not.toBe(keys);
  });

  it.each<[unknown, string]>([
    [[], '400 INVALID_ARGUMENT labelKeys'],
    [times(101, (i) => `custom.k${i}`), '400 INVALID_ARGUMENT labelKeys'],
    [['custom.ok', 'vip'], '400 INVALID_ARGUMENT labelKeys[1]'],
    [[5], '400 INVALID_ARGUMENT labelKeys[0]'],
    ['custom.vip', '400 INVALID_ARGUMENT labelKeys'],
    [undefined, '400 INVALID_ARGUMENT labelKeys'],
  ])('refuses %j', (input, expected) => {
    expect(codeOf(input)).toBe(expected);
  });

  it('accepts 100 keys', () => {
    expect(validateLabelKeys(times(100, (i) => `custom.k${i}`), 'labelKeys')).toHaveLength(100);
  });
});

function deepFreeze<T>(o: T): T {
  if (typeof o === 'object' && o !== null) {
    Object.values(o).forEach(deepFreeze);
    Object.freeze(o);
  }
  return o;
}
