import { describe, expect, it } from 'vitest';
import { deepEqual, definedEntries, isPlainObject, optional, setOwn } from '../../src/model/plain-object.js';

describe('isPlainObject', () => {
  it.each<[unknown, boolean]>([
    [{}, true], [Object.create(null), true], [JSON.parse('{"a":1}'), true],
    [[], false], [null, false], [new Date(), false], [new Map(), false], ['x', false], [new (class A {})(), false],
  ])('%o -> %s', (v, ok) => expect(isPlainObject(v)).toBe(ok));
});

describe('setOwn', () => {
  it('sets __proto__ as an own key without touching the prototype', () => {
    const o: Record<string, unknown> = {};
    setOwn(o, '__proto__', { polluted: true });
    expect(Object.hasOwn(o, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.keys(o)).toEqual(['__proto__']);
  });
});

describe('definedEntries / optional', () => {
  it('skip undefined values', () => {
    expect(definedEntries({ a: 1, b: undefined })).toEqual([['a', 1]]);
    expect(optional('k', undefined)).toEqual({});
    expect(optional('k', 0)).toEqual({ k: 0 });
  });
});

describe('deepEqual', () => {
  it.each<[unknown, unknown, boolean]>([
    [{ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }, true],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: undefined, b: 1 }, { b: 1, c: undefined }, true],
    [[1, 2], [2, 1], false],
    [[1], { 0: 1 }, false],
    [new Date(5), new Date(5), true],
    [new Date(5), new Date(6), false],
    [new Date(5), 5, false],
    [NaN, NaN, true],
    [0, -0, true],
    [1, '1', false],
    [null, {}, false],
    [null, null, true],
    [JSON.parse('{"__proto__":1}'), {}, false],
    [JSON.parse('{"__proto__":1}'), JSON.parse('{"__proto__":1}'), true],
    [Object.assign(Object.create(null) as object, { a: 1 }), { a: 1 }, true],
    [{ a: 1, b: undefined }, { a: 1, c: 2 }, false],
  ])('%o vs %o -> %s', (a, b, eq) => {
    expect(deepEqual(a, b)).toBe(eq);
    expect(deepEqual(b, a)).toBe(eq);
  });
});
