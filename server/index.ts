/**
 * The reference Contacts server (DESIGN.md sections 2 and 6): Wix Contacts REST v4 plus a
 * change feed and `Idempotency-Key`, on Fastify, storing in PGlite (memory or a directory)
 * or PostgreSQL. It imports only `src/model` from the library: no Dexie, no browser code.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ContactCache } from './contacts/contact-cache.js';
import type { ContactsDeps } from './contacts/contacts-deps.js';
import { seedMember } from './contacts/delete-contact.js';
import { KeyLocks } from './contacts/key-locks.js';
import { LabelDirectory } from './contacts/label-directory.js';
import { DEFAULT_TOKENS, tokenMap } from './http/auth.js';
import { buildApp } from './http/build-app.js';
import { RequestStats, type ServerStats } from './http/request-stats.js';
import { ensureTenant } from './storage/contact-store.js';
import type { DuplicateEmailMode } from './storage/duplicate-store.js';
import { IDEMPOTENCY_TTL_MS, purgeKeys } from './storage/idempotency-store.js';
import { openStorage, type StorageOption } from './storage/open-storage.js';
import type { Sql } from './storage/sql.js';
import { UpdateBatcher } from './storage/update-batcher.js';
import { demoDirectory } from './project-root.js';

export type { ServerStats } from './http/request-stats.js';
export type { StorageOption } from './storage/open-storage.js';
export type { DuplicateEmailMode } from './storage/duplicate-store.js';

/** Options of `startServer` (DESIGN.md section 2), plus two documented extras. */
export interface StartServerOptions {
  /** Default 8787; 0 picks any free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default `'memory'` (PGlite in memory); `{ dataDir }` PGlite on disk; `{ databaseUrl }` PostgreSQL. */
  storage?: StorageOption;
  /**
   * Bearer token -> tenant id. Default `{ 'dev-token': 'dev-tenant' }`, which is for local
   * demos only: anyone who knows it can read the tenant.
   */
  tokens?: Record<string, string>;
  /** Also serve the built demo (`demo/dist`) at `/`, with an SPA fallback. */
  demo?: boolean;
  /** Extra: which emails duplicate detection compares (WIX-CONTACTS.md section 10). Default `'primary'`. */
  duplicateEmailMode?: DuplicateEmailMode;
}

/** A running server. */
export interface RunningServer {
  /** e.g. `http://127.0.0.1:8787` (no trailing slash). */
  url: string;
  /** Stops listening (open keep-alive connections are closed) and closes the storage. */
  close(): Promise<void>;
  /**
   * Makes the contact a site member (test seam): its primary email can no longer change and
   * it cannot be deleted (428). Bumps its revision, like any server-side change.
   *
   * @throws ContactsError 404 `CONTACT_NOT_FOUND`
   */
  seedMember(tenantId: string, contactId: string): Promise<void>;
  /** Extra: request counts per route and status since start (for tests). */
  stats(): ServerStats;
}

const PURGE_EVERY_MS = 60 * 60 * 1000;

async function prepareStorage(sql: Sql, tenants: Iterable<string>): Promise<void> {
  for (const tenant of new Set(tenants)) await ensureTenant(sql, tenant);
  await purgeKeys(sql, new Date(Date.now() - IDEMPOTENCY_TTL_MS));
}

function urlOf(address: AddressInfo | string | null, host: string): string {
  if (address === null || typeof address === 'string') throw new Error('the server is not listening on TCP');
  const name = host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${address.port}`;
}

function contactsDeps(sql: Sql, options: StartServerOptions): ContactsDeps {
  return {
    sql, updates: new UpdateBatcher(sql), cache: new ContactCache(), labels: new LabelDirectory(), locks: new KeyLocks(),
    duplicateEmailMode: options.duplicateEmailMode ?? 'primary', now: () => new Date(), newId: randomUUID,
  };
}

/** Forgets idempotency keys past their TTL, hourly, without keeping the process alive. */
function startPurging(sql: Sql): NodeJS.Timeout {
  const timer = setInterval(() => {
    purgeKeys(sql, new Date(Date.now() - IDEMPOTENCY_TTL_MS)).catch((e: unknown) => console.error('idempotency purge failed:', e));
  }, PURGE_EVERY_MS);
  timer.unref();
  return timer;
}

async function listen(sql: Sql, options: StartServerOptions): Promise<RunningServer> {
  const tokens = tokenMap(options.tokens ?? DEFAULT_TOKENS);
  const host = options.host ?? '127.0.0.1';
  const deps = contactsDeps(sql, options);
  const stats = new RequestStats();
  await prepareStorage(sql, tokens.values());
  const demoDir = options.demo === true ? demoDirectory() : undefined;
  const app = await buildApp({ deps, tokens, stats, ...(demoDir === undefined ? {} : { demoDir }) });
  await app.listen({ port: options.port ?? 8787, host });
  const purge = startPurging(sql);
  let closing: Promise<void> | undefined;
  return {
    url: urlOf(app.server.address(), host),
    close: () => (closing ??= (async () => {
      clearInterval(purge);
      await app.close();
      await sql.close();
    })()),
    seedMember: (tenantId, contactId) => seedMember(deps, tenantId, contactId),
    stats: () => stats.snapshot(),
  };
}

/**
 * Starts the reference server.
 *
 * @example
 * ```ts
 * const server = await startServer({ port: 0, tokens: { 'token-a': 'tenant-a' } });
 * await fetch(`${server.url}/contacts/v4/contacts`, { headers: { Authorization: 'Bearer token-a' } });
 * await server.close();
 * ```
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const sql = await openStorage(options.storage ?? 'memory');
  try {
    return await listen(sql, options);
  } catch (e) {
    await sql.close();
    throw e;
  }
}
