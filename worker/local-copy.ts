/**
 * Pure constructors of what the engine writes locally when a server copy arrives (a push
 * answer or a pulled change): the local view keeps the local revision sequence, which goes
 * up by one exactly when what the user sees changes.
 */
import { merge3, type ConflictPolicy, type MergeConflict } from '../src/merge/merge3.js';
import type { Contact, ContactInfo } from '../src/model/contact.js';
import { infoEquals } from '../src/model/info-diff.js';
import { derivePrimaryFields, normalizeInfo } from '../src/model/normalize.js';

/**
 * The local contact showing `info` on top of server copy `server`: server-owned fields
 * (dates, source, statuses, member info) from the server, the primary fields re-derived
 * when `info` is not the server's own, and `revision` the given local revision.
 */
export function localFromServer(server: Contact, info: ContactInfo, revision: number): Contact {
  if (info === server.info) return { ...server, revision };
  const { primaryInfo: _pi, primaryEmail: _pe, primaryPhone: _pp, ...rest } = server;
  return { ...rest, ...derivePrimaryFields(info, server), info, revision };
}

/** The next local revision: +1 when the shown info changed, unchanged otherwise; 1 for a new contact. */
export function nextRevision(current: Contact | undefined, info: ContactInfo): number {
  if (current === undefined) return 1;
  return infoEquals(current.info, info) ? current.revision : current.revision + 1;
}

/**
 * The info to show after the server answered a push of `sent`: the server's copy, plus any
 * edit made locally while the request was in flight (`current` differs from `sent`), which
 * wins because it is newer than both.
 */
export function infoAfterPush(sent: ContactInfo, current: ContactInfo, server: ContactInfo): ContactInfo {
  if (infoEquals(current, sent)) return server;
  return normalizeInfo(merge3(sent, current, server, 'local').merged);
}

/** Pending local edits rebased onto a newer server copy. */
export interface Rebased {
  readonly info: ContactInfo;
  readonly conflicts: readonly MergeConflict[];
}

/**
 * Rebases `local` (descended from `base`) onto `remote` with the three-way merge; the result
 * is normalised, ready to store.
 */
export function rebase(base: ContactInfo, local: ContactInfo, remote: ContactInfo, policy: ConflictPolicy): Rebased {
  if (infoEquals(local, base)) return { info: remote, conflicts: [] };
  const { merged, conflicts } = merge3(base, local, remote, policy);
  return { info: normalizeInfo(merged), conflicts };
}
