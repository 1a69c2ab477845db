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
import { startWorkerEngine } from './worker-engine.js';

const isRemoteOptions = (r: RemoteOptions | ContactsRemote): r is RemoteOptions => typeof (r as RemoteOptions).baseUrl === 'string';

/**
 * The engine-backed driver for `context` (whose `remote` is set and mode is not 'off').
 *
 * @throws ContactsError storage codes when the engine cannot open the database.
 */
export async function startEngineDriver(
  context: SyncDriverContext & { readonly remote: RemoteOptions | ContactsRemote; readonly createWorker?: WorkerFactory },
): Promise<SyncDriver> {
  const status = engineStatusSubject();
  const onStatus = (s: Parameters<typeof status.next>[0]): void => status.next(s);
  const engine = context.mode === 'worker'
    ? await startWorkerEngine({
      name: context.name, remote: context.remote, policy: context.conflictPolicy, onStatus,
      ...(context.createWorker === undefined ? {} : { createWorker: context.createWorker }),
    })
    : await (await import('../../worker/create-engine.js')).createEngine({
      name: context.name, deps: context.deps, policy: context.conflictPolicy, onStatus, now: context.now,
      remote: isRemoteOptions(context.remote) ? createHttpRemote(context.remote) : context.remote,
    });
  return new EngineSyncDriver(context.db, engine, status, { now: context.now, makeId: randomId });
}
