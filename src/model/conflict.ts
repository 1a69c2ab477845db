/** Conflicts the sync engine records, as the public API shows them. */

/**
 * What went wrong for a contact:
 * - `field`: both sides changed `path`; the policy chose one value, the other is kept here.
 * - `delete`: one side deleted the contact, the other edited it; the edit is kept locally.
 * - `duplicate`: the server refused the write as a duplicate (`data.duplicateContactId`).
 * - `rejected`: the server refused the write for good (400/428; `code` says why).
 */
export type ConflictKind = 'field' | 'delete' | 'duplicate' | 'rejected';

/** One recorded conflict (DESIGN.md section 2). */
export interface Conflict {
  id: string;
  contactId: string;
  kind: ConflictKind;
  /** Field conflicts: e.g. `info.name.first`, `info.company`. */
  path?: string;
  /** The values at `path` (field conflicts) or whole infos (delete/duplicate/rejected). */
  base?: unknown;
  local?: unknown;
  remote?: unknown;
  /** What the policy applied (field conflicts). */
  chosen?: 'local' | 'remote';
  /** duplicate/rejected: the server's code and data. */
  code?: string;
  data?: unknown;
  createdAt: Date;
}
