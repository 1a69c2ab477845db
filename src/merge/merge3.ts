/** The pure three-way merge of contact infos (DESIGN.md section 5). */
import type { ContactInfo } from '../model/contact.js';

/** Which side wins a field both sides changed: `'local'` (this device) by default. */
export type ConflictPolicy = 'local' | 'remote';

/** One field both sides changed to different values. */
export interface MergeConflict {
  /** e.g. `info.company`, `info.name.first`, `info.emails.items[<identity>].tag`. */
  path: string;
  base?: unknown;
  local?: unknown;
  remote?: unknown;
  chosen: ConflictPolicy;
}

/** The merged info and the conflicts the policy decided. */
export interface MergeResult {
  merged: ContactInfo;
  conflicts: MergeConflict[];
}

/**
 * Merges `local` and `remote`, both descended from `base`, field by field. Pure.
 */
export function merge3(base: ContactInfo, local: ContactInfo, remote: ContactInfo, policy: ConflictPolicy = 'local'): MergeResult {
  void base; void local; void remote; void policy;
  throw new Error('TODO(merge helper): not implemented yet');
}
