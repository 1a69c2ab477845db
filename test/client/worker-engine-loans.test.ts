/**
 * Regression: the page lends the sync worker its status callback and auth function through
 * Comlink. Comlink's `proxy()` marker only works on a top-level argument, so loans nested in
 * a plain object made `postMessage` throw DataCloneError and `openContacts` failed in every
 * real browser with `sync: 'worker'` ("e=>n.next(e) could not be cloned"). Here the Worker
 * is a MessageChannel port with a stand-in worker API exposed on the other end.
 */
import { expose } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { startWorkerEngine } from '../../src/client/worker-engine.js';
import type { EngineStatus } from '../../worker/sync-engine.js';
import type { SyncWorkerApi, WorkerLoans, WorkerStartConfig } from '../../worker/sync-worker.js';

const ports: MessagePort[] = [];
afterEach(() => {
  for (const p of ports.splice(0)) p.close();
});

/** A fake worker: the page's end of a channel whose other end runs `api`. */
function channelWorker(api: SyncWorkerApi): () => Worker {
  return () => {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    expose(api, port2);
    return Object.assign(port1, { terminate: () => port1.close() }) as unknown as Worker;
  };
}

describe('startWorkerEngine lends callbacks across the worker boundary', () => {
  it('the worker can call the lent onStatus and auth', async () => {
    const seen: { headers?: Record<string, string> | undefined } = {};
    let lent: WorkerLoans | undefined;
    const api: SyncWorkerApi = {
      async start(_config: WorkerStartConfig, loans: WorkerLoans) {
        lent = loans;
        seen.headers = await loans.auth?.();
        // Through Comlink the lent callback answers with a promise, whatever its declared type.
        await Promise.resolve(loans.onStatus({ state: 'syncing' }));
      },
      syncNow: () => Promise.resolve(), pause: () => undefined, resume: () => undefined, notifyEdit: () => undefined,
      notifyVisible: () => undefined, isLeader: () => false, stop: () => Promise.resolve(),
    };
    const statuses: EngineStatus[] = [];
    const engine = await startWorkerEngine({
      name: 'db', policy: 'local', onStatus: (s) => statuses.push(s), createWorker: channelWorker(api),
      remote: { baseUrl: 'http://127.0.0.1:1', auth: () => ({ Authorization: 'Bearer t' }) },
    });
    expect(lent).toBeDefined();
    expect(seen.headers).toEqual({ Authorization: 'Bearer t' });
    expect(statuses).toEqual([{ state: 'syncing' }]);
    await engine.stop();
  });
});
