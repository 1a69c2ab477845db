/**
 * `readWireContact`, the fast path of `contactFromWire`, against the full check it stands in
 * for: on every input it either gives up, or returns exactly what the full check returns
 * (key order included) for a contact the full check accepts. It must never accept what the
 * full check refuses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkWireContact } from '../../src/model/check-contact.js';
import { CheckContext } from '../../src/model/check-context.js';
import type { Contact } from '../../src/model/contact.js';
import {
  CONTACT_ACTIVITY_TYPES, CONTACT_SOURCE_TYPES, EMAIL_DELIVERABILITY_STATUSES, MEMBER_STATUSES, SUBSCRIPTION_STATUSES,
} from '../../src/model/enums.js';
import { derivePrimaryFields } from '../../src/model/normalize.js';
import { contactToWire } from '../../src/model/wire.js';
import { readWireContact } from '../../src/model/wire-read.js';
import { normalizedInfoArb, pictureArb } from '../support/arbitraries.js';

/** The full check alone: its contact, or undefined when it records any violation. */
function fullCheck(json: unknown): Contact | undefined {
  const ctx = new CheckContext('response');
  const contact = checkWireContact(json, 'contact', ctx);
  return ctx.violations.length === 0 ? contact : undefined;
}

/** Same contact and same key order (what is stored must not depend on the path taken). */
const sameContact = (a: Contact, b: Contact): void => {
  expect(a).toEqual(b);
  expect(JSON.stringify(a)).toBe(JSON.stringify(b));
};

const date = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });
const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });

/** Server copies as the server writes them: every envelope field, pictures, read-only fields. */
const wireArb: fc.Arbitrary<unknown> = fc.record({
  id: fc.uuid(), revision: fc.integer({ min: 1, max: 1_000_000 }), info: normalizedInfoArb, picture: opt(pictureArb),
  source: opt(fc.record({ sourceType: fc.constantFrom(...CONTACT_SOURCE_TYPES), appId: opt(fc.uuid()) })),
  created: opt(date), updated: opt(date),
  lastActivity: opt(fc.record({ activityDate: opt(date), activityType: fc.constantFrom(...CONTACT_ACTIVITY_TYPES) })),
  statuses: fc.tuple(fc.constantFrom(...SUBSCRIPTION_STATUSES), fc.constantFrom(...EMAIL_DELIVERABILITY_STATUSES)),
  memberInfo: opt(fc.record({ memberId: fc.uuid(), status: opt(fc.constantFrom(...MEMBER_STATUSES)), email: opt(fc.constant('m@x.co')), signupDate: opt(date) })),
}).map(({ id, created, updated, statuses, picture, info, ...r }) => {
  const withPicture = picture === undefined ? info : { ...info, picture: { image: picture } };
  const primary = derivePrimaryFields(withPicture, {
    primaryEmail: { email: withPicture.emails?.items.find((e) => e.primary)?.email ?? '', subscriptionStatus: statuses[0], deliverabilityStatus: statuses[1] },
    primaryPhone: { phone: '1', subscriptionStatus: statuses[0] },
  });
  const contact = JSON.parse(JSON.stringify({ _id: id, ...r, info: withPicture, ...primary })) as Contact;
  return JSON.parse(JSON.stringify(contactToWire({
    ...contact, ...(created === undefined ? {} : { _createdDate: created }), ...(updated === undefined ? {} : { _updatedDate: updated }),
  }))) as unknown;
});

/** Every object and array inside `json` (the root included). */
function containers(json: unknown, out: (Record<string, unknown> | unknown[])[] = []): (Record<string, unknown> | unknown[])[] {
  if (typeof json !== 'object' || json === null) return out;
  out.push(json as Record<string, unknown>);
  for (const v of Object.values(json)) containers(v, out);
  return out;
}

/** Keys the walk gives meaning to, so that mutations hit them often. */
const KEYS = [
  'id', '_id', 'revision', 'info', 'items', 'email', 'phone', 'primary', 'tag', 'address', 'addressLine', 'addressLine1',
  'formatted', 'formattedAddress', 'geocode', 'location', 'latitude', 'picture', 'image', 'extendedFields', 'custom.a',
  'createdDate', 'sourceType', 'memberId', 'name', 'first', 'labelKeys', '__proto__', 'unknownKey',
];
const valueArb = fc.oneof(
  fc.constantFrom<unknown>(null, '', 'x', 0, -1, 1.5, Number.MAX_SAFE_INTEGER + 2, true, [], {}, [null], { items: null }, { items: [] },
    '2024-01-01T00:00:00Z', '2024-13-45T00:00:00Z', 'WORK', 'NOT_SET', { url: 'https://x.co/a.png' }, { id: 'i', width: 1, height: 2 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A valid server copy with a few keys set, replaced or removed anywhere inside it. */
const mutatedArb = fc.tuple(
  wireArb,
  fc.array(fc.tuple(fc.nat(), fc.constantFrom(...KEYS), fc.oneof(valueArb, fc.constant('delete' as const))), { minLength: 1, maxLength: 3 }),
).map(([wire, edits]) => {
  for (const [at, key, value] of edits) {
    const all = containers(wire);
    const target = all[at % all.length] as Record<string, unknown>;
    const k = Array.isArray(target) ? String(at % Math.max(1, target.length)) : key;
    if (value === 'delete') delete target[k];
    else Object.defineProperty(target, k, { value: structuredClone(value), enumerable: true, writable: true, configurable: true });
  }
  return wire;
});

describe('readWireContact (the fast path of contactFromWire)', () => {
  it('reads every server copy, as the full check does (property)', () => {
    fc.assert(fc.property(wireArb, (wire) => {
      const fast = readWireContact(wire);
      const full = fullCheck(wire);
      expect(fast).toBeDefined();
      expect(full).toBeDefined();
      sameContact(fast!, full!);
    }), { numRuns: 300 });
  });

  it('never accepts what the full check refuses, and agrees with it when it accepts (property)', () => {
    fc.assert(fc.property(mutatedArb, (wire) => {
      const fast = readWireContact(wire);
      if (fast === undefined) return;
      const full = fullCheck(wire);
      expect(full).toBeDefined();
      sameContact(fast, full!);
    }), { numRuns: 3000 });
  });

  it('gives up on renaming collisions, leaving them to the full check', () => {
    const base = { id: 'c', revision: 1 };
    expect(readWireContact({ ...base, info: { emails: { items: [{ id: 'a', _id: 'b', email: 'x' }] } } })).toBeUndefined();
    expect(readWireContact({ ...base, info: { addresses: { items: [{ address: { addressLine: 'a', addressLine1: 'b' } }] } } })).toBeUndefined();
    expect(readWireContact({ ...base, info: { emails: { items: [{ email: 'a', primary: true }, { email: 'b', primary: true }] } } })).toBeUndefined();
  });

  it('ignores keys the prototype chain offers', () => {
    const polluted = Object.create({ id: 'inherited', revision: 1, info: {} }) as unknown;
    expect(readWireContact(polluted)).toBeUndefined();
    expect(readWireContact(Object.assign(Object.create(null) as object, { id: 'c', revision: 1, info: {} }))).toEqual({ _id: 'c', revision: 1, info: {} });
  });
});
