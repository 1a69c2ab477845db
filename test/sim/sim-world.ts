/**
 * Everything one simulation run has: the server tenant, the devices, the other app, and
 * what the end-of-run checks read (the wire log, the accepted edits, every conflict any
 * device ever showed, the revisions each device showed).
 */
import type { Contact } from '../../src/model/contact.js';
import type { Conflict } from '../../src/model/conflict.js';
import { contactFromWire } from '../../src/model/wire.js';
import type { ContactsRemote } from '../../src/remote/contacts-remote.js';
import { createHttpRemote } from '../../src/remote/http-remote.js';
import { canonicalJson } from './canonical-json.js';
import { EditLog } from './edit-log.js';
import { RevisionTracker } from './revision-tracker.js';
import { timed } from './profile.js';
import { SimDevice } from './sim-device.js';
import type { SimPlan } from './sim-plan.js';
import { tagOf } from './sim-values.js';
import { WireLog } from './wire-log.js';

/** The invariants, by the names failures are reported under. */
export type InvariantName =
  | 'convergence' | 'no-lost-edit' | 'exactly-once' | 'liveness' | 'monotonic-revisions'
  | 'local-api' | 'server-api' | 'engine-error';

/** One broken invariant. */
export interface Violation {
  readonly invariant: InvariantName;
  readonly message: string;
  /** The step it was seen at (end-of-run checks have none). */
  readonly step?: number;
}

/** A fresh tenant on a running server. */
export interface SimTenant {
  readonly url: string;
  readonly token: string;
  readonly tenantId: string;
  seedMember(tenantId: string, contactId: string): Promise<void>;
}

/** Counters reported per run. */
export interface SimCounters {
  syncs: number;
  syncFailures: number;
  crashes: number;
  localRefusals: number;
  resolved: number;
  healPasses: number;
}

/** Counters of a run that has not started. */
export function emptyCounters(): SimCounters {
  return { syncs: 0, syncFailures: 0, crashes: 0, localRefusals: 0, resolved: 0, healPasses: 0 };
}

/** The state of one run. */
export class SimWorld {
  readonly wire: WireLog;
  readonly edits = new EditLog();
  readonly violations: Violation[] = [];
  /** Every conflict any device showed, by id: canonical JSON. */
  readonly conflicts = new Map<string, string>();
  /** Revisions seen right after `seedMember` (a change no request of ours made). */
  readonly memberRevisions = new Map<string, number[]>();
  readonly counters: SimCounters = emptyCounters();
  readonly app: ContactsRemote;
  readonly devices: SimDevice[] = [];
  private readonly trackers: RevisionTracker[] = [];

  /**
   * @param paused true: engines sync only in explicit steps (the simulation); false: they
   * sync by themselves, concurrently with local writes (load runs).
   */
  private constructor(readonly tenant: SimTenant, readonly plan: SimPlan, readonly paused: boolean) {
    this.wire = new WireLog(paused);
    this.app = createHttpRemote({ baseUrl: tenant.url, auth: () => ({ Authorization: `Bearer ${tenant.token}` }), fetch: this.wire.fetchFor('app') });
  }

  /**
   * Opens the devices of `plan` against `tenant`. `paused: false` (load runs) lets engines
   * sync by themselves and keeps no bodies of read answers in the wire log.
   */
  static async open(tenant: SimTenant, plan: SimPlan, paused = true): Promise<SimWorld> {
    const world = new SimWorld(tenant, plan, paused);
    for (const [i, policy] of plan.policies.entries()) {
      world.devices.push(await SimDevice.open(i, policy, { url: tenant.url, token: tenant.token, wire: world.wire, paused }));
      world.trackers.push(new RevisionTracker());
    }
    return world;
  }

  /** Device `index` (plans never name a device that does not exist). */
  device(index: number): SimDevice {
    const d = this.devices[index];
    if (d === undefined) throw new Error(`no device ${index}`);
    return d;
  }

  /** Records a broken invariant. */
  violate(invariant: InvariantName, message: string, step?: number): void {
    this.violations.push(step === undefined ? { invariant, message } : { invariant, message, step });
  }

  /** A device's contacts, in tag order (the order steps pick from). */
  async contactsOf(d: SimDevice): Promise<Contact[]> {
    const { items } = await timed('contactsOf', () => d.client.queryContacts().limit(1000).find());
    return sortByTag(items);
  }

  /** The server's contacts, in tag order, read as the other app (logged like any answer). */
  async serverContacts(): Promise<Contact[]> {
    const response = await this.wire.fetchFor('check')(`${this.tenant.url}/contacts/v4/contacts/query`, {
      method: 'POST',
      headers: { 'Authorization': `Bearer ${this.tenant.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: { paging: { limit: 1000 } } }),
    });
    const body = await response.json() as { contacts?: unknown[] };
    return sortByTag((body.contacts ?? []).map((w) => contactFromWire(w)));
  }

  /** A contact written by a local call: its revision must have gone up from what the device showed. */
  wrote(d: SimDevice, step: number, contact: Contact): void {
    for (const p of this.tracker(d).wrote(step, contact)) this.violate('monotonic-revisions', `${d.actor}: ${p}`, step);
  }

  /** A contact deleted by a local call. */
  deletedLocally(d: SimDevice, id: string): void {
    this.tracker(d).deleted(id);
  }

  /** Reads a device's whole state after a step that may have changed it behind the API. */
  async snapshot(d: SimDevice, step: number): Promise<void> {
    return timed('snapshot', () => this.takeSnapshot(d, step));
  }

  private async takeSnapshot(d: SimDevice, step: number): Promise<void> {
    const contacts = await this.contactsOf(d);
    const tracker = this.tracker(d);
    const renamed = new Map<string, Contact>();
    for (const id of tracker.missingFrom(contacts)) {
      const now = await d.client.getContact(id).catch(() => undefined);
      if (now !== undefined && now._id !== id) renamed.set(id, now);
    }
    for (const p of tracker.observe(step, contacts, renamed)) this.violate('monotonic-revisions', `${d.actor}: ${p}`, step);
    this.recordConflicts(await d.client.listConflicts());
  }

  /** Keeps every conflict shown, even after it is resolved. */
  recordConflicts(conflicts: readonly Conflict[]): void {
    for (const c of conflicts) this.conflicts.set(c.id, canonicalJson(c));
  }

  /** Closes every device. */
  async close(): Promise<void> {
    await Promise.allSettled(this.devices.map((d) => d.close()));
  }

  private tracker(d: SimDevice): RevisionTracker {
    return this.trackers[d.index]!;
  }
}

/** Contacts by tag, then id. */
export function sortByTag(contacts: readonly Contact[]): Contact[] {
  const key = (c: Contact): string => tagOf(c.info) ?? '';
  return [...contacts].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
}
