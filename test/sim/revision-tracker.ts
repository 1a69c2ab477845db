/**
 * The monotonic-revision check: on each device, a contact's local revision never goes down
 * (not across syncs, crashes, re-keys or a deletion and return), and goes up whenever the
 * info the device shows changes.
 */
import type { Contact } from '../../src/model/contact.js';
import { canonicalJson } from './canonical-json.js';

/** Marks a violation on a contact that came back after it had gone from the device (a refused delete). */
export const RETURNED_AFTER_DELETE = '(returned after a local delete)';

interface Seen {
  readonly revision: number;
  readonly info: string;
  readonly step: number;
}

/** What one device has shown of each contact id, as of its last snapshot. */
export class RevisionTracker {
  private readonly seen = new Map<string, Seen>();
  private present = new Set<string>();

  /**
   * Compares a full snapshot of the device with the last one; returns the violations.
   * `renamed` maps ids that left the snapshot to the contact they now answer as (an alias).
   */
  observe(step: number, contacts: readonly Contact[], renamed: ReadonlyMap<string, Contact>): string[] {
    const problems: string[] = [];
    const now = new Set<string>();
    for (const c of contacts) {
      now.add(c._id);
      const returned = !this.present.has(c._id) && this.seen.has(c._id);
      problems.push(...this.compare(c._id, c, step).map((p) => (returned ? `${RETURNED_AFTER_DELETE} ${p}` : p)));
    }
    for (const [oldId, c] of renamed) {
      const before = this.seen.get(oldId);
      if (before !== undefined && c.revision < before.revision) {
        problems.push(`${oldId} -> ${c._id}: revision ${before.revision} (step ${before.step}) went down to ${c.revision} across the re-key`);
      }
    }
    this.present = now;
    return problems;
  }

  /** One contact as a local write returned it. */
  wrote(step: number, contact: Contact): string[] {
    const returned = !this.present.has(contact._id) && this.seen.has(contact._id);
    this.present.add(contact._id);
    return this.compare(contact._id, contact, step).map((p) => (returned ? `${RETURNED_AFTER_DELETE} ${p}` : p));
  }

  /** A contact the device deleted through its API. */
  deleted(id: string): void {
    this.present.delete(id);
  }

  /** Ids of the last snapshot that are gone now. */
  missingFrom(contacts: readonly Contact[]): string[] {
    const ids = new Set(contacts.map((c) => c._id));
    return [...this.present].filter((id) => !ids.has(id));
  }

  private compare(id: string, c: Contact, step: number): string[] {
    const before = this.seen.get(id);
    const info = canonicalJson(c.info);
    // After a violation the new value becomes the reference, so one fault is reported once.
    this.seen.set(id, { revision: c.revision, info, step });
    if (before === undefined) return [];
    if (c.revision < before.revision) return [`${id}: revision ${before.revision} (step ${before.step}) went down to ${c.revision}`];
    if (c.revision === before.revision && info !== before.info) return [`${id}: info changed at revision ${c.revision} (seen at step ${before.step})`];
    return [];
  }
}
