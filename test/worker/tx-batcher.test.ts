/**
 * The engine's commit batcher (worker/tx-batcher.ts): what shares a transaction, what runs
 * side by side inside one, and that a failure or a lost leadership never leaves part of a
 * batch written.
 */
import { Dexie } from '../../src/store/dexie.js';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContactsDb } from '../../src/store/schema.js';
import { takeLeadership, type Fence } from '../../worker/fence.js';
import { TxBatcher } from '../../worker/tx-batcher.js';

describe('TxBatcher', () => {
  let db: ContactsDb;
  let fence: Fence;
  let n = 0;

  beforeEach(async () => {
    db = new ContactsDb(`tx-batcher-${++n}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.open();
    fence = await takeLeadership(db);
  });
  afterEach(() => { db.close(); });

  /** A body that logs its start and end around a read, and writes `key`. */
  const logged = (log: string[], name: string) => async (): Promise<unknown> => {
    log.push(`${name}+`);
    await db.meta.get('nothing');
    await db.meta.put({ key: name, value: 1 });
    log.push(`${name}-`);
    return Dexie.currentTransaction;
  };

  it('puts the bodies that arrive while a batch is written into the next batch, all of them', async () => {
    const batcher = new TxBatcher({ db, fence });
    let queuedAll = false;
    // Keeps its transaction busy (a read at a time) until the later bodies are all queued.
    const first = batcher.run(async () => {
      while (!queuedAll) await db.meta.get('nothing');
      return Dexie.currentTransaction;
    });
    // Queued on three different turns of the event loop, all while `first` is written.
    const later: Promise<unknown>[] = [];
    for (const k of ['a', 'b', 'c']) {
      await new Promise((r) => setTimeout(r, 0));
      later.push(batcher.run(logged([], k)));
    }
    queuedAll = true;
    const [tx0, ...txs] = await Promise.all([first, ...later]);
    expect(new Set(txs).size).toBe(1);
    expect(txs[0]).not.toBe(tx0);
  });

  it('runs bodies naming different contacts side by side, and the others one after the other after them', async () => {
    const batcher = new TxBatcher({ db, fence });
    const log: string[] = [];
    await Promise.all([
      batcher.run(logged(log, 'free1')),
      batcher.run(logged(log, 'c1'), 'c1'),
      batcher.run(logged(log, 'c2'), 'c2'),
      batcher.run(logged(log, 'c1again'), 'c1'),
    ]);
    // c1 and c2 interleave; then, in arrival order and one at a time, the unnamed body and
    // the second body of c1.
    expect(log).toEqual(['c1+', 'c2+', 'c1-', 'c2-', 'free1+', 'free1-', 'c1again+', 'c1again-']);
  });

  it('fails only the body that threw, with nothing of it written, and commits the others', async () => {
    const batcher = new TxBatcher({ db, fence });
    const bad = async (): Promise<void> => {
      await db.meta.put({ key: 'bad', value: 1 });
      throw new Error('refused');
    };
    const results = await Promise.allSettled([
      batcher.run(async () => { await db.meta.put({ key: 'x', value: 1 }); }, 'x'),
      batcher.run(bad, 'bad'),
      batcher.run(async () => { await db.meta.put({ key: 'y', value: 1 }); }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await db.meta.get('bad')).toBeUndefined();
    expect((await db.meta.bulkGet(['x', 'y'])).map((r) => r?.value)).toEqual([1, 1]);
  });

  it('runs the grouped items of a batch as one call per name, and each item alone after a failure', async () => {
    const batcher = new TxBatcher({ db, fence });
    const calls: string[][] = [];
    const txs: unknown[] = [];
    /** Writes each item with the number of its transaction; an item 'bad' fails its call. */
    const put = async (items: readonly string[]): Promise<void> => {
      calls.push([...items]);
      if (!txs.includes(Dexie.currentTransaction)) txs.push(Dexie.currentTransaction);
      await db.meta.bulkPut(items.map((key) => ({ key, value: txs.indexOf(Dexie.currentTransaction) })));
      if (items.includes('bad')) throw new Error('refused');
    };
    await Promise.all([
      batcher.runGrouped('put', put, 'a', 'a'),
      batcher.runGrouped('put', put, 'b', 'b'),
      batcher.run(logged([], 'free')),
      batcher.runGrouped('put', put, 'a2', 'a'),
    ]);
    // a and b in one call; the second item of contact a after them, alone.
    expect(calls).toEqual([['a', 'b'], ['a2']]);
    const [a, b, a2, free] = await db.meta.bulkGet(['a', 'b', 'a2', 'free']);
    expect(a?.value).toBe(b?.value);
    expect(a2?.value).toBe(a?.value);
    expect(free).toBeDefined();

    calls.length = 0;
    const results = await Promise.allSettled([
      batcher.runGrouped('put', put, 'c', 'c'),
      batcher.runGrouped('put', put, 'bad', 'bad'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(calls).toEqual([['c', 'bad'], ['c'], ['bad']]);
    expect((await db.meta.bulkGet(['c', 'bad'])).map((r) => r !== undefined)).toEqual([true, false]);
  });

  it('writes nothing of a batch once another engine leads, though the epoch is read alongside the bodies', async () => {
    const batcher = new TxBatcher({ db, fence });
    await takeLeadership(db);
    const results = await Promise.allSettled([
      batcher.run(async () => { await db.meta.put({ key: 'x', value: 1 }); }, 'x'),
      batcher.run(async () => { await db.meta.put({ key: 'y', value: 1 }); }),
    ]);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as { code?: string }).code : 'ok'))).toEqual(['NOT_LEADER', 'NOT_LEADER']);
    expect(await db.meta.bulkGet(['x', 'y'])).toEqual([undefined, undefined]);
  });
});
