/**
 * Bugs the simulation finds in code this suite does not own, reported to their owners and
 * not fixed yet. A violation they explain is counted under the issue's id instead of
 * failing the run, so the simulation keeps finding *new* bugs meanwhile. Each entry names
 * the regression test that fails until the fix lands; remove the entry with the fix.
 */
import type { Violation } from './sim-world.js';

/** One known, reported bug. */
export interface KnownIssue {
  readonly id: string;
  readonly description: string;
  readonly matches: (v: Violation) => boolean;
}

/** The list (empty once everything found is fixed). */
export const KNOWN_ISSUES: readonly KnownIssue[] = [];

/** The known issue that explains `v`, if any. */
export function knownIssueOf(v: Violation): KnownIssue | undefined {
  return KNOWN_ISSUES.find((k) => k.matches(v));
}
