/**
 * Deterministic, realistic contact infos for benchmarks, seeds and load tests: names,
 * work/home emails, US phones, addresses, companies, labels and extended fields, in the mix
 * a small business's address book has. Same seed, same contacts.
 */
import type { ContactInfo } from '../../src/model/contact.js';

/** A seeded PRNG (mulberry32): fast, good enough for test data, reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['an', 'ber', 'co', 'da', 'el', 'fi', 'gar', 'ho', 'is', 'jo', 'ka', 'li', 'mar', 'no', 'or', 'pe', 'qui', 'ro', 'sa', 'ti', 'ul', 'va', 'wen', 'xi', 'yo', 'za'];
const DOMAINS = ['example.com', 'mail.example.org', 'corp.example.io', 'example.co.uk'];
/** The label keys the generated contacts use (all `custom.*`, so a server can create them). */
export const REALISTIC_LABELS = ['custom.vip', 'custom.lead', 'custom.customer', 'custom.newsletter', 'custom.partner', 'custom.cold'] as const;

/** A generator of contact infos; one random sequence, shared by `info` and `pick`. */
export interface RealisticContacts {
  /** The i-th contact (call in order); emails are unique by `tag` + `i`. */
  info(i: number): ContactInfo;
  /** A random element of `xs`, drawn from the same sequence (work a bench round picks). */
  pick<T>(xs: readonly T[]): T;
}

/**
 * Makes contact infos from one seed. `tag` goes into every email, so that sets made for one
 * server tenant do not look like duplicates of each other.
 *
 * @example
 * ```ts
 * const gen = realisticContacts(42);
 * const infos = Array.from({ length: 100 }, (_, i) => gen.info(i));
 * ```
 */
export function realisticContacts(seed = 42, tag = ''): RealisticContacts {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const word = (n: number): string => {
    const w = Array.from({ length: n }, () => pick(SYLLABLES)).join('');
    return w.charAt(0).toUpperCase() + w.slice(1);
  };
  return {
    pick,
    info(i: number): ContactInfo {
      const first = word(2);
      const last = word(2 + Math.floor(rnd() * 2));
      const info: ContactInfo = {
        name: { first, last },
        emails: { items: [{ email: `${first}.${last}.${tag}${i}@${pick(DOMAINS)}`.toLowerCase(), tag: 'WORK' }] },
      };
      if (rnd() < 0.3) info.emails?.items.push({ email: `${first}${tag}${i}@home.example.net`.toLowerCase(), tag: 'HOME' });
      if (rnd() < 0.7) info.phones = { items: [{ phone: `+1 415 555 ${String(1000 + (i % 9000))}`, countryCode: 'US', tag: 'MOBILE' }] };
      if (rnd() < 0.4) info.addresses = { items: [{ tag: 'WORK', address: { addressLine1: `${1 + (i % 400)} ${word(2)} St`, city: word(2), country: 'US', postalCode: String(10000 + i) } }] };
      if (rnd() < 0.5) info.company = `${word(2)} ${pick(['Inc', 'Ltd', 'GmbH', 'LLC'])}`;
      if (rnd() < 0.3) info.jobTitle = pick(['Engineer', 'CEO', 'Designer', 'Sales', 'Support']);
      if (rnd() < 0.3) info.birthdate = `19${String(50 + Math.floor(rnd() * 50))}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`;
      const labels = REALISTIC_LABELS.filter(() => rnd() < 0.2);
      if (labels.length > 0) info.labelKeys = { items: [...labels] };
      if (rnd() < 0.3) info.extendedFields = { items: { 'custom.tier': pick(['gold', 'silver']), 'custom.score': Math.floor(rnd() * 100) } };
      return info;
    },
  };
}
