import { describe, expect, it } from 'vitest';
import { mergeSet } from '../../src/merge/merge-set.js';

describe('mergeSet', () => {
  it('does what its TSDoc example says', () => {
    expect(mergeSet(['custom.a', 'custom.b'], ['custom.a', 'custom.c'], ['custom.a', 'custom.b', 'custom.d']))
      .toEqual(['custom.a', 'custom.c', 'custom.d']);
  });

  it('gives the same set through the small and the large (Set-based) path', () => {
    const keys = (p: string, n: number) => Array.from({ length: n }, (_, i) => `custom.${p}${i}`);
    const base = keys('b', 40);
    const local = [...base.slice(5), ...keys('l', 3)];
    const remote = [...base.slice(0, 30), ...keys('r', 2), 'custom.l0'];
    expect(mergeSet(base, local, remote)).toEqual([...base.slice(5, 30), ...keys('l', 3), ...keys('r', 2)]);
  });

  it('never returns a member twice, even from inputs that repeat one', () => {
    expect(mergeSet(['custom.a'], ['custom.a', 'custom.b', 'custom.b'], ['custom.a', 'custom.c'])).toEqual(['custom.a', 'custom.b', 'custom.c']);
  });
});
