/**
 * The Web Worker entry: the sync engine behind Comlink. The page (src/client/worker-engine.ts)
 * starts it with the database name and either the server's URL (the worker then fetches
 * itself, asking the page only for auth headers) or a proxy of the page's own remote (when
 * the app passed a `ContactsRemote` or a custom `fetch`, which cannot be copied to a worker).
 */
import { expose } from 'comlink';
import '../src/client/error-transfer.js';
import type { ConflictPolicy } from '../src/merge/merge3.js';
import { resolveIndexedDb } from '../src/platform/indexed-db.js';
import type { ContactsRemote } from '../src/remote/contacts-remote.js';
import { createHttpRemote } from '../src/remote/http-remote.js';
import { createEngine, type EngineHandle } from './create-engine.js';
import type { EngineStatus } from './sync-engine.js';

/** How the page starts the worker's engine. */
export interface WorkerStartConfig {
  readonly name: string;
  readonly policy: ConflictPolicy;
  /** `http`: the worker talks to `baseUrl` itself; `proxied`: through the page's remote. */
  readonly remote: { readonly kind: 'http'; readonly baseUrl: string; readonly hasAuth: boolean } | { readonly kind: 'proxied' };
}

/** Callbacks and objects the page lends the worker (Comlink proxies). */
export interface WorkerLoans {
  readonly onStatus: (status: EngineStatus) => void;
  readonly auth?: () => Promise<Record<string, string>>;
  readonly remote?: ContactsRemote;
}

/** What the worker exposes. */
export interface SyncWorkerApi {
  start(config: WorkerStartConfig, loans: WorkerLoans): Promise<void>;
  syncNow(): Promise<void>;
  pause(): void;
  resume(): void;
  notifyEdit(): void;
  notifyVisible(): void;
  isLeader(): boolean;
  stop(): Promise<void>;
}

let engine: EngineHandle | undefined;

function remoteFor(config: WorkerStartConfig, loans: WorkerLoans): ContactsRemote {
  if (config.remote.kind === 'proxied') {
    if (loans.remote === undefined) throw new Error('proxied remote missing');
    return loans.remote;
  }
  const auth = loans.auth;
  return createHttpRemote({
    baseUrl: config.remote.baseUrl,
    ...(config.remote.hasAuth && auth !== undefined ? { auth: () => auth() } : {}),
  });
}

const api: SyncWorkerApi = {
  async start(config, loans) {
    if (engine !== undefined) return;
    engine = await createEngine({
      name: config.name,
      deps: resolveIndexedDb({}),
      remote: remoteFor(config, loans),
      policy: config.policy,
      onStatus: (status) => { void Promise.resolve(loans.onStatus(status)).catch(() => undefined); },
    });
  },
  syncNow: () => engine?.syncNow() ?? Promise.resolve(),
  pause: () => engine?.pause(),
  resume: () => engine?.resume(),
  notifyEdit: () => engine?.notifyEdit(),
  notifyVisible: () => engine?.notifyVisible(),
  isLeader: () => engine?.isLeader() ?? false,
  async stop() {
    const e = engine;
    engine = undefined;
    await e?.stop();
  },
};

expose(api);
