/**
 * Instant search over the contacts on the device: a case-insensitive substring of the name,
 * of any email, or of any phone (by digits, so `555 01` finds `+1 (555) 012-3456`), combined
 * with a label filter. It runs in memory on the live list, so every keystroke answers at once
 * even offline.
 */
import type { Contact } from '../../src/index.js';
import { displayName } from './contact-format.js';

const digits = (s: string): string => s.replace(/\D+/g, '');

/** The text a query is matched against, lower-cased. */
function haystack(c: Contact): { text: string; digits: string } {
  const info = c.info;
  const names = [info.name?.first, info.name?.last, `${info.name?.first ?? ''} ${info.name?.last ?? ''}`, `${info.name?.last ?? ''} ${info.name?.first ?? ''}`];
  const emails = (info.emails?.items ?? []).map((e) => e.email);
  const phones = (info.phones?.items ?? []).flatMap((p) => [p.phone, p.e164Phone ?? '']);
  return {
    text: [...names, ...emails, ...phones].filter((s) => s !== undefined).join('\n').toLowerCase(),
    digits: phones.map(digits).join('\n'),
  };
}

/**
 * The contacts matching `query` and carrying `label` (when set), in display-name order.
 *
 * @example
 * ```ts
 * searchContacts(all, 'ada', undefined);
 * ```
 */
export function searchContacts(all: readonly Contact[], query: string, label: string | undefined): Contact[] {
  const q = query.trim().toLowerCase();
  const qDigits = digits(q);
  const byDigits = qDigits.length >= 3 && /^[\d\s()+.-]+$/.test(q);
  const out = all.filter((c) => {
    if (label !== undefined && !(c.info.labelKeys?.items ?? []).includes(label)) return false;
    if (q === '') return true;
    const h = haystack(c);
    return h.text.includes(q) || (byDigits && h.digits.includes(qDigits));
  });
  return out.sort(compareByName);
}

/** Display-name order (locale-aware, case-insensitive), ties by id so the order is stable. */
export function compareByName(a: Contact, b: Contact): number {
  return displayName(a.info).localeCompare(displayName(b.info), undefined, { sensitivity: 'base' }) || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
}

/**
 * Every label key used by some contact, with how many contacts carry it, most used first.
 *
 * @example
 * ```ts
 * labelCounts(all); // [['custom.friends', 12], ['custom.vip', 3]]
 * ```
 */
export function labelCounts(all: readonly Contact[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const c of all) for (const k of c.info.labelKeys?.items ?? []) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
