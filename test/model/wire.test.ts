import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transformRESTImageToSDKImage, transformSDKImageToRESTImage } from '@wix/sdk-runtime/transformations/image';
import type { Contact } from '../../src/model/contact.js';
import { ContactsError } from '../../src/model/contacts-error.js';
import {
  CONTACT_ACTIVITY_TYPES, CONTACT_SOURCE_TYPES, EMAIL_DELIVERABILITY_STATUSES, MEMBER_STATUSES, SUBSCRIPTION_STATUSES,
} from '../../src/model/enums.js';
import { infoEquals } from '../../src/model/info-diff.js';
import { derivePrimaryFields } from '../../src/model/normalize.js';
import { deepEqual } from '../../src/model/plain-object.js';
import {
  contactFromWire, contactToWire, imageFromWire, imageToWire, infoFromWire, infoToWire, type WireContact,
} from '../../src/model/wire.js';
import { normalizedInfoArb, pictureArb, validInfoArb } from '../support/arbitraries.js';

const WIX_IMAGE = 'wix:image://v1/11062b_f0d3~mv2.jpg/my%20photo.jpg#originWidth=800&originHeight=600';

describe('infoToWire / infoFromWire', () => {
  const sdk = {
    name: { first: 'Ann' },
    emails: { items: [{ _id: 'e1', tag: 'WORK' as const, email: 'a@b.co', primary: true }] },
    addresses: { items: [{ _id: 'a1', address: { addressLine1: '1 Main', formatted: '1 Main, X', location: { latitude: 1, longitude: 2 }, city: 'X' } }] },
    picture: { image: WIX_IMAGE },
    extendedFields: { items: { 'custom.a': 1 } },
  };
  const rest = {
    name: { first: 'Ann' },
    emails: { items: [{ id: 'e1', tag: 'WORK', email: 'a@b.co', primary: true }] },
    addresses: { items: [{ id: 'a1', address: { addressLine: '1 Main', formattedAddress: '1 Main, X', geocode: { latitude: 1, longitude: 2 }, city: 'X' } }] },
    picture: { image: { id: '11062b_f0d3~mv2.jpg', url: 'https://static.wixstatic.com/media/11062b_f0d3~mv2.jpg', height: 600, width: 800, altText: 'my photo.jpg', filename: 'my photo.jpg' } },
    extendedFields: { items: { 'custom.a': 1 } },
  };

  it('renames to REST names at every level', () => {
    expect(infoToWire(sdk)).toEqual(rest);
  });

  it('renames back to SDK names', () => {
    expect(infoFromWire(rest)).toEqual(sdk);
  });

  it('passes unknown keys and odd values through, for validation to refuse', () => {
    expect(infoFromWire({ foo: { bar: 1 }, emails: 'x', phones: { items: [1, { id: 'p', _id: 'q' }] } }))
      .toEqual({ foo: { bar: 1 }, emails: 'x', phones: { items: [1, { id: 'p', _id: 'q' }] } });
    for (const odd of [null, 5, 'x', [1], undefined]) expect(infoFromWire(odd)).toBe(odd);
  });

  it('keeps __proto__ keys as own data, never as a prototype', () => {
    const out = infoFromWire(JSON.parse('{"__proto__":{"x":1},"emails":{"items":[{"__proto__":{"y":1},"id":"e"}]}}')) as Record<string, unknown>;
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out as { x?: number }).x).toBeUndefined();
  });

  it('does not mutate its input', () => {
    const input = structuredClone(rest);
    infoFromWire(input);
    infoToWire(structuredClone(sdk));
    expect(input).toEqual(rest);
  });

  it('round-trips every valid info (property)', () => {
    fc.assert(fc.property(validInfoArb, (info) => {
      const wire = JSON.parse(JSON.stringify(infoToWire(info))) as unknown;
      expect(infoEquals(infoFromWire(wire) as typeof info, info)).toBe(true);
    }), { numRuns: 200 });
  });
});

describe('pictures', () => {
  it.each([
    ['https://example.com/a.png', { url: 'https://example.com/a.png' }],
    ['wix:image://v1/abc.jpg#originWidth=1&originHeight=2', { id: 'abc.jpg', url: 'https://static.wixstatic.com/media/abc.jpg', width: 1, height: 2 }],
  ])('%s <-> %j', (sdk, rest) => {
    expect(imageToWire(sdk)).toEqual(rest);
    expect(imageFromWire(rest)).toBe(sdk);
  });

  it('reads a REST image with altText only, as the SDK does', () => {
    expect(imageFromWire({ id: 'abc.jpg', url: 'u', width: 3, height: 4, altText: 'a b' })).toBe('wix:image://v1/abc.jpg/a%20b#originWidth=3&originHeight=4');
  });

  it('leaves what is not an image alone', () => {
    expect(imageFromWire({ id: 'x', width: 'wide' })).toEqual({ id: 'x', width: 'wide' });
    expect(imageFromWire(5)).toBe(5);
  });

  it('SDK -> wire -> SDK is the identity for every string (property)', () => {
    fc.assert(fc.property(fc.oneof(pictureArb, fc.webUrl(), fc.string()), (image) => {
      expect(imageFromWire(JSON.parse(JSON.stringify(imageToWire(image))))).toBe(image);
    }), { numRuns: 200 });
  });

  it('writes images the Wix SDK reads back to the same string (property)', () => {
    fc.assert(fc.property(pictureArb, (image) => {
      expect(transformRESTImageToSDKImage(imageToWire(image) as Parameters<typeof transformRESTImageToSDKImage>[0])).toBe(image);
    }), { numRuns: 200 });
  });

  it('reads the images the Wix SDK writes (property)', () => {
    // The SDK itself turns a name-less wix:image into altText "undefined", so only named ones and URLs round-trip through it.
    const named = pictureArb.filter((image) => !/^wix:image:\/\/v1\/[^/]+#/.test(image));
    fc.assert(fc.property(named, (image) => {
      expect(imageFromWire(JSON.parse(JSON.stringify(transformSDKImageToRESTImage(image))))).toBe(image);
    }), { numRuns: 200 });
  });
});

const date = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });
const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });

const contactArb: fc.Arbitrary<Contact> = fc.record({
  id: fc.uuid(), revision: fc.integer({ min: 1, max: 1_000_000 }), info: normalizedInfoArb,
  source: opt(fc.record({ sourceType: fc.constantFrom(...CONTACT_SOURCE_TYPES), appId: opt(fc.uuid()) })),
  created: opt(date), updated: opt(date),
  lastActivity: opt(fc.record({ activityDate: opt(date), activityType: fc.constantFrom(...CONTACT_ACTIVITY_TYPES) })),
  statuses: fc.tuple(fc.constantFrom(...SUBSCRIPTION_STATUSES), fc.constantFrom(...EMAIL_DELIVERABILITY_STATUSES)),
  memberInfo: opt(fc.record({ memberId: fc.uuid(), status: opt(fc.constantFrom(...MEMBER_STATUSES)), email: opt(fc.constant('m@x.co')), signupDate: opt(date) })),
}).map(({ id, created, updated, statuses, ...r }) => {
  const primary = derivePrimaryFields(r.info, {
    primaryEmail: { email: r.info.emails?.items.find((e) => e.primary)?.email ?? '', subscriptionStatus: statuses[0], deliverabilityStatus: statuses[1] },
  });
  return JSON.parse(JSON.stringify({ _id: id, ...r, ...primary, _createdDate: created, _updatedDate: updated }), (k, v: unknown) =>
    (['_createdDate', '_updatedDate', 'activityDate', 'signupDate'].includes(k) ? new Date(v as string) : v)) as Contact;
});

describe('contactToWire / contactFromWire', () => {
  const contact: Contact = {
    _id: 'c1', revision: 3, source: { sourceType: 'WIX_CODE' },
    _createdDate: new Date('2024-01-02T03:04:05.678Z'), _updatedDate: new Date('2024-02-02T00:00:00.000Z'),
    lastActivity: { activityDate: new Date('2024-01-02T03:04:05.678Z'), activityType: 'CONTACT_CREATED' },
    primaryInfo: { email: 'a@b.co' },
    info: {
      name: { first: 'Ann' }, emails: { items: [{ _id: 'e1', tag: 'UNTAGGED', email: 'a@b.co', primary: true }] },
      phones: { items: [{ _id: 'p1', tag: 'MOBILE', phone: '415 555 2671', countryCode: 'US', e164Phone: '+14155552671', primary: true }] },
      extendedFields: { items: { 'contacts.displayByFirstName': 'Ann', 'emailSubscriptions.effectiveEmail': 'a@b.co' } },
    },
    primaryEmail: { email: 'a@b.co', subscriptionStatus: 'NOT_SET', deliverabilityStatus: 'NOT_SET' },
    memberInfo: { memberId: 'm1', status: 'ACTIVE', signupDate: new Date('2023-01-01T00:00:00.000Z') },
  };

  it('writes REST names and ISO dates', () => {
    const wire = contactToWire(contact);
    expect(wire).toMatchObject({
      id: 'c1', revision: 3, createdDate: '2024-01-02T03:04:05.678Z', updatedDate: '2024-02-02T00:00:00.000Z',
      lastActivity: { activityDate: '2024-01-02T03:04:05.678Z', activityType: 'CONTACT_CREATED' },
      memberInfo: { memberId: 'm1', status: 'ACTIVE', signupDate: '2023-01-01T00:00:00.000Z' },
      info: { emails: { items: [{ id: 'e1' }] }, phones: { items: [{ id: 'p1', e164Phone: '+14155552671' }] } },
    });
    expect(wire).not.toHaveProperty('_id');
  });

  it('reads back the same contact, read-only fields included', () => {
    expect(contactFromWire(JSON.parse(JSON.stringify(contactToWire(contact))))).toEqual(contact);
  });

  it('drops unknown fields of a newer server and treats null as absent', () => {
    const wire = { ...contactToWire(contact), segments: { items: [] }, picture: null, info: { ...contactToWire(contact).info, assignedUserIds: { items: [] }, company: null } };
    expect(contactFromWire(wire)).toEqual(contact);
  });

  it('does not re-check limits the server owns (only types)', () => {
    const wire = { id: 'c', revision: 1, info: { name: { first: 'x'.repeat(2000) }, addresses: { items: [{ address: { subdivision: 'NY' } }] } } };
    expect(contactFromWire(wire).info.name?.first).toHaveLength(2000);
  });

  it('round-trips every contact (property)', () => {
    fc.assert(fc.property(contactArb, (c) => {
      const back = contactFromWire(JSON.parse(JSON.stringify(contactToWire(c))));
      expect(deepEqual(back, c)).toBe(true);
    }), { numRuns: 200 });
  });

  const ok: WireContact = { id: 'c', revision: 1, info: {} };
  it.each<[string, unknown, string]>([
    ['not an object', 'x', 'contact'],
    ['null', null, 'contact'],
    ['an array', [ok], 'contact'],
    ['no id', { revision: 1, info: {} }, 'contact.id'],
    ['numeric id', { ...ok, id: 5 }, 'contact.id'],
    ['empty id', { ...ok, id: '' }, 'contact.id'],
    ['no revision', { id: 'c', info: {} }, 'contact.revision'],
    ['revision 0', { ...ok, revision: 0 }, 'contact.revision'],
    ['fractional revision', { ...ok, revision: 1.5 }, 'contact.revision'],
    ['string revision', { ...ok, revision: '2' }, 'contact.revision'],
    ['no info', { id: 'c', revision: 1 }, 'contact.info'],
    ['info a string', { ...ok, info: 'x' }, 'contact.info'],
    ['createdDate not a date', { ...ok, createdDate: 'yesterday' }, 'contact.createdDate'],
    ['createdDate a number', { ...ok, createdDate: 1700000000000 }, 'contact.createdDate'],
    ['updatedDate without zone', { ...ok, updatedDate: '2024-01-01T00:00:00' }, 'contact.updatedDate'],
    ['activityDate bad', { ...ok, lastActivity: { activityType: 'GENERAL', activityDate: '2024-13-45T00:00:00Z' } }, 'contact.lastActivity.activityDate'],
    ['activityType missing', { ...ok, lastActivity: {} }, 'contact.lastActivity.activityType'],
    ['sourceType unknown', { ...ok, source: { sourceType: 'MARS' } }, 'contact.source.sourceType'],
    ['primaryEmail status missing', { ...ok, primaryEmail: { email: 'a@b.co', deliverabilityStatus: 'NOT_SET' } }, 'contact.primaryEmail.subscriptionStatus'],
    ['signupDate bad', { ...ok, memberInfo: { memberId: 'm', signupDate: 'x' } }, 'contact.memberInfo.signupDate'],
    ['email not a string', { ...ok, info: { emails: { items: [{ email: 5 }] } } }, 'contact.info.emails.items[0].email'],
    ['items not an array', { ...ok, info: { phones: { items: 'x' } } }, 'contact.info.phones.items'],
    ['e164Phone a number', { ...ok, info: { phones: { items: [{ phone: '1', e164Phone: 1 }] } } }, 'contact.info.phones.items[0].e164Phone'],
    ['extended value an object', { ...ok, info: { extendedFields: { items: { 'custom.a': {} } } } }, 'contact.info.extendedFields.items["custom.a"]'],
    ['two primaries', { ...ok, info: { emails: { items: [{ email: 'a', primary: true }, { email: 'b', primary: true }] } } }, 'contact.info.emails.items'],
    ['tag unknown', { ...ok, info: { emails: { items: [{ email: 'a', tag: 'X' }] } } }, 'contact.info.emails.items[0].tag'],
  ])('throws 502 BAD_RESPONSE for %s', (_what, json, path) => {
    let error: unknown;
    try {
      contactFromWire(json);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContactsError);
    const e = error as ContactsError;
    expect([e.status, e.code]).toEqual([502, 'BAD_RESPONSE']);
    expect(e.message.startsWith(`${path}:`)).toBe(true);
    expect(e.data).toMatchObject({ path });
  });
});
