/**
 * One simulated device: its own browser profile (a fake-indexeddb factory), a client that
 * syncs inline and paused (only the simulation's `syncNow()` calls talk to the server), and
 * its network: crash gate -> fault injection -> wire log -> server.
 *
 * A crash is emulated as a browser kills a tab (see README.md "Crashes"): the client's
 * network dies (answers in flight are lost, nothing new leaves), its transactions are fenced
 * (the leadership epoch moves on, so anything it still tries to commit aborts), its
 * Web Lock is released, its timers stop and its database connections close; then a new
 * client opens the same profile.
 */
import { Dexie } from '../../src/store/dexie.js';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openContacts } from '../../src/client/open-contacts.js';
import type { ContactsClient } from '../../src/client/types.js';
import type { ConflictPolicy } from '../../src/merge/merge3.js';
import { locksForFactory } from '../../src/platform/locks.js';
import { ContactsDb, type OutboxEntry } from '../../src/store/schema.js';
import { takeLeadership } from '../../worker/fence.js';
import { FaultyFetch } from '../support/faulty-fetch.js';
import { Incarnation } from './incarnation.js';
import type { WireLog } from './wire-log.js';

/**
 * The database name of a device in a run. Each device has its own factory already; distinct
 * names (per device and per run) keep Dexie from waking every device's live queries on every
 * other device's writes: it broadcasts changes by database name within one JavaScript realm.
 */
export const simDbName = (token: string, actor: string): string => `contacts-${token}-${actor}`;

/** Dexie's list of open connections of this realm (a static it does not declare in its types). */
const openConnections = (): readonly Dexie[] => (Dexie as unknown as { connections: readonly Dexie[] }).connections;

/** Where a device syncs to. */
export interface DeviceTarget {
  readonly url: string;
  readonly token: string;
  readonly wire: WireLog;
  /** Default true: only explicit `syncNow()` calls sync. False: the engine syncs by itself (load tests). */
  readonly paused?: boolean;
}

/** A device of the simulation. */
export class SimDevice {
  readonly factory = new IDBFactory();
  readonly actor: string;
  /** Faults and the offline switch; replaced wholesale when the world heals. */
  faults: FaultyFetch;
  private life: Incarnation;
  private current: ContactsClient | undefined;
  private readonly dbName: string;

  private constructor(readonly index: number, readonly policy: ConflictPolicy, private readonly target: DeviceTarget) {
    this.actor = `d${index}`;
    this.dbName = simDbName(target.token, this.actor);
    this.faults = new FaultyFetch(target.wire.fetchFor(this.actor));
    this.life = this.newLife();
  }

  /** Opens device `index`. */
  static async open(index: number, policy: ConflictPolicy, target: DeviceTarget): Promise<SimDevice> {
    const device = new SimDevice(index, policy, target);
    await device.openClient();
    return device;
  }

  /** The client of the current life. */
  get client(): ContactsClient {
    if (this.current === undefined) throw new Error(`${this.actor} has no open client`);
    return this.current;
  }

  /** The network of the current life (crash and hold plans). */
  get net(): Incarnation {
    return this.life;
  }

  /** Drops every queued fault and goes online. */
  heal(): void {
    this.faults = new FaultyFetch(this.target.wire.fetchFor(this.actor));
  }

  /**
   * Crashes the current client and opens a new one on the same profile. Requests the dead
   * client had sent are answered by the server (and lost) before this returns.
   */
  async crash(): Promise<void> {
    const zombie = this.current;
    const life = this.life;
    life.kill();
    await life.settled();
    await this.releaseLeadership();
    // Its timers and subscriptions stop (close() does that first; the rest of close() waits
    // for the abandoned round forever, which is fine: nobody awaits it).
    if (zombie !== undefined) void zombie.close().catch(() => undefined);
    // The browser closes a dead tab's database connections: its page's and its engine's.
    for (const db of openConnections()) if (db.name === this.dbName) db.close();
    this.current = undefined;
    this.life = this.newLife();
    await this.openClient();
  }

  /** The rows waiting in the outbox, read through a connection of its own. */
  async outbox(): Promise<OutboxEntry[]> {
    const db = new ContactsDb(this.dbName, { indexedDB: this.factory, IDBKeyRange });
    try {
      await db.open();
      return await db.outbox.toArray();
    } finally {
      db.close();
    }
  }

  /** Closes the client for good (end of the run). */
  async close(): Promise<void> {
    const client = this.current;
    this.current = undefined;
    this.life.kill();
    await client?.close();
  }

  private newLife(): Incarnation {
    return new Incarnation(() => this.faults.fetch);
  }

  private async openClient(): Promise<void> {
    const life = this.life;
    const client = await openContacts({
      name: this.dbName, indexedDB: this.factory, IDBKeyRange, sync: 'inline', conflictPolicy: this.policy,
      remote: { baseUrl: this.target.url, auth: () => ({ Authorization: `Bearer ${this.target.token}` }), fetch: life.fetch },
    });
    if (this.target.paused !== false) client.sync.pause();
    this.current = client;
  }

  /**
   * What the browser does for a dead tab: its transactions are aborted (here: the epoch
   * moves on, so the dead engine's commits fail their fence check) and its Web Locks are
   * released (here: the in-process lock of this profile is stolen and let go at once).
   */
  private async releaseLeadership(): Promise<void> {
    const db = new ContactsDb(this.dbName, { indexedDB: this.factory, IDBKeyRange });
    try {
      await db.open();
      await takeLeadership(db);
      const deviceId = (await db.meta.get('deviceId'))?.value;
      if (typeof deviceId !== 'string') throw new Error(`${this.actor}: no device id`);
      await locksForFactory(this.factory).request(`offline-contacts:sync:${deviceId}`, { steal: true }, () => Promise.resolve());
    } finally {
      db.close();
    }
  }
}
