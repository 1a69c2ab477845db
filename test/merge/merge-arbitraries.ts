/**
 * fast-check triples (base, local, remote) for the merge properties. Both sides are edits of
 * one base drawn from small shared pools (two donor contacts, a few tags, keys and values),
 * so that "both sides changed it alike", "changed it differently", "deleted one, edited the
 * other" and "added the same item" all happen often. Every side is in normal form.
 */
import fc from 'fast-check';
import type { ContactInfo } from '../../src/model/contact.js';
import { EMAIL_TAGS, PHONE_TAGS, ADDRESS_TAGS } from '../../src/model/enums.js';
import { normalizeInfo } from '../../src/model/normalize.js';
import { normalizedInfoArb } from '../support/arbitraries.js';

/** Three versions of one contact. */
export interface Triple { base: ContactInfo; local: ContactInfo; remote: ContactInfo }

type Item = Record<string, unknown>;
type ListName = 'emails' | 'phones' | 'addresses';

/** Per base item: 0-1 keep, 2 delete, 3 retag, 4 change its value; then additions and a primary. */
const listEditArb = fc.record({
  ops: fc.array(fc.nat(4), { maxLength: 4 }),
  tag: fc.nat(5), value: fc.nat(5),
  adds: fc.uniqueArray(fc.nat(5), { maxLength: 2 }),
  primary: fc.option(fc.nat(5), { nil: undefined }),
});
type ListEdit = typeof listEditArb extends fc.Arbitrary<infer T> ? T : never;

const EXT_KEYS = ['custom.vip', 'custom.a', 'custom.x9', 'invoices.vatId'];
const EXT_VALUES: readonly (string | number | undefined)[] = [undefined, 'gold', 'silver', 7];
const LABELS = ['custom.vip', 'custom.a', 'custom.x9', 'custom.newsletter'];

/** Per scalar: 0-1 keep, 2 first donor's value, 3 second donor's, 4 clear. */
const sideEditArb = fc.record({
  scalars: fc.array(fc.nat(4), { minLength: 7, maxLength: 7 }),
  ext: fc.array(fc.tuple(fc.constantFrom(...EXT_KEYS), fc.nat(EXT_VALUES.length - 1)), { maxLength: 3 }),
  labels: fc.array(fc.tuple(fc.constantFrom(...LABELS), fc.boolean()), { maxLength: 3 }),
  emails: listEditArb, phones: listEditArb, addresses: listEditArb,
});
type SideEdit = typeof sideEditArb extends fc.Arbitrary<infer T> ? T : never;

const SCALARS: readonly (readonly [get: (i: ContactInfo) => unknown, set: (i: ContactInfo, v: unknown) => void])[] = [
  [(i) => i.name?.first, (i, v) => { i.name = { ...i.name }; if (v === undefined) delete i.name.first; else i.name.first = v as string; }],
  [(i) => i.name?.last, (i, v) => { i.name = { ...i.name }; if (v === undefined) delete i.name.last; else i.name.last = v as string; }],
  ...(['company', 'jobTitle', 'birthdate', 'locale', 'picture'] as const).map((f) => [
    (i: ContactInfo) => i[f],
    (i: ContactInfo, v: unknown) => { if (v === undefined) delete i[f]; else (i as Record<string, unknown>)[f] = structuredClone(v); },
  ] as const),
];

const TAGS: Record<ListName, readonly string[]> = { emails: EMAIL_TAGS, phones: PHONE_TAGS, addresses: ADDRESS_TAGS };

const itemsOf = (info: ContactInfo, list: ListName): Item[] => (info[list]?.items ?? []) as unknown as Item[];

/** What "changing the value" of an item can set: donors' values, and base emails re-cased. */
function valuePool(list: ListName, base: ContactInfo, donors: readonly ContactInfo[]): Item[] {
  const fromDonors = donors.flatMap((d) => itemsOf(d, list));
  if (list === 'emails') {
    return [...fromDonors.map((e) => ({ email: e['email'] })), ...itemsOf(base, list).map((e) => ({ email: String(e['email']).toUpperCase() }))];
  }
  if (list === 'phones') return fromDonors.map((p) => ({ phone: p['phone'], countryCode: p['countryCode'] }));
  return fromDonors.map((a) => ({ address: a['address'] }));
}

function editList(list: ListName, items: readonly Item[], e: ListEdit, values: readonly Item[], adds: readonly Item[]): Item[] {
  const out: Item[] = [];
  items.forEach((item, i) => {
    const op = e.ops[i] ?? 0;
    if (op === 2) return;
    const copy = structuredClone(item);
    if (op === 3) copy['tag'] = TAGS[list][e.tag % TAGS[list].length];
    const patch = values[e.value % Math.max(values.length, 1)];
    if (op === 4 && patch !== undefined) {
      for (const [k, v] of Object.entries(patch)) if (v === undefined) delete copy[k]; else copy[k] = structuredClone(v);
    }
    out.push(copy);
  });
  for (const a of e.adds) {
    const add = adds[a % Math.max(adds.length, 1)];
    if (add !== undefined) out.push({ ...structuredClone(add), primary: false });
  }
  if (e.primary !== undefined && list !== 'addresses') out.forEach((it, i) => { it['primary'] = i === e.primary! % out.length; });
  return out;
}

function applySide(base: ContactInfo, donors: readonly ContactInfo[], e: SideEdit, keepFirstName: boolean): ContactInfo {
  const side = structuredClone(base);
  SCALARS.forEach(([get, set], i) => {
    const op = e.scalars[i] ?? 0;
    const value = op === 2 || op === 3 ? get(donors[op - 2]!) : undefined;
    if (keepFirstName && i === 0 && value === undefined) return;
    if (op >= 2) set(side, value);
  });
  const ext = { ...side.extendedFields?.items };
  for (const [key, v] of e.ext) { const value = EXT_VALUES[v]; if (value === undefined) delete ext[key]; else ext[key] = value; }
  side.extendedFields = { items: ext };
  const labels = new Set(side.labelKeys?.items ?? []);
  for (const [key, add] of e.labels) if (add) labels.add(key); else labels.delete(key);
  side.labelKeys = { items: [...labels] };
  for (const list of ['emails', 'phones', 'addresses'] as const) {
    const adds = donors.flatMap((d) => itemsOf(d, list));
    const items = editList(list, itemsOf(base, list), e[list], valuePool(list, base, donors), adds);
    (side as Record<string, unknown>)[list] = { items };
  }
  const out = normalizeInfo(side);
  // A contact must keep a name, an email or a phone; a side without one is not a valid input.
  return hasIdentity(out) ? out : normalizeInfo({ ...out, name: { first: base.name?.first ?? 'Ann' } });
}

const hasIdentity = (i: ContactInfo): boolean =>
  i.name !== undefined || i.emails !== undefined || i.phones !== undefined;

/**
 * Triples of normalised infos. With `keepFirstName`, no side removes `name.first`, so the
 * merge never has to restore a name, email or phone (the scalar spec holds unconditionally).
 */
export function tripleArb(options: { keepFirstName: boolean }): fc.Arbitrary<Triple> {
  return fc.tuple(normalizedInfoArb, normalizedInfoArb, normalizedInfoArb, sideEditArb, sideEditArb)
    .map(([b, d0, d1, le, re]) => {
      const base = options.keepFirstName && b.name?.first === undefined ? normalizeInfo({ ...b, name: { ...b.name, first: 'Ann' } }) : b;
      return {
        base,
        local: applySide(base, [d0, d1], le, options.keepFirstName),
        remote: applySide(base, [d0, d1], re, options.keepFirstName),
      };
    });
}
