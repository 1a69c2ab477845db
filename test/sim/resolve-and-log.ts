/**
 * Resolving a conflict as the user would, and logging what it changed as an accepted edit
 * of that user: "keep mine" on an old field conflict writes the old value again, later
 * than (and over) whatever the server has since; "take theirs" on a delete removes the
 * local copy. The no-lost-edit check must see those choices like any other edit.
 */
import type { Contact } from '../../src/model/contact.js';
import type { Conflict } from '../../src/model/conflict.js';
import { ContactsError } from '../../src/model/contacts-error.js';
import type { SimDevice } from './sim-device.js';
import type { SimWorld } from './sim-world.js';

async function current(d: SimDevice, id: string): Promise<Contact | undefined> {
  try {
    return await d.client.getContact(id);
  } catch (e) {
    if (e instanceof ContactsError && e.code === 'CONTACT_NOT_FOUND') return undefined;
    throw e;
  }
}

/**
 * Resolves `conflict` with `choice` on `d`, as step `step`. A conflict already gone (settled
 * by resolving another one of the same contact) is skipped.
 *
 * @throws ContactsError from the client (anything but `CONFLICT_NOT_FOUND`).
 */
export async function resolveAndLog(world: SimWorld, d: SimDevice, conflict: Conflict, choice: 'local' | 'remote', step: number): Promise<void> {
  const before = await current(d, conflict.contactId);
  try {
    await d.client.resolveConflict(conflict.id, choice);
  } catch (e) {
    if (e instanceof ContactsError && e.code === 'CONFLICT_NOT_FOUND') return;
    throw e;
  }
  world.counters.resolved++;
  const after = await current(d, conflict.contactId);
  if (after !== undefined) world.wrote(d, step, after);
  if (before !== undefined && after !== undefined) world.edits.changed(d.actor, step, before.info.name?.last ?? '', before.info, after.info);
  else if (before !== undefined) world.edits.deleted(d.actor, step, before);
  else if (after !== undefined) world.edits.created(d.actor, step, after.info);
}
