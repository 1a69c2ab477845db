/**
 * No lost edit: every accepted edit is in the server state at the end, or was superseded,
 * or is recorded in a conflict (see README.md "No lost edit" for why each rule is what the
 * engine promises). Contacts are matched by tag, so re-keys and re-creations do not matter.
 *
 * - set v on a field: the server shows v there, or a later accepted edit set that field,
 *   or v is in a conflict, or the contact was deleted (for good, or by a later delete);
 * - add v to a set (emails, phones, labels): the server has v there, or v was removed by
 *   anyone (a removal wins), or v is in a conflict, or the contact was deleted;
 * - remove v: the server lacks v there, or v was added again (by someone else, or later, or
 *   on the other of two copies the device showed), or v is in a conflict;
 * - create: the server has the tag, or the contact was deleted, or the tag is in a conflict;
 * - delete: the server no longer has that id, or the id is in a conflict (a refusal).
 * Nothing vanished: a contact the server answered for once and lacks at the end was
 * deleted by a DELETE that the server answered 2xx.
 */
import type { Contact } from '../../src/model/contact.js';
import type { AcceptedEdit } from './edit-log.js';
import { itemsAt, scalarsOf } from './edit-log.js';
import { tagOf } from './sim-values.js';
import type { SimWorld } from './sim-world.js';
import { contactsShown, deletedIdOf } from './wire-log.js';

interface Facts {
  readonly byTag: ReadonlyMap<string, readonly Contact[]>;
  readonly serverIds: ReadonlySet<string>;
  readonly deletedTags: ReadonlySet<string>;
  readonly conflictText: string;
  readonly edits: readonly AcceptedEdit[];
}

/** Checks every accepted edit, then that no contact vanished. */
export function checkLostEdits(world: SimWorld, server: readonly Contact[]): void {
  const facts = gather(world, server);
  for (const e of world.edits.edits) {
    if (!(e.kind === 'set' && e.value === '') && !kept(facts, e)) {
      world.violate('no-lost-edit', `${e.actor}'s ${e.kind} of ${JSON.stringify(e.value)} at ${e.path} on ${e.tag} (step ${e.step}) is nowhere`, e.step);
    }
  }
  checkNothingVanished(world, facts);
}

function gather(world: SimWorld, server: readonly Contact[]): Facts {
  const byTag = new Map<string, Contact[]>();
  for (const c of server) {
    const tag = tagOf(c.info) ?? '';
    byTag.set(tag, [...(byTag.get(tag) ?? []), c]);
  }
  const tagById = new Map<string, string>();
  for (const e of world.wire.entries) for (const c of contactsShown(e)) tagById.set(c._id, tagOf(c.info) ?? '');
  const serverIds = new Set(server.map((c) => c._id));
  const deletedTags = new Set<string>();
  for (const e of world.wire.entries) {
    const id = deletedIdOf(e);
    if (id !== undefined && e.status >= 200 && e.status < 300) deletedTags.add(tagById.get(id) ?? '');
  }
  // A local delete that took effect (the id is gone), e.g. of a contact never pushed.
  for (const e of world.edits.edits) if (e.kind === 'delete' && !serverIds.has(e.value)) deletedTags.add(e.tag);
  return {
    byTag, deletedTags, serverIds, edits: world.edits.edits,
    conflictText: [...world.conflicts.values()].join('\n'),
  };
}

const mentioned = (f: Facts, value: string): boolean => f.conflictText.includes(JSON.stringify(value));

function kept(f: Facts, e: AcceptedEdit): boolean {
  const onServer = f.byTag.get(e.tag) ?? [];
  // Deleted for good by anyone (a delete wins over any concurrent edit), or deleted later by
  // someone who had seen the edit (even if the server then refused the delete: the later
  // intent was to remove everything, and the refusal is a recorded conflict).
  const deleted = f.deletedTags.has(e.tag) || f.edits.some((o) => o.tag === e.tag && o.kind === 'delete' && o.step > e.step);
  switch (e.kind) {
    case 'create': return onServer.length > 0 || deleted || mentioned(f, e.tag);
    case 'delete': return !f.serverIds.has(e.value) || mentioned(f, e.value);
    case 'set':
      return onServer.some((c) => scalarsOf(c.info).get(e.path) === e.value) || deleted || mentioned(f, e.value)
        || f.edits.some((o) => o.tag === e.tag && o.kind === 'set' && o.path === e.path && o.step > e.step);
    case 'add':
      return onServer.some((c) => itemsAt(c.info, setPath(e)).includes(e.value)) || deleted || mentioned(f, e.value)
        || f.edits.some((o) => o.tag === e.tag && o.kind === 'remove' && o.path === e.path && o.value === e.value);
    case 'remove':
      return onServer.every((c) => !itemsAt(c.info, setPath(e)).includes(e.value)) || mentioned(f, e.value)
        || f.edits.some((o) => o.tag === e.tag && o.kind === 'add' && o.path === e.path && o.value === e.value
          && (o.actor !== e.actor || o.step > e.step || onOtherCopy(o, e)));
  }
}

/**
 * Made on two copies of one contact that the device showed side by side. Each copy's net
 * change is merged when they are joined (worker/join-pulled-copy.ts), so an add on one copy
 * is not undone by a later removal on the other: labelled on copy B, then labelled and
 * unlabelled on copy A, the contact keeps the label (soak seed 1700470).
 */
const onOtherCopy = (o: AcceptedEdit, e: AcceptedEdit): boolean => o.copy !== undefined && e.copy !== undefined && o.copy !== e.copy;

const setPath = (e: AcceptedEdit): 'emails' | 'phones' | 'labels' => e.path as 'emails' | 'phones' | 'labels';

function checkNothingVanished(world: SimWorld, f: Facts): void {
  const deletedIds = new Set<string>();
  const everSeen = new Map<string, string>();
  for (const e of world.wire.entries) {
    const id = deletedIdOf(e);
    if (id !== undefined && e.status >= 200 && e.status < 300) deletedIds.add(id);
    for (const c of contactsShown(e)) everSeen.set(c._id, tagOf(c.info) ?? '');
  }
  for (const [id, tag] of everSeen) {
    if (!f.serverIds.has(id) && !deletedIds.has(id)) world.violate('no-lost-edit', `contact ${id} (${tag}) vanished from the server without a DELETE`);
  }
}
