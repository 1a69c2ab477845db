/**
 * Exactly once, read from the wire log (what the server really answered, lost or not):
 * - every Idempotency-Key produced at most one contact;
 * - one (contact, revision) pair always showed the same info, wherever it was seen;
 * - the revisions of a contact that changes answered are exactly 1, 2, ..., its last one:
 *   each applied change moved the revision by one, none was applied twice, none went
 *   unanswered (a `seedMember` counts as a change: its revision is read right after).
 */
import type { Contact } from '../../src/model/contact.js';
import { canonicalJson } from './canonical-json.js';
import type { SimWorld } from './sim-world.js';
import { contactOf, contactsShown, isMutation, type WireEntry } from './wire-log.js';

const isCreate = (e: WireEntry): boolean => e.method === 'POST' && e.path === '/contacts/v4/contacts';

/** Runs the three checks. */
export function checkExactlyOnce(world: SimWorld, server: readonly Contact[]): void {
  const entries = world.wire.entries;
  checkKeys(world, entries);
  checkVersions(world, entries, server);
  checkRevisionSteps(world, entries, server);
}

function checkKeys(world: SimWorld, entries: readonly WireEntry[]): void {
  const byKey = new Map<string, Set<string>>();
  for (const e of entries) {
    const made = isCreate(e) ? contactOf(e) : undefined;
    if (made === undefined || e.idempotencyKey === undefined) continue;
    byKey.set(e.idempotencyKey, (byKey.get(e.idempotencyKey) ?? new Set()).add(made._id));
  }
  for (const [key, ids] of byKey) {
    if (ids.size > 1) world.violate('exactly-once', `Idempotency-Key ${key} made ${ids.size} contacts: ${[...ids].join(', ')}`);
  }
}

function checkVersions(world: SimWorld, entries: readonly WireEntry[], server: readonly Contact[]): void {
  const seen = new Map<string, { info: string; seq: number | 'final' }>();
  const see = (c: Contact, seq: number | 'final'): void => {
    const key = `${c._id}@${c.revision}`;
    const info = canonicalJson(c.info);
    const before = seen.get(key);
    if (before === undefined) seen.set(key, { info, seq });
    else if (before.info !== info) {
      world.violate('exactly-once', `${c._id} revision ${c.revision} shows two different infos (answers #${before.seq} and #${seq}): ${before.info} vs ${info}`);
    }
  };
  for (const e of entries) for (const c of contactsShown(e)) see(c, e.seq);
  for (const c of server) see(c, 'final');
}

function checkRevisionSteps(world: SimWorld, entries: readonly WireEntry[], server: readonly Contact[]): void {
  const answered = new Map<string, Set<number>>();
  const patched = new Map<string, Set<number>>();
  const add = (m: Map<string, Set<number>>, id: string, r: number): boolean => {
    const set = m.get(id) ?? new Set<number>();
    m.set(id, set);
    const fresh = !set.has(r);
    set.add(r);
    return fresh;
  };
  for (const e of entries) {
    if (!isMutation(e)) continue;
    const c = contactOf(e);
    if (c === undefined) continue;
    add(answered, c._id, c.revision);
    if (e.method === 'PATCH' && !add(patched, c._id, c.revision)) {
      world.violate('exactly-once', `two PATCHes of ${c._id} were both answered with revision ${c.revision}`);
    }
  }
  for (const [id, revisions] of world.memberRevisions) for (const r of revisions) add(answered, id, r);
  const last = new Map<string, number>();
  for (const [id, set] of answered) last.set(id, Math.max(...set));
  for (const c of server) last.set(c._id, Math.max(c.revision, last.get(c._id) ?? 0));
  for (const [id, top] of last) {
    const set = answered.get(id) ?? new Set<number>();
    const missing = Array.from({ length: top }, (_, i) => i + 1).filter((r) => !set.has(r));
    if (missing.length > 0) world.violate('exactly-once', `${id} reached revision ${top} but no change was answered with revision ${missing.join(', ')}`);
  }
}
