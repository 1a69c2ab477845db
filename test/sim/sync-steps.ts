/**
 * Steps that involve the network or the engine: sync rounds (alone, in pairs, twice at
 * once, with a local write while a request is in flight), crashes mid-round, faults, the
 * offline switch, and the user resolving a conflict.
 */
import type { Conflict } from '../../src/model/conflict.js';
import { ContactsError } from '../../src/model/contacts-error.js';
import type { Fault } from '../support/faulty-fetch.js';
import { canonicalJson } from './canonical-json.js';
import { describe, pickFrom, twinCopy } from './local-steps.js';
import { Prng } from './prng.js';
import { resolveAndLog } from './resolve-and-log.js';
import { timed } from './profile.js';
import type { SimDevice } from './sim-device.js';
import type { FaultKind, SimStep } from './sim-plan.js';
import { randomPatch, tagOf } from './sim-values.js';
import type { SimWorld } from './sim-world.js';

/** Steps handled here. */
export type SyncStep = Extract<SimStep, { kind: 'network' | 'fault' | 'crash' | 'sync' | 'sync-edit' | 'sync-pair' | 'sync-twice' | 'resolve' }>;

/**
 * Why a round may fail without anything being wrong: the injected faults and the engine's
 * own "try again later" (a contact that kept changing during the round).
 */
const TRANSIENT: readonly string[] = ['NETWORK_ERROR', 'UNAVAILABLE', 'RESOURCE_EXHAUSTED', 'CONTACT_ALREADY_CHANGED'];

const envelope = (code: string): unknown => ({ message: code, details: { applicationError: { code, description: code } } });

const FAULTS: Readonly<Record<FaultKind, Fault>> = {
  'drop': { kind: 'drop' },
  'lose-response': { kind: 'lose-response' },
  '503': { kind: 'status', status: 503, body: envelope('UNAVAILABLE') },
  '429': { kind: 'status', status: 429, headers: { 'Retry-After': '1' }, body: envelope('RESOURCE_EXHAUSTED') },
  'delay': { kind: 'delay', ms: 15 },
};

/** Runs one network or engine step. */
export async function runSyncStep(world: SimWorld, step: SyncStep): Promise<void> {
  const d = world.device(step.device);
  switch (step.kind) {
    case 'network':
      d.faults.offline = !step.online;
      return;
    case 'fault':
      d.faults.inject(FAULTS[step.fault]);
      return;
    case 'sync':
      await syncRound(world, d, step.id);
      break;
    case 'sync-twice':
      await Promise.all([syncRound(world, d, step.id), syncRound(world, d, step.id)]);
      break;
    case 'sync-pair': {
      const other = world.device(step.other);
      await Promise.all([syncRound(world, d, step.id), other === d ? undefined : syncRound(world, other, step.id)]);
      if (other !== d) await world.snapshot(other, step.id);
      break;
    }
    case 'sync-edit':
      await syncWithEdit(world, d, step.id, new Prng(step.r));
      break;
    case 'crash':
      await crashMidRound(world, d, step);
      break;
    case 'resolve':
      await resolveOne(world, d, step.id, new Prng(step.r));
      break;
  }
  await world.snapshot(d, step.id);
}

/** One `syncNow()`; transient failures are fine, anything else is an engine error. */
export async function syncRound(world: SimWorld, d: SimDevice, step: number): Promise<boolean> {
  world.counters.syncs++;
  try {
    await timed('syncNow', () => d.client.sync.syncNow());
    return true;
  } catch (e) {
    world.counters.syncFailures++;
    if (!(e instanceof ContactsError && TRANSIENT.includes(e.code))) world.violate('engine-error', `${d.actor} syncNow: ${describe(e)}`, step);
    return false;
  }
}

/** A round whose first request waits while the user writes on the same device. */
async function syncWithEdit(world: SimWorld, d: SimDevice, step: number, prng: Prng): Promise<void> {
  const held = d.net.holdNext();
  const round = syncRound(world, d, step);
  const first = await Promise.race([held.arrived, round.then(() => undefined)]);
  if (first !== undefined) {
    try {
      await editDuringRound(world, d, step, prng, first);
    } finally {
      held.release();
    }
  }
  await round;
}

async function editDuringRound(world: SimWorld, d: SimDevice, step: number, prng: Prng, request: string): Promise<void> {
  const contacts = await world.contactsOf(d);
  // Usually the contact whose request is in flight, when the path names one.
  const inFlight = contacts.find((c) => request.includes(`/contacts/${c._id}`));
  // One read: the twin check below must see the list the target came from.
  const target = inFlight !== undefined && prng.chance(0.7) ? inFlight : pickFrom(contacts, prng);
  if (target === undefined) return;
  try {
    const { contact } = await d.client.updateContact(target._id, randomPatch(prng, step, target.info), target.revision);
    world.wrote(d, step, contact);
    world.edits.changed(d.actor, step, tagOf(target.info) ?? '', target.info, contact.info, undefined, twinCopy(contacts, target));
  } catch (e) {
    // The engine may commit to the contact between the read and the write (other contacts'
    // pushes go on while one request is held): a stale revision is then refused, rightly.
    if (e instanceof ContactsError && ['DUPLICATE_CONTACT_EXISTS', 'CANNOT_UPDATE_MEMBER_EMAIL', 'CONTACT_ALREADY_CHANGED'].includes(e.code)) return;
    world.violate('local-api', `${d.actor} update during a round: ${describe(e)}`, step);
  }
}

/** A round that kills the device at its `at`-th request (or right after, if it makes fewer). */
async function crashMidRound(world: SimWorld, d: SimDevice, step: Extract<SimStep, { kind: 'crash' }>): Promise<void> {
  world.counters.crashes++;
  const crashed = d.net.crashAt(step.at, step.sent);
  // The dead client's round never settles; only its end before the crash point is awaited.
  const round = d.client.sync.syncNow().then(() => undefined, () => undefined);
  await Promise.race([crashed, round]);
  await d.crash();
}

/** The user picks one open conflict and a side. */
async function resolveOne(world: SimWorld, d: SimDevice, step: number, prng: Prng): Promise<void> {
  const open = stableOrder(await d.client.listConflicts());
  world.recordConflicts(open);
  if (open.length === 0) return;
  const conflict = prng.pick(open);
  try {
    await resolveAndLog(world, d, conflict, prng.chance(0.5) ? 'local' : 'remote', step);
  } catch (e) {
    world.violate('local-api', `${d.actor} resolveConflict(${conflict.kind}): ${describe(e)}`, step);
  }
}

/** Conflicts in an order that does not depend on random ids. */
export function stableOrder(conflicts: readonly Conflict[]): Conflict[] {
  const key = (c: Conflict): string => `${c.createdAt.getTime()} ${c.kind} ${c.path ?? ''} ${canonicalJson(c.local)}`;
  return [...conflicts].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
