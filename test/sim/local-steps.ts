/**
 * Local writes on a device, as an app would make them: read the contact, write with the
 * revision read (sometimes a stale one), and check the answer the local API promises.
 * Accepted writes go to the edit log.
 */
import type { Contact } from '../../src/model/contact.js';
import { ContactsError } from '../../src/model/contacts-error.js';
import { scopeOfPatch } from './edit-log.js';
import { Prng } from './prng.js';
import type { SimDevice } from './sim-device.js';
import type { SimStep } from './sim-plan.js';
import { BAD_LABEL, LABEL_POOL, newInfo, randomPatch, tagOf } from './sim-values.js';
import type { SimWorld } from './sim-world.js';

/** The local-write steps. */
export type LocalStep = Extract<SimStep, { kind: 'create' | 'update' | 'delete' | 'label' | 'unlabel' }>;

/** Refusals the local API may answer to a well-formed write, by operation. */
const EXPECTED: Readonly<Record<LocalStep['kind'], readonly string[]>> = {
  create: ['DUPLICATE_CONTACT_EXISTS'],
  update: ['DUPLICATE_CONTACT_EXISTS', 'CANNOT_UPDATE_MEMBER_EMAIL'],
  delete: ['CANNOT_DELETE_MEMBER'],
  label: [],
  unlabel: [],
};

/** How a step chooses the contact it writes to. */
export type ContactPicker = (world: SimWorld, d: SimDevice, prng: Prng) => Promise<Contact | undefined>;

/**
 * Runs one local write on its device; `pick` chooses the target (default: any of the
 * device's contacts, and then the edit log knows when the device showed two copies of it).
 */
export async function runLocalStep(world: SimWorld, step: LocalStep, pick?: ContactPicker): Promise<void> {
  const d = world.device(step.device);
  const prng = new Prng(step.r);
  try {
    await write(world, d, step, prng, pick);
  } catch (e) {
    // With engines syncing by themselves, the contact may go away between the read and the write.
    const raced = !world.paused && e instanceof ContactsError && e.code === 'CONTACT_NOT_FOUND';
    if (raced || (e instanceof ContactsError && EXPECTED[step.kind].includes(e.code))) {
      world.counters.localRefusals++;
      return;
    }
    world.violate('local-api', `${d.actor} ${step.kind}: ${describe(e)}`, step.id);
  }
}

async function write(world: SimWorld, d: SimDevice, step: LocalStep, prng: Prng, pick: ContactPicker | undefined): Promise<void> {
  if (step.kind === 'create') {
    const info = newInfo(prng, step.id, `T${step.id}`);
    const options = prng.chance(0.1) ? { allowDuplicates: true } : {};
    // Some creates go through an import (its batch row, split by the engine before a push).
    const contact = prng.chance(0.3)
      ? (await d.client.importContacts([info], options)).contacts[0]!
      : (await d.client.createContact(info, options)).contact;
    if (contact.revision !== 1) world.violate('monotonic-revisions', `${d.actor}: a new contact has revision ${contact.revision}`, step.id);
    world.wrote(d, step.id, contact);
    world.edits.created(d.actor, step.id, contact.info);
    return;
  }
  let target: Contact | undefined;
  let copy: string | undefined;
  if (pick === undefined) {
    const contacts = await world.contactsOf(d);
    target = pickFrom(contacts, prng);
    copy = target === undefined ? undefined : twinCopy(contacts, target);
  } else {
    target = await pick(world, d, prng);
  }
  if (target === undefined) return;
  const tag = tagOf(target.info) ?? '';
  switch (step.kind) {
    case 'update': return update(world, d, step, prng, target, copy);
    case 'delete':
      await d.client.deleteContact(target._id);
      world.deletedLocally(d, target._id);
      world.edits.deleted(d.actor, step.id, target);
      return;
    case 'label': {
      const keys = prng.chance(0.04) ? [BAD_LABEL] : [prng.pick(LABEL_POOL)];
      const { contact } = await d.client.labelContact(target._id, keys);
      world.wrote(d, step.id, contact);
      world.edits.changed(d.actor, step.id, tag, target.info, contact.info, world.paused ? undefined : { paths: new Set(['labels']), labels: new Set(keys) }, copy);
      return;
    }
    case 'unlabel': {
      const present = target.info.labelKeys?.items ?? [];
      if (present.length === 0) return;
      const removed = prng.pick(present);
      const { contact } = await d.client.unlabelContact(target._id, [removed]);
      world.wrote(d, step.id, contact);
      world.edits.changed(d.actor, step.id, tag, target.info, contact.info, world.paused ? undefined : { paths: new Set(['labels']), labels: new Set([removed]) }, copy);
      return;
    }
  }
}

async function update(
  world: SimWorld, d: SimDevice, step: Extract<LocalStep, { kind: 'update' }>, prng: Prng, target: Contact, copy: string | undefined,
): Promise<void> {
  const patch = randomPatch(prng, step.id, target.info);
  // A stale revision: one the app read earlier, or (for a new contact) one that never existed.
  const revision = !step.stale ? target.revision : target.revision > 1 ? target.revision - 1 : target.revision + 1;
  let contact: Contact;
  try {
    ({ contact } = await d.client.updateContact(target._id, patch, revision, prng.chance(0.1) ? { allowDuplicates: true } : {}));
  } catch (e) {
    if (e instanceof ContactsError && e.code === 'CONTACT_ALREADY_CHANGED') {
      // Only a paused world guarantees nothing changed the contact between the read and the write.
      if (!step.stale && world.paused) world.violate('local-api', `${d.actor}: update with the current revision ${revision} refused`, step.id);
      return;
    }
    throw e;
  }
  // Unpaused (load runs), the "never existed" revision (read + 1) may have become the current
  // one by a pull between the read and the write: then accepting it is right. An older
  // revision can never become current again.
  if (step.stale && (world.paused || revision < target.revision)) world.violate('local-api', `${d.actor}: update with stale revision ${revision} (current ${target.revision}) accepted`, step.id);
  world.wrote(d, step.id, contact);
  world.edits.changed(d.actor, step.id, tagOf(target.info) ?? '', target.info, contact.info, world.paused ? undefined : scopeOfPatch(patch), copy);
}

/** One of `contacts` (a device's, as read), chosen by the step's own randomness. */
export function pickFrom(contacts: readonly Contact[], prng: Prng): Contact | undefined {
  return contacts.length === 0 ? undefined : prng.pick(contacts);
}

/**
 * `target`'s id when the device shows another contact with the same tag: two copies of one
 * contact (a create whose answer was lost, and a pull that brought the server's copy before
 * the replay learnt the id). The edit log then keeps which copy an edit was made on.
 */
export function twinCopy(contacts: readonly Contact[], target: Contact): string | undefined {
  const tag = tagOf(target.info);
  return contacts.some((c) => c._id !== target._id && tagOf(c.info) === tag) ? target._id : undefined;
}

/** An error as one line. */
export function describe(e: unknown): string {
  if (e instanceof ContactsError) return `${e.code} (${e.status}): ${e.message}`;
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
