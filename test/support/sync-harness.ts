/**
 * Devices and a real server for sync tests: each device is its own fake-indexeddb factory
 * (its own browser profile) with a client syncing inline through a `FaultyFetch`; the server
 * is `startServer` on PGlite in memory, on 127.0.0.1, port 0.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { expect } from 'vitest';
import { openContacts } from '../../src/client/open-contacts.js';
import type { ContactsClient } from '../../src/client/types.js';
import type { ConflictPolicy } from '../../src/merge/merge3.js';
import type { Contact, ContactInfo } from '../../src/model/contact.js';
import { contactFromWire } from '../../src/model/wire.js';
import type { ContactsRemote } from '../../src/remote/contacts-remote.js';
import { createHttpRemote } from '../../src/remote/http-remote.js';
import { startServer, type RunningServer } from '../../server/index.js';
import { FaultyFetch } from './faulty-fetch.js';

/** The tenants and tokens every sync test server knows: `token-a`/`token-b` and `token-1`..`token-200`. */
export const TOKENS: Readonly<Record<string, string>> = {
  'token-a': 'tenant-a', 'token-b': 'tenant-b',
  ...Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`token-${i + 1}`, `tenant-${i + 1}`])),
};

let nextTenant = 0;

/** A token of a tenant no other test in this process has used: an empty server, cheaply. */
export function freshToken(): string {
  nextTenant += 1;
  if (nextTenant > 200) throw new Error('out of test tenants');
  return `token-${nextTenant}`;
}

/** Starts a server for one test file. */
export function startTestServer(): Promise<RunningServer> {
  return startServer({ port: 0, host: '127.0.0.1', storage: 'memory', tokens: { ...TOKENS } });
}

/** One device: a profile (factory), its client, its network. */
export interface Device {
  readonly client: ContactsClient;
  readonly net: FaultyFetch;
  readonly factory: IDBFactory;
  /** Headers the device's `auth()` returns; tests change them to simulate a new login. */
  auth: Record<string, string>;
  /** Opens the same profile again (after a crash or close). */
  reopen(): Promise<ContactsClient>;
}

/** Options of a device. */
export interface DeviceOptions {
  readonly policy?: ConflictPolicy;
  readonly token?: string;
  readonly name?: string;
  /** Start with sync paused, so that only the test's `syncNow()` calls talk to the server. */
  readonly paused?: boolean;
}

/** Opens a device against `server`. Close it with `device.client.close()`. */
export async function openDevice(server: RunningServer, options: DeviceOptions = {}): Promise<Device> {
  const factory = new IDBFactory();
  const net = new FaultyFetch();
  const open = (): Promise<ContactsClient> => openContacts({
    name: options.name ?? 'contacts',
    indexedDB: factory, IDBKeyRange,
    sync: 'inline',
    conflictPolicy: options.policy ?? 'local',
    remote: { baseUrl: server.url, auth: () => device.auth, fetch: net.fetch },
  });
  const device: Device = {
    client: undefined as unknown as ContactsClient,
    net, factory,
    auth: { Authorization: `Bearer ${options.token ?? 'token-a'}` },
    reopen: async () => {
      const client = await open();
      if (options.paused === true) client.sync.pause();
      (device as { client: ContactsClient }).client = client;
      return client;
    },
  };
  await device.reopen();
  return device;
}

/** A direct client of the server (another app editing the same contacts). */
export function serverApi(server: RunningServer, token = 'token-a'): ContactsRemote {
  return createHttpRemote({ baseUrl: server.url, auth: () => ({ Authorization: `Bearer ${token}` }) });
}

/** Every contact the server has for `token`'s tenant, by id. */
export async function serverContacts(server: RunningServer, token = 'token-a'): Promise<Map<string, Contact>> {
  const res = await fetch(`${server.url}/contacts/v4/contacts/query`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: { paging: { limit: 1000 } } }),
  });
  const body = await res.json() as { contacts: unknown[] };
  return new Map(body.contacts.map((w) => contactFromWire(w)).map((c) => [c._id, c]));
}

/** Every contact a device holds, by id. */
export async function localContacts(client: ContactsClient): Promise<Map<string, Contact>> {
  const result = await client.queryContacts().limit(1000).find();
  return new Map(result.items.map((c) => [c._id, c]));
}

/** The pending count a device reports. */
export function pendingOf(client: ContactsClient): Promise<number> {
  return new Promise((resolve) => {
    const sub = client.sync.status$.subscribe((s) => {
      resolve(s.pending);
      queueMicrotask(() => sub.unsubscribe());
    });
  });
}

/** Waits until `predicate` holds (polling), or fails after `ms`. */
export async function eventually(predicate: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Asserts each device holds exactly the server's contacts, with the same info, and nothing pending. */
export async function expectConverged(server: RunningServer, devices: readonly Device[], token = 'token-a'): Promise<void> {
  const remote = await serverContacts(server, token);
  for (const d of devices) {
    const local = await localContacts(d.client);
    expect([...local.keys()].sort()).toEqual([...remote.keys()].sort());
    for (const [id, c] of remote) expect(local.get(id)?.info, `contact ${id}`).toEqual(c.info);
    await eventually(async () => (await pendingOf(d.client)) === 0);
  }
}

/** A small valid info. */
export function person(first: string, extra: ContactInfo = {}): ContactInfo {
  return { name: { first, last: 'Tester' }, ...extra };
}
