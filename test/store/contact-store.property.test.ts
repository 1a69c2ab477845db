import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContactInfo } from '../../src/model/contact.js';
import { ContactsError } from '../../src/model/contacts-error.js';
import { normalizeInfo } from '../../src/model/normalize.js';
import { validateInfo } from '../../src/model/validate-info.js';
import type { ContactsDb } from '../../src/store/schema.js';
import { validInfoArb } from '../support/arbitraries.js';
import { openTestStore } from './test-db.js';

const RUNS = { numRuns: 60 } as const;

/** One way to break an otherwise valid info; each must be a 400 on create and on update. */
const corruptions: fc.Arbitrary<(info: ContactInfo) => unknown> = fc.constantFrom(
  (i: ContactInfo) => ({ ...i, company: 'x'.repeat(1001) }),
  (i: ContactInfo) => ({ ...i, jobTitle: 17 }),
  (i: ContactInfo) => ({ ...i, birthdate: '2024-02-30' }),
  (i: ContactInfo) => ({ ...i, locale: 'en_US' }),
  (i: ContactInfo) => ({ ...i, nickname: 'unknown field' }),
  (i: ContactInfo) => ({ ...i, name: { first: ['Ada'] } }),
  (i: ContactInfo) => ({ ...i, emails: { items: [{ email: 'not an email' }] } }),
  (i: ContactInfo) => ({ ...i, emails: { items: [{ email: 'a@example.com', tag: 'PERSONAL' }] } }),
  (i: ContactInfo) => ({ ...i, emails: { items: [{ email: 'a@example.com', primary: true }, { email: 'b@example.com', primary: true }] } }),
  (i: ContactInfo) => ({ ...i, phones: { items: Array.from({ length: 51 }, (_, n) => ({ phone: `555-${n}` })) } }),
  (i: ContactInfo) => ({ ...i, extendedFields: { items: { 'custom.x': { nested: true } } } }),
  (i: ContactInfo) => ({ ...i, extendedFields: { items: { 'nonamespace': 'v' } } }),
  (i: ContactInfo) => ({ ...i, labelKeys: { items: ['not a key'] } }),
  (i: ContactInfo) => ({ ...i, addresses: { items: [{ address: { subdivision: 'NY' } }] } }),
  () => 'not an object',
  () => [],
);

/**
 * An exact encoding of stored values: key order, prototypes, -0 and Dates included.
 * (`v8.serialize` is not usable: it encodes V8's internal string and number representations,
 * which differ between two reads of the same record.)
 */
function canonical(v: unknown): string {
  if (v instanceof Date) return `D(${v.getTime()})`;
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v !== 'object' || v === null) return JSON.stringify(v) ?? 'undefined';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const proto = Object.getPrototypeOf(v) === null ? 'null' : 'obj';
  return `${proto}{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
}

async function snapshot(db: ContactsDb): Promise<string> {
  return canonical([await db.contacts.toArray(), await db.outbox.toArray(), await db.aliases.toArray()]);
}

describe('ContactStore properties', () => {
  it('random invalid info is rejected with a 400 and leaves every stored row identical', async () => {
    const { store, db } = await openTestStore({ queueMutations: true });
    const seeded = await store.importContacts(fc.sample(validInfoArb, { numRuns: 8, seed: 7 }), { allowDuplicates: true });
    await fc.assert(fc.asyncProperty(validInfoArb, corruptions, fc.nat(seeded.length - 1), fc.boolean(), async (info, corrupt, which, update) => {
      const before = await snapshot(db);
      const target = seeded[which]!;
      const bad = corrupt(info);
      const call = update ? store.updateContact(target._id, bad, target.revision) : store.createContact(bad);
      const error = await call.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ContactsError);
      expect((error as ContactsError).status).toBe(400);
      expect(await snapshot(db)).toBe(before);
    }), RUNS);
  });

  it('random valid info round-trips through create and get, in normal form', async () => {
    const { store } = await openTestStore();
    await fc.assert(fc.asyncProperty(validInfoArb, async (info) => {
      const created = await store.createContact(info, { allowDuplicates: true });
      const read = await store.getContact(created._id);
      expect(read).toEqual(created);
      expect(read.info).toEqual(normalizeInfo(validateInfo(info, 'create')));
      expect(read.revision).toBe(1);
    }), RUNS);
  });
});
