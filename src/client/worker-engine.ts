/**
 * The page's end of the sync Worker: starts it, lends it the status callback, the auth
 * function and (when needed) the remote itself through Comlink, and forwards visibility.
 */
import { proxy, releaseProxy, wrap } from 'comlink';
import './error-transfer.js';
import type { ConflictPolicy } from '../merge/merge3.js';
import { defaultWorkerFactory, onPageVisible, type WorkerFactory } from '../platform/create-worker.js';
import type { ContactsRemote, RemoteOptions } from '../remote/contacts-remote.js';
import { createHttpRemote } from '../remote/http-remote.js';
import type { EngineHandle } from '../../worker/create-engine.js';
import type { EngineStatus } from '../../worker/sync-engine.js';
import type { SyncWorkerApi, WorkerLoans, WorkerStartConfig } from '../../worker/sync-worker.js';

/** What the worker engine is started with. */
export interface WorkerEngineConfig {
  readonly name: string;
  readonly remote: RemoteOptions | ContactsRemote;
  readonly policy: ConflictPolicy;
  readonly onStatus: (status: EngineStatus) => void;
  readonly createWorker?: WorkerFactory;
}

const isRemoteOptions = (r: RemoteOptions | ContactsRemote): r is RemoteOptions => typeof (r as RemoteOptions).baseUrl === 'string';

/**
 * Starts the engine in a dedicated Worker.
 *
 * @throws ContactsError when the worker cannot open the database.
 */
export async function startWorkerEngine(config: WorkerEngineConfig): Promise<EngineHandle> {
  const worker = (config.createWorker ?? defaultWorkerFactory)();
  const api = wrap<SyncWorkerApi>(worker);
  const { start, loans } = plan(config);
  try {
    await api.start(start, loans);
  } catch (e) {
    worker.terminate();
    throw e;
  }
  const offVisible = onPageVisible(() => { void api.notifyVisible(); });
  return {
    syncNow: () => api.syncNow(),
    pause: () => { void api.pause(); },
    resume: () => { void api.resume(); },
    notifyEdit: () => { void api.notifyEdit(); },
    notifyVisible: () => { void api.notifyVisible(); },
    isLeader: () => false, // asked asynchronously through the worker; not needed synchronously on the page
    stop: async () => {
      offVisible();
      try {
        await api.stop();
      } finally {
        api[releaseProxy]();
        worker.terminate();
      }
    },
  };
}

/**
 * What the worker is started with. A `RemoteOptions` with a custom `fetch` cannot cross to a
 * worker: the page keeps the remote and lends it. The loans travel as one Comlink proxy:
 * Comlink's `proxy()` marker only works on a top-level argument, and functions nested in a
 * plain object make `postMessage` throw DataCloneError.
 */
function plan(config: WorkerEngineConfig): { start: WorkerStartConfig; loans: WorkerLoans } {
  const onStatus = config.onStatus;
  const remote = config.remote;
  if (isRemoteOptions(remote) && remote.fetch === undefined) {
    const auth = remote.auth;
    return {
      start: { name: config.name, policy: config.policy, remote: { kind: 'http', baseUrl: remote.baseUrl, hasAuth: auth !== undefined } },
      loans: proxy({ onStatus, ...(auth === undefined ? {} : { auth: async () => auth() }) }),
    };
  }
  const lent = isRemoteOptions(remote) ? createHttpRemote(remote) : remote;
  return {
    start: { name: config.name, policy: config.policy, remote: { kind: 'proxied' } },
    loans: proxy({ onStatus, remote: lent }),
  };
}
