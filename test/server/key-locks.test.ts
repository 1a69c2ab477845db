/** KeyLocks: the in-process locks the duplicate check holds until the write is stored. */
import { describe, expect, it } from 'vitest';
import { KeyLocks } from '../../server/contacts/key-locks.js';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

describe('KeyLocks', () => {
  it('runs holders of one name one after another, in arrival order', async () => {
    const locks = new KeyLocks();
    const log: string[] = [];
    const job = (n: number) => locks.hold(['a'], async () => {
      log.push(`start ${n}`);
      await tick();
      log.push(`end ${n}`);
      return n;
    });
    expect(await Promise.all([job(1), job(2), job(3)])).toEqual([1, 2, 3]);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
    expect(locks.isHeld('a')).toBe(false);
  });

  it('different names do not wait for each other', async () => {
    const locks = new KeyLocks();
    let release!: () => void;
    const blocker = locks.hold(['a'], () => new Promise<void>((resolve) => {
      release = resolve;
    }));
    expect(await locks.hold(['b'], () => Promise.resolve('ran'))).toBe('ran');
    release();
    await blocker;
  });

  it('releases when the holder throws, and the next holder runs', async () => {
    const locks = new KeyLocks();
    const failing = locks.hold(['a'], () => Promise.reject(new Error('boom')));
    const next = locks.hold(['a'], () => Promise.resolve('next'));
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toBe('next');
    expect(locks.isHeld('a')).toBe(false);
  });

  it('overlapping sets asked for in opposite orders cannot deadlock', async () => {
    const locks = new KeyLocks();
    const done = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      locks.hold(i % 2 === 0 ? ['x', 'y', 'z'] : ['z', 'y', 'x', 'x'], async () => {
        await tick();
        return i;
      })));
    expect(done).toHaveLength(20);
    for (const name of ['x', 'y', 'z']) expect(locks.isHeld(name)).toBe(false);
  });

  it('no names: runs at once', async () => {
    expect(await new KeyLocks().hold([], () => Promise.resolve(7))).toBe(7);
  });
});
