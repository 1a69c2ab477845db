/**
 * Starts the sync engine for a client: in a dedicated Worker (`sync: 'worker'`) or in this
 * thread (`sync: 'inline'`), and wraps it as the client's `SyncDriver`. The in-process
 * engine is imported lazily, so a page that syncs in a worker never loads it.
 */
import { randomId } from '../model/ids.js';
import type { ContactsRemote, RemoteOptions } from '../remote/contacts-remote.js';
import { createHttpRemote } from '../remote/http-remote.js';
import type { WorkerFactory } from '../platform/create-worker.js';
import { EngineSyncDriver, engineStatusSubject } from './engine-sync-driver.js';
import type { SyncDriver, SyncDriverContext } from './sync-driver.js';
import { startingEngine } from './starting-engine.js';
import { startWorkerEngine } from './worker-engine.js';

const isRemoteOptions = (r: RemoteOptions | ContactsRemote): r is RemoteOptions => typeof (r as RemoteOptions).baseUrl === 'string';

/**
 * The engine-backed driver for `context` (whose `remote` is set and mode is not 'off'). It
 * returns before the engine has started (starting-engine.ts): a start that fails shows as
 * `status$` state `error` and rejects `syncNow`.
 */
export function startEngineDriver(
  context: SyncDriverContext & { readonly remote: RemoteOptions | ContactsRemote; readonly createWorker?: WorkerFactory },
): SyncDriver {
  const status = engineStatusSubject();
  const onStatus = (s: Parameters<typeof status.next>[0]): void => status.next(s);
  const starting = context.mode === 'worker'
    ? startWorkerEngine({
      name: context.name, remote: context.remote, policy: context.conflictPolicy, onStatus,
      ...(context.createWorker === undefined ? {} : { createWorker: context.createWorker }),
    })
    : import('../../worker/create-engine.js').then(({ createEngine }) => createEngine({
      name: context.name, deps: context.deps, policy: context.conflictPolicy, onStatus, now: context.now,
      remote: isRemoteOptions(context.remote) ? createHttpRemote(context.remote) : context.remote,
    }));
  return new EngineSyncDriver(context.db, startingEngine(starting, onStatus), status, { now: context.now, makeId: randomId });
}
