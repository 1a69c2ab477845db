/**
 * The announcements of a store's writes (src/store/local-writes.ts): which writes a read
 * that began at a given commit count may not reflect, and when lists are told.
 */
import { describe, expect, it } from 'vitest';
import { newContact } from '../../src/store/build-contact.js';
import { LocalWrites, type LocalWrite } from '../../src/store/local-writes.js';

const write = (id: string, revision = 2): LocalWrite => ({ id, after: { ...newContact(id, { name: { first: id } }, 0), revision }, revision });
const ids = (list: readonly LocalWrite[]): string[] => list.map((w) => `${w.id}@${String(w.revision)}`);

describe('LocalWrites', () => {
  it('a write in flight is in every read\'s list; once committed, only in reads that began before its commit', () => {
    const writes = new LocalWrites();
    const note = writes.begin();
    note.show(write('a'));
    const before = writes.epoch;
    expect(ids(writes.since(before))).toEqual(['a@2']);
    note.settle(true);
    expect(writes.epoch).toBe(before + 1);
    expect(ids(writes.since(before))).toEqual(['a@2']);
    expect(ids(writes.since(writes.epoch))).toEqual([]);
  });

  it('a failed write is withdrawn; showing again replaces, keeping its place among the others', () => {
    const writes = new LocalWrites();
    const [x, y] = [writes.begin(), writes.begin()];
    x.show(write('a'));
    y.show(write('b'));
    x.show(write('a', 3)); // the same write, run again after a shared rollback
    expect(ids(writes.since(0))).toEqual(['a@3', 'b@2']);
    x.settle(false);
    expect(ids(writes.since(0))).toEqual(['b@2']);
  });

  it('tells listeners when what is shown changes (shown, withdrawn), not when a write commits', () => {
    const writes = new LocalWrites();
    let told = 0;
    const off = writes.onChange(() => { told++; });
    const [x, y] = [writes.begin(), writes.begin()];
    x.show(write('a'));
    y.show(write('b'));
    x.settle(true);
    y.settle(false);
    expect(told).toBe(3);
    off();
    writes.begin().show(write('c'));
    expect(told).toBe(3);
  });

  it('a write that never showed (it failed its checks) settles without a trace', () => {
    const writes = new LocalWrites();
    let told = 0;
    writes.onChange(() => { told++; });
    writes.begin().settle(false);
    writes.begin().settle(true);
    expect(writes.epoch).toBe(0);
    expect(told).toBe(0);
  });

  it('keeps at most 256 committed writes (the oldest go first), never one in flight', () => {
    const writes = new LocalWrites();
    const open = writes.begin();
    open.show(write('open'));
    for (let i = 0; i < 300; i++) {
      const note = writes.begin();
      note.show(write(`w${String(i)}`));
      note.settle(true);
    }
    const kept = writes.since(0);
    expect(kept[0]?.id).toBe('open');
    expect(kept.length).toBeLessThanOrEqual(257);
    expect(kept.at(-1)?.id).toBe('w299');
  });
});
