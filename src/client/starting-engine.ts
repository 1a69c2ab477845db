/**
 * An engine handle usable while its engine still starts. Starting the sync worker (fetch
 * and parse its script, open the database there, the Comlink handshake) took 70-200 ms of
 * a cold open in Chromium, and nothing on the page needs the engine to read: `openContacts`
 * resolves without waiting for it, and calls made meanwhile reach the engine once it runs.
 */
import { ContactsError } from '../model/contacts-error.js';
import type { EngineHandle } from '../../worker/create-engine.js';
import type { EngineStatus } from '../../worker/sync-engine.js';

/**
 * Wraps `starting`: `syncNow` waits for the engine; `pause`, `resume` and notifications are
 * passed on once it runs, in call order; `stop` waits for the start and stops the engine.
 * A start that fails is reported through `onStatus` (state `error`) and by every later
 * `syncNow`; nothing keeps running then.
 *
 * @example
 * ```ts
 * const engine = startingEngine(startWorkerEngine(config), onStatus);
 * engine.pause(); // applied as soon as the worker has started
 * ```
 */
export function startingEngine(starting: Promise<EngineHandle>, onStatus: (status: EngineStatus) => void): EngineHandle {
  let started: EngineHandle | undefined;
  const ready = starting.then((engine) => { started = engine; return engine; }, (e: unknown) => {
    const error = e instanceof ContactsError ? e : new ContactsError({ code: 'INTERNAL', message: `INTERNAL: the sync engine did not start (${String(e)})`, cause: e });
    onStatus({ state: 'error', error: { code: error.code, status: error.status, message: error.message } });
    throw error;
  });
  // Observed here so that a failed start is never an unhandled rejection; callers see it too.
  ready.catch(() => undefined);
  // Calls made before the start run in order, right after it (`then` callbacks keep order).
  // A call made once the engine is known but before those have run queues behind them.
  let queued = 0;
  const later = (call: (engine: EngineHandle) => unknown): void => {
    if (started !== undefined && queued === 0) {
      call(started);
      return;
    }
    queued++;
    ready.then((engine) => { queued--; call(engine); }, () => { queued--; });
  };
  return {
    syncNow: async () => (await ready).syncNow(),
    pause: () => { later((e) => { e.pause(); }); },
    resume: () => { later((e) => { e.resume(); }); },
    notifyEdit: () => { later((e) => { e.notifyEdit(); }); },
    notifyVisible: () => { later((e) => { e.notifyVisible(); }); },
    isLeader: () => started?.isLeader() ?? false,
    stop: async () => {
      const engine = await ready.catch(() => undefined);
      await engine?.stop();
    },
  };
}
