/**
 * Deterministic, realistic contacts: the same generator as bench/local-store.ts (names from
 * syllables, one or two emails, phones, addresses, companies, labels, extended fields), so
 * that the node and browser benchmarks measure the same documents.
 */
import type { ContactInfo } from '../../../src/model/contact.js';

/** A seeded PRNG (mulberry32): the same seed gives the same data on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYL = ['an', 'ber', 'co', 'da', 'el', 'fi', 'gar', 'ho', 'is', 'jo', 'ka', 'li', 'mar', 'no', 'or', 'pe', 'qui', 'ro', 'sa', 'ti', 'ul', 'va', 'wen', 'xi', 'yo', 'za'];
const DOMAINS = ['example.com', 'mail.example.org', 'corp.example.io', 'example.co.uk'];
const LABELS = ['custom.vip', 'custom.lead', 'custom.customer', 'custom.newsletter', 'custom.partner', 'custom.cold'];

/**
 * `count` contact infos; `tag` makes emails unique across sets (one server tenant per round
 * would otherwise see duplicates).
 *
 * @example
 * ```ts
 * const infos = realisticInfos(10_000, 42);
 * ```
 */
export function realisticInfos(count: number, seed: number, tag = ''): ContactInfo[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const word = (n: number): string => {
    const w = Array.from({ length: n }, () => pick(SYL)).join('');
    return w[0]!.toUpperCase() + w.slice(1);
  };
  return Array.from({ length: count }, (_, i) => realisticInfo(i, rnd, pick, word, tag));
}

function realisticInfo(i: number, rnd: () => number, pick: <T>(xs: readonly T[]) => T, word: (n: number) => string, tag: string): ContactInfo {
  const first = word(2);
  const last = word(2 + Math.floor(rnd() * 2));
  const email = `${first}.${last}.${tag}${i}@${pick(DOMAINS)}`.toLowerCase();
  const info: ContactInfo = {
    name: { first, last },
    emails: { items: [{ email, tag: 'WORK' }, ...(rnd() < 0.3 ? [{ email: `${first}${tag}${i}@home.example.net`.toLowerCase(), tag: 'HOME' as const }] : [])] },
  };
  if (rnd() < 0.7) info.phones = { items: [{ phone: `+1 415 555 ${String(1000 + (i % 9000))}`, countryCode: 'US', tag: 'MOBILE' }] };
  if (rnd() < 0.4) info.addresses = { items: [{ tag: 'WORK', address: { addressLine1: `${1 + (i % 400)} ${word(2)} St`, city: word(2), country: 'US', postalCode: String(10000 + i) } }] };
  if (rnd() < 0.5) info.company = `${word(2)} ${pick(['Inc', 'Ltd', 'GmbH', 'LLC'])}`;
  if (rnd() < 0.3) info.jobTitle = pick(['Engineer', 'CEO', 'Designer', 'Sales', 'Support']);
  if (rnd() < 0.3) info.birthdate = `19${String(50 + Math.floor(rnd() * 50))}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`;
  const labels = LABELS.filter(() => rnd() < 0.2);
  if (labels.length > 0) info.labelKeys = { items: labels };
  if (rnd() < 0.3) info.extendedFields = { items: { 'custom.tier': pick(['gold', 'silver']), 'custom.score': Math.floor(rnd() * 100) } };
  return info;
}
