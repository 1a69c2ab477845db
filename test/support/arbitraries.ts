/**
 * fast-check arbitraries of contact infos, shared by the model, merge, store and server
 * tests. Everything generated here passes `validateInfo` (create or update respectively).
 */
import fc from 'fast-check';
import type {
  Address, ContactAddress, ContactEmail, ContactInfo, ContactName, ContactPhone, ExtendedFieldValue,
} from '../../src/model/contact.js';
import { ADDRESS_TAGS, EMAIL_TAGS, PHONE_TAGS } from '../../src/model/enums.js';
import { normalizeInfo } from '../../src/model/normalize.js';

const FIRST_NAMES = ['Ann', 'Bob', 'Chloé', 'Dmitri', 'Eşref', 'Fatima', 'Grace', 'Hiro', 'Inès', 'José', '李', 'Zoë'];
const LAST_NAMES = ['Smith', "O'Brien", 'García Márquez', 'Nguyen', 'Müller', 'van der Berg', 'Kowalski', '王'];
const DOMAINS = ['example.com', 'mail.example.org', 'wix.co.il', 'exämple.de', 'corp.example.io'];
const COMPANIES = ['Acme', 'Globex Corp.', 'Initech', 'Umbrella & Sons', 'Soylent, Ltd', 'Café Zoë'];
const JOB_TITLES = ['CEO', 'Engineer', 'Head of Sales', 'Designer', 'Chief Happiness Officer'];
const LOCALES = ['en-US', 'en-us', 'fr', 'pt-BR', 'zh-Hant-TW', 'de-CH-1996', 'es-419', 'sr-Latn-RS', 'he'];
const CITIES = ['New York', 'Paris', 'Tel Aviv', 'São Paulo', 'München', 'Tokyo'];
const SUBDIVISIONS = ['US-NY', 'US-CA', 'GB-ENG', 'FR-75C', 'DE-BY', 'IL-TA', 'JP-13', 'BR-SP'];
const COUNTRIES = ['US', 'GB', 'FR', 'DE', 'IL', 'JP', 'BR', 'IT', 'CI'];
/** Numbers in the shapes people type: national, international, with and without separators. */
const PHONES: readonly [string, string | undefined][] = [
  ['(415) 555-2671', 'US'], ['415.555.0100', 'US'], ['+1 212 555 0199', undefined],
  ['020 7946 0958', 'GB'], ['+44 20 7946 0958', 'GB'], ['01 23 45 67 89', 'FR'],
  ['030 1234567', 'DE'], ['03-1234567', 'IL'], ['090-1234-5678', 'JP'], ['06 1234 5678', 'IT'],
  ['555-0100', undefined], ['ext. 42', undefined], ['+972 52 123 4567', 'IL'],
];
const SLUGS = ['vip', 'lead-2024', 'newsletter', 'cold_list', 'a', 'Team-Blue', 'x9'];

const opt = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq: 2 });

/** Drops `undefined` values so optional keys are absent (exactOptionalPropertyTypes). */
function compact<T extends object>(o: { [K in keyof T]?: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Marks at most one item as primary (index `which`), or none when `which` is out of range. */
function withAtMostOnePrimary<T extends { primary?: boolean }>(items: T[], which: number, explicitFalse: boolean): T[] {
  return items.map((item, i) => (i === which ? { ...item, primary: true } : explicitFalse ? { ...item, primary: false } : item));
}

/** A name with a first part, a last part, both or (rarely) neither. */
export const nameArb: fc.Arbitrary<ContactName> = fc.record(
  { first: fc.constantFrom(...FIRST_NAMES), last: fc.constantFrom(...LAST_NAMES) },
  { requiredKeys: [] },
);

/** A realistic, valid email address (IDN domains included). */
export const emailArb: fc.Arbitrary<string> = fc.tuple(
  fc.constantFrom(...FIRST_NAMES.slice(0, 9), 'first.last', 'x+tag', 'o_neil'),
  fc.nat(999), fc.constantFrom(...DOMAINS),
).map(([user, n, domain]) => `${user.normalize('NFD').replace(/[^\x20-\x7e]/g, '').toLowerCase() || 'u'}${n}@${domain}`);

const emailItemArb: fc.Arbitrary<ContactEmail> = fc.record({
  _id: opt(fc.uuid()), tag: opt(fc.constantFrom(...EMAIL_TAGS)), email: emailArb,
}).map((e) => compact<ContactEmail>(e));

const phoneItemArb: fc.Arbitrary<ContactPhone> = fc.record({
  _id: opt(fc.uuid()), tag: opt(fc.constantFrom(...PHONE_TAGS)), number: fc.constantFrom(...PHONES),
}).map(({ number: [phone, countryCode], ...rest }) => compact<ContactPhone>({ ...rest, phone, countryCode }));

const listOf = <T extends { primary?: boolean }>(item: fc.Arbitrary<T>): fc.Arbitrary<T[]> =>
  fc.tuple(fc.array(item, { maxLength: 3 }), fc.nat(4), fc.boolean())
    .map(([items, which, explicitFalse]) => withAtMostOnePrimary(items, which, explicitFalse));

/** A valid address: a street address or a line 1 (never both), a city and optional parts. */
export const addressArb: fc.Arbitrary<Address> = fc.record({
  street: fc.oneof(
    fc.record({ streetAddress: fc.record({ number: fc.constantFrom('1', '22B', '1600'), name: fc.constantFrom('Main St', 'Rue de Rivoli') }, { requiredKeys: [] }) }),
    fc.record({ addressLine1: fc.constantFrom('1600 Amphitheatre Pkwy', '10 Downing Street') }),
    fc.constant({}),
  ),
  addressLine2: opt(fc.constantFrom('Apt 4', 'Floor 2')),
  city: fc.constantFrom(...CITIES),
  subdivision: opt(fc.constantFrom(...SUBDIVISIONS)),
  country: opt(fc.constantFrom(...COUNTRIES)),
  postalCode: opt(fc.constantFrom('10001', '75001', 'SW1A 2AA')),
  formatted: opt(fc.constantFrom('10 Downing Street, London', '1 Main St, New York')),
  location: opt(fc.record({ latitude: fc.double({ min: -90, max: 90, noNaN: true }), longitude: fc.double({ min: -180, max: 180, noNaN: true }) }, { requiredKeys: [] })),
}).map(({ street, ...rest }) => compact<Address>({ ...street, ...rest }));

const addressItemArb: fc.Arbitrary<ContactAddress> = fc.record({
  _id: opt(fc.uuid()), tag: opt(fc.constantFrom(...ADDRESS_TAGS)), address: addressArb,
}).map((a) => compact<ContactAddress>(a));

/** A `custom.*` label key. */
export const labelKeyArb: fc.Arbitrary<string> = fc.constantFrom(...SLUGS).map((s) => `custom.${s}`);

const extendedValueArb: fc.Arbitrary<ExtendedFieldValue> = fc.oneof(
  fc.constantFrom('gold', 'https://example.com/p', '2024-02-29', 'ünïcödé'),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }).filter((n) => !Object.is(n, -0)),
);

const extendedFieldsArb: fc.Arbitrary<Record<string, ExtendedFieldValue>> = fc
  .dictionary(fc.constantFrom(...SLUGS, 'loyalty-points', 'shoe_size').map((s) => `custom.${s}`), extendedValueArb, { maxKeys: 4 });

/** A picture string: a plain URL or a canonical `wix:image://v1/...` string, with or without a file name. */
export const pictureArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('https://example.com/a.png', 'http://cdn.example.org/img/face.jpg?size=200#x'),
  fc.tuple(fc.constantFrom('11062b_f0d3a4c1~mv2.jpg', 'a27d24_0a3e.png'), opt(fc.constantFrom('me.jpg', 'my photo.png', 'Zoë (1).jpg')), fc.nat(5000), fc.nat(5000))
    .map(([id, name, w, h]) => `wix:image://v1/${id}${name === undefined ? '' : `/${encodeURIComponent(name)}`}#originWidth=${w}&originHeight=${h}`),
);

const birthdateArb: fc.Arbitrary<string> = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2024-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const infoFieldsArb = fc.record({
  name: opt(nameArb),
  emails: opt(listOf(emailItemArb)),
  phones: opt(listOf(phoneItemArb)),
  addresses: opt(fc.array(addressItemArb, { maxLength: 3 })),
  company: opt(fc.constantFrom(...COMPANIES)),
  jobTitle: opt(fc.constantFrom(...JOB_TITLES)),
  birthdate: opt(birthdateArb),
  locale: opt(fc.constantFrom(...LOCALES)),
  labelKeys: opt(fc.uniqueArray(labelKeyArb, { maxLength: 4 })),
  extendedFields: opt(extendedFieldsArb),
  picture: opt(pictureArb),
  locations: fc.option(fc.uniqueArray(fc.uuid(), { maxLength: 2 }), { nil: undefined, freq: 5 }),
});

/** Wraps the flat lists of `infoFieldsArb` into the SDK's `{ items }` shape. */
type InfoFields = typeof infoFieldsArb extends fc.Arbitrary<infer R> ? R : never;

function toInfo(f: InfoFields): ContactInfo {
  return compact<ContactInfo>({
    name: f.name,
    emails: f.emails && { items: f.emails },
    phones: f.phones && { items: f.phones },
    addresses: f.addresses && { items: f.addresses },
    company: f.company, jobTitle: f.jobTitle, birthdate: f.birthdate, locale: f.locale,
    labelKeys: f.labelKeys && { items: f.labelKeys },
    extendedFields: f.extendedFields && { items: f.extendedFields },
    picture: f.picture === undefined ? undefined : { image: f.picture },
    locations: f.locations && { items: f.locations },
  });
}

const hasIdentity = (i: ContactInfo): boolean =>
  Boolean(i.name?.first ?? i.name?.last) || (i.emails?.items.length ?? 0) > 0 || (i.phones?.items.length ?? 0) > 0;

/** A valid, realistic info for `createContact` (as a caller would send it: not normalised). */
export const validInfoArb: fc.Arbitrary<ContactInfo> = fc.tuple(infoFieldsArb, nameArb, fc.constantFrom(...FIRST_NAMES))
  .map(([fields, fallbackName, first]) => {
    const info = toInfo(fields);
    return hasIdentity(info) ? info : { ...info, name: { ...fallbackName, first } };
  });

/** `validInfoArb` in normal form: what the store and the server keep. */
export const normalizedInfoArb: fc.Arbitrary<ContactInfo> = validInfoArb.map(normalizeInfo);

const clearableText = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | ''> => fc.oneof({ arbitrary: arb, weight: 4 }, { arbitrary: fc.constant('' as const), weight: 1 });

/**
 * A valid `updateContact` patch (implicit field mask): a non-empty subset of name parts
 * (`""` clears), whole lists (possibly empty), scalars (`""` clears), label keys, extended
 * fields (`""` removes a key) and picture.
 */
export const infoPatchArb: fc.Arbitrary<ContactInfo> = fc.record({
  name: fc.record({ first: clearableText(fc.constantFrom(...FIRST_NAMES)), last: clearableText(fc.constantFrom(...LAST_NAMES)) }, { requiredKeys: [] }),
  emails: listOf(emailItemArb).map((items) => ({ items })),
  phones: listOf(phoneItemArb).map((items) => ({ items })),
  addresses: fc.array(addressItemArb, { maxLength: 3 }).map((items) => ({ items })),
  company: clearableText(fc.constantFrom(...COMPANIES)),
  jobTitle: clearableText(fc.constantFrom(...JOB_TITLES)),
  birthdate: clearableText(birthdateArb),
  locale: clearableText(fc.constantFrom(...LOCALES)),
  labelKeys: fc.uniqueArray(labelKeyArb, { maxLength: 4 }).map((items) => ({ items })),
  extendedFields: fc.dictionary(fc.constantFrom(...SLUGS).map((s) => `custom.${s}`), fc.oneof(extendedValueArb, fc.constant('')), { minKeys: 1, maxKeys: 3 })
    .map((items) => ({ items })),
  picture: fc.oneof(pictureArb.map((image) => ({ image })), fc.constant({ image: '' })),
}, { requiredKeys: [] }).filter((p) => Object.keys(p).some((k) => k !== 'name' || Object.keys(p.name ?? {}).length > 0));
