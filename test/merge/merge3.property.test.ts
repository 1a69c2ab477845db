/** Properties of merge3 against a spec written apart from the implementation. */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ContactInfo } from '../../src/model/contact.js';
import { validateInfo } from '../../src/model/validate-info.js';
import { merge3, type ConflictPolicy, type MergeResult } from '../../src/merge/merge3.js';
import { expectWellFormed, withoutDerived } from './merge-fixtures.js';
import { tripleArb } from './merge-arbitraries.js';

// ---- The spec (DESIGN.md section 5), independent of src/merge. ----
type Spec = { value: unknown; conflict: boolean };
function specValue(b: unknown, l: unknown, r: unknown, policy: ConflictPolicy): Spec {
  if (isDeepStrictEqual(l, r)) return { value: l, conflict: false };
  if (isDeepStrictEqual(b, l)) return { value: r, conflict: false };
  if (isDeepStrictEqual(b, r)) return { value: l, conflict: false };
  return { value: policy === 'local' ? l : r, conflict: true };
}
function specLabels(b: readonly string[], l: readonly string[], r: readonly string[]): string[] {
  const kept = [...l, ...r].filter((x) => (l.includes(x) && r.includes(x)) || !b.includes(x));
  return [...new Set(kept)].sort();
}
const SCALAR_PATHS: Record<string, (i: ContactInfo) => unknown> = {
  'info.name.first': (i) => i.name?.first, 'info.name.last': (i) => i.name?.last,
  'info.company': (i) => i.company, 'info.jobTitle': (i) => i.jobTitle, 'info.birthdate': (i) => i.birthdate,
  'info.locale': (i) => i.locale, 'info.picture': (i) => i.picture,
};
const isDerived = (key: string): boolean => key.startsWith('contacts.displayBy');
const extKeys = (...infos: ContactInfo[]): string[] =>
  [...new Set(infos.flatMap((i) => Object.keys(i.extendedFields?.items ?? {})))].filter((k) => !isDerived(k));
// ---- end of spec ----

const policyArb = fc.constantFrom<ConflictPolicy>('local', 'remote');
const labelsOf = (i: ContactInfo): string[] => i.labelKeys?.items ?? [];

function stable(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
}

/**
 * An info up to the order of list items (and without derived fields); without item `_id`s
 * when `ids` is false, because an id-less item that matches a base item by value takes its id.
 */
function canon(info: ContactInfo, ids = true): unknown {
  const out = withoutDerived(info) as Record<string, { items?: unknown } | undefined>;
  for (const list of ['emails', 'phones', 'addresses', 'labelKeys', 'locations']) {
    const items = out[list]?.items;
    const strip = (x: unknown): unknown => (ids || typeof x !== 'object' ? x : { ...x, _id: undefined });
    if (Array.isArray(items)) out[list] = { items: items.map((x) => stable(strip(x))).sort() };
  }
  return out;
}

function leaves(value: unknown, into: Set<unknown>): Set<unknown> {
  if (typeof value === 'string' || typeof value === 'number') into.add(value);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) leaves(v, into);
  return into;
}

const conflictAt = (r: MergeResult, path: string) => r.conflicts.find((c) => c.path === path);

describe('merge3 properties', () => {
  it('gives every scalar and extended field the spec answer, with a conflict iff both sides changed it differently', () => {
    fc.assert(fc.property(tripleArb({ keepFirstName: true }), policyArb, ({ base, local, remote }, policy) => {
      const r = merge3(base, local, remote, policy);
      const checks: [string, (i: ContactInfo) => unknown][] = [
        ...Object.entries(SCALAR_PATHS),
        ...extKeys(base, local, remote).map((k): [string, (i: ContactInfo) => unknown] => [`info.extendedFields.items[${k}]`, (i) => i.extendedFields?.items[k]]),
      ];
      for (const [path, get] of checks) {
        const spec = specValue(get(base), get(local), get(remote), policy);
        expect(get(r.merged), path).toEqual(spec.value);
        expect(conflictAt(r, path) !== undefined, path).toBe(spec.conflict);
        if (spec.conflict) expect(conflictAt(r, path)).toEqual({ path, base: get(base), local: get(local), remote: get(remote), chosen: policy });
      }
    }));
  });

  it('merges label keys by the set formula, never with a conflict', () => {
    fc.assert(fc.property(tripleArb({ keepFirstName: false }), policyArb, ({ base, local, remote }, policy) => {
      const r = merge3(base, local, remote, policy);
      expect([...labelsOf(r.merged)].sort()).toEqual(specLabels(labelsOf(base), labelsOf(local), labelsOf(remote)));
      expect(r.conflicts.filter((c) => c.path.startsWith('info.labelKeys'))).toEqual([]);
    }));
  });

  it('never conflicts when only one side changed, or both changed alike', () => {
    fc.assert(fc.property(tripleArb({ keepFirstName: false }), policyArb, ({ base: o, local: a, remote: b }, policy) => {
      for (const [l, r, expected] of [[a, o, a], [o, b, b], [a, a, a]] as const) {
        const result = merge3(o, l, r, policy);
        expect(result.conflicts).toEqual([]);
        expect(canon(result.merged, false)).toEqual(canon(expected, false));
      }
    }));
  });

  it('gives the same merged info when local/remote and the policy are swapped', () => {
    fc.assert(fc.property(tripleArb({ keepFirstName: false }), policyArb, ({ base, local, remote }, policy) => {
      const one = merge3(base, local, remote, policy);
      const two = merge3(base, remote, local, policy === 'local' ? 'remote' : 'local');
      expect(canon(two.merged)).toEqual(canon(one.merged));
      const mirrored = one.conflicts.map((c) => ({ ...c, local: c.remote, remote: c.local, chosen: c.chosen === 'local' ? 'remote' : 'local' }));
      const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
      expect([...two.conflicts].sort(byPath)).toEqual(mirrored.sort(byPath));
    }));
  });

  it('returns an info that validates, with one primary per non-empty list and no value none of the inputs had', () => {
    fc.assert(fc.property(tripleArb({ keepFirstName: false }), policyArb, ({ base, local, remote }, policy) => {
      for (const input of [base, local, remote]) expect(() => validateInfo(input, 'create')).not.toThrow();
      const r = merge3(base, local, remote, policy);
      expectWellFormed(r);
      const seen = leaves([base, local, remote], new Set());
      for (const v of leaves(r.merged, new Set())) expect(seen.has(v), String(v)).toBe(true);
      expect(extKeys(r.merged).every((k) => extKeys(base, local, remote).includes(k))).toBe(true);
    }));
  });
});
