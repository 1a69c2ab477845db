/** Building and storing conflict rows inside engine transactions. */
import type { MergeConflict } from '../src/merge/merge3.js';
import type { Conflict, ConflictKind } from '../src/model/conflict.js';
import { deepEqual } from '../src/model/plain-object.js';
import type { ContactsDb } from '../src/store/schema.js';
import type { EngineDeps } from './engine-deps.js';

/** The fields of a conflict besides its id, contact and time. */
export type ConflictFields = Omit<Conflict, 'id' | 'contactId' | 'createdAt' | 'kind'>;

/** A new conflict row. */
export function conflictRow(deps: Pick<EngineDeps, 'makeId' | 'now'>, contactId: string, kind: ConflictKind, fields: ConflictFields): Conflict {
  return { id: deps.makeId(), contactId, kind, createdAt: new Date(deps.now()), ...fields };
}

/** Conflict rows of a merge's field conflicts. */
export function fieldConflictRows(deps: Pick<EngineDeps, 'makeId' | 'now'>, contactId: string, conflicts: readonly MergeConflict[]): Conflict[] {
  return conflicts.map((c) => conflictRow(deps, contactId, 'field', {
    path: c.path, base: c.base, local: c.local, remote: c.remote, chosen: c.chosen,
  }));
}

/**
 * Stores conflicts, replacing an open one of the same contact, kind and path (a field that
 * conflicts again keeps only its newest decision; the older one was overtaken), unless the
 * older is a field conflict whose lost value the newer one does not name. That value would
 * then be recorded nowhere: the join of two copies of a new contact records the losing
 * copy's edit, which was never sent, and a rebase right after conflicts on the same field
 * with other values (soak seed 300324). Call inside a transaction over `conflicts`.
 */
export async function storeConflicts(db: ContactsDb, rows: readonly Conflict[]): Promise<void> {
  if (rows.length === 0) return;
  const byContact = new Map<string, Conflict[]>();
  for (const r of rows) byContact.set(r.contactId, [...(byContact.get(r.contactId) ?? []), r]);
  for (const [contactId, fresh] of byContact) {
    const open = await db.conflicts.where('contactId').equals(contactId).toArray();
    const stale = open.filter((o) => fresh.some((f) => f.kind === o.kind && f.path === o.path && overtakes(f, o))).map((o) => o.id);
    if (stale.length > 0) await db.conflicts.bulkDelete(stale);
  }
  await db.conflicts.bulkPut([...rows]);
}

/** Whether `fresh` supersedes `old` of the same kind and path: for a field, it still names the value `old` kept for the user. */
function overtakes(fresh: Conflict, old: Conflict): boolean {
  if (old.kind !== 'field') return true;
  const lost = old.chosen === 'remote' ? old.local : old.remote;
  return [fresh.base, fresh.local, fresh.remote].some((v) => deepEqual(v, lost));
}
