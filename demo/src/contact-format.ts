/** How contacts and values read on screen. */
import type { Contact, ContactInfo } from '../../src/index.js';

/**
 * The name a person would recognise: first and last name, else the primary email, else the
 * primary phone, else the company.
 *
 * @example
 * ```ts
 * displayName({ name: { first: 'Ada', last: 'Lovelace' } }); // 'Ada Lovelace'
 * ```
 */
export function displayName(info: ContactInfo): string {
  const name = [info.name?.first, info.name?.last].filter((s) => s !== undefined && s.trim() !== '').join(' ');
  if (name !== '') return name;
  const email = info.emails?.items.find((e) => e.primary === true)?.email ?? info.emails?.items[0]?.email;
  if (email !== undefined) return email;
  const phone = info.phones?.items.find((p) => p.primary === true)?.phone ?? info.phones?.items[0]?.phone;
  return phone ?? info.company ?? '(no name)';
}

/** One or two letters for the avatar. */
export function initials(info: ContactInfo): string {
  const first = info.name?.first?.trim()[0] ?? '';
  const last = info.name?.last?.trim()[0] ?? '';
  const letters = `${first}${last}`;
  return (letters === '' ? displayName(info).trim()[0] ?? '?' : letters).toUpperCase();
}

/** A stable hue per contact, so avatars are told apart at a glance. */
export function avatarHue(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) % 360;
  return h;
}

/** The primary email of a contact, if any. */
export function primaryEmail(contact: Contact): string | undefined {
  return contact.primaryInfo?.email ?? contact.info.emails?.items.find((e) => e.primary === true)?.email;
}

/** The primary phone of a contact, if any. */
export function primaryPhone(contact: Contact): string | undefined {
  return contact.primaryInfo?.phone ?? contact.info.phones?.items.find((p) => p.primary === true)?.phone;
}

/**
 * A label key as a person reads it: `custom.book-club` -> `book club`.
 *
 * @example
 * ```ts
 * labelName('custom.vip'); // 'vip'
 * ```
 */
export function labelName(key: string): string {
  const dot = key.indexOf('.');
  return (dot >= 0 ? key.slice(dot + 1) : key).replace(/[-_]+/g, ' ');
}

/**
 * The key a typed label name gets: `custom.<slug>`, with the slug the reference server makes
 * from a display name (lower case, runs of other characters than `a-z 0-9 _ -` become `-`),
 * so the sync engine can create it on the server under the same key.
 *
 * @example
 * ```ts
 * labelKeyOf('Book club'); // 'custom.book-club'
 * ```
 */
export function labelKeyOf(name: string): string | undefined {
  const slug = name.trim().toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 73).replace(/-+$/, '');
  return slug === '' ? undefined : `custom.${slug}`;
}

/**
 * A short "when" for the sync badge: `just now`, `5 min ago`, `3 h ago`, else the date.
 *
 * @example
 * ```ts
 * relativeTime(new Date(Date.now() - 120_000), Date.now()); // '2 min ago'
 * ```
 */
export function relativeTime(at: Date, nowMs: number): string {
  const s = Math.max(0, Math.round((nowMs - at.getTime()) / 1000));
  if (s < 45) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return at.toLocaleDateString();
}

/** A conflict value (a string, a list item, a whole info...) as short readable text. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(empty)';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isInfoLike(value)) return describeInfo(value);
  return JSON.stringify(value, (k, v: unknown) => (k === '_id' || k === 'e164Phone' ? undefined : v), 1)
    .replace(/[{}"[\]]/g, '').replace(/\n\s*\n/g, '\n').trim();
}

function isInfoLike(v: unknown): v is ContactInfo {
  return typeof v === 'object' && v !== null && ('name' in v || 'emails' in v || 'phones' in v);
}

function describeInfo(info: ContactInfo): string {
  const parts = [displayName(info), info.company, info.emails?.items[0]?.email, info.phones?.items[0]?.phone];
  return parts.filter((p): p is string => p !== undefined && p !== '').join(' · ');
}

/**
 * The field a conflict path names, in words: `info.name.first` -> `First name`.
 *
 * @example
 * ```ts
 * fieldLabel('info.company'); // 'Company'
 * ```
 */
export function fieldLabel(path: string | undefined): string {
  if (path === undefined) return 'Contact';
  const known: Readonly<Record<string, string>> = {
    'info.name.first': 'First name', 'info.name.last': 'Last name', 'info.company': 'Company',
    'info.jobTitle': 'Job title', 'info.birthdate': 'Birthday', 'info.locale': 'Language',
    'info.picture': 'Picture', 'info.picture.image': 'Picture',
  };
  const hit = known[path];
  if (hit !== undefined) return hit;
  const tail = path.replace(/^info\./, '').replace(/\.items/g, '').replace(/\[[^\]]*\]/g, '');
  const words = tail.split('.').map((w) => w.replace(/([A-Z])/g, ' $1').toLowerCase());
  const text = words.join(' › ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
