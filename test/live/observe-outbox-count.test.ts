import { IDBFactory } from 'fake-indexeddb';
import { Subject } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { observeOutboxCount } from '../../src/live/observe-outbox-count.js';
import type { ContactId, MutationId } from '../../src/model/ids.js';
import type { ContactsDb, OutboxRow } from '../../src/store/schema.js';
import { openEngineDb, quiet, record, type Recording } from './live-helpers.js';

let dbs: ContactsDb[] = [];
let recording: Recording<number> | undefined;
afterEach(() => {
  recording?.stop();
  dbs.forEach((db) => { db.close(); });
  dbs = [];
});

const row = (i: number): OutboxRow => ({
  op: 'create', allowDuplicates: false, contactId: `c${i}` as ContactId, mutationId: `m${i}` as MutationId, createdAt: i,
});

/** The page's connection and the "worker's" connection to one database. */
async function pageAndWorker(): Promise<[ContactsDb, ContactsDb]> {
  const indexedDB = new IDBFactory();
  dbs = [await openEngineDb(indexedDB, 'outbox-count'), await openEngineDb(indexedDB, 'outbox-count')];
  return [dbs[0]!, dbs[1]!];
}

describe('observeOutboxCount', () => {
  it('folds a burst of commits from another connection into few counts, and the last one is exact', async () => {
    const [page, worker] = await pageAndWorker();
    recording = record(observeOutboxCount(page, { minIntervalMs: 50 }));
    await recording.until(1);
    const started = Date.now();
    // One commit per row, as the worker acks one pushed edit per transaction.
    for (let i = 0; i < 60; i++) await worker.outbox.add(row(i));
    for (let i = 0; i < 40; i++) await worker.outbox.where('contactId').equals(`c${i}`).delete();
    const elapsed = Date.now() - started;
    await quiet();
    expect(recording.values.at(-1)).toBe(20);
    // Without pacing every one of the 100 commits would be followed by a count.
    expect(recording.values.length).toBeLessThanOrEqual(2 + Math.ceil(elapsed / 50) + 1);
    expect(recording.values.length).toBeLessThan(100);
  });

  it('counts at once on recountNow$, ahead of the pacing window (this tab\'s own writes)', async () => {
    const [page] = await pageAndWorker();
    const localWrite = new Subject<void | (() => void)>();
    recording = record(observeOutboxCount(page, { minIntervalMs: 60_000, recountNow$: localWrite }));
    await recording.until(1);
    await page.outbox.add(row(1));
    // Paced: the change alone waits for the (here one-minute) window.
    await quiet();
    expect(recording.values).toEqual([0]);
    localWrite.next();
    await recording.until(2);
    expect(recording.values).toEqual([0, 1]);
  });
});

describe('observeOutboxCount waiters', () => {
  it('calls a function emitted on recountNow$ once a count started after it was delivered', async () => {
    const [page, worker] = await pageAndWorker();
    const recount = new Subject<void | (() => void)>();
    recording = record(observeOutboxCount(page, { minIntervalMs: 60_000, recountNow$: recount }));
    await recording.until(1);
    await worker.outbox.add(row(1));
    await worker.outbox.add(row(2));
    await new Promise<void>((resolve) => { recount.next(resolve); });
    expect(recording.values.at(-1)).toBe(2);
  });
});
