import type { DBCore } from 'dexie';
import fc from 'fast-check';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { randomId } from '../../src/model/ids.js';
import { ContactStore } from '../../src/store/contact-store.js';
import { GroupCommit, MAX_GROUP, type Transact } from '../../src/store/group-commit.js';
import { ContactsDb } from '../../src/store/schema.js';
import { contactOutboxRows } from './test-db.js';

const T0 = Date.UTC(2024, 0, 1);

/** A fake transaction runner: records each transaction's writes; "aborts" when a scope throws. */
function recorder() {
  const transactions: string[][] = [];
  let current: string[] | undefined;
  const commits = { failNext: false };
  const transact: Transact = async <T>(scope: () => Promise<T>): Promise<T> => {
    const mine: string[] = [];
    transactions.push(mine);
    current = mine;
    try {
      const result = await scope();
      if (commits.failNext && mine.length > 1) {
        commits.failNext = false;
        throw new Error('commit failed');
      }
      return result;
    } catch (e) {
      mine.push('ROLLED BACK');
      throw e;
    } finally {
      current = undefined;
    }
  };
  const runs = new Map<string, number>();
  /** A write named `name`; `fail` says, by attempt (1, 2...), whether it throws. */
  const write = (name: string, fail: boolean | ((attempt: number) => boolean) = false) => async (): Promise<string> => {
    await Promise.resolve();
    const attempt = (runs.get(name) ?? 0) + 1;
    runs.set(name, attempt);
    current?.push(name);
    if (typeof fail === 'function' ? fail(attempt) : fail) throw new Error(`${name} failed`);
    return `${name} done`;
  };
  return { transactions, transact, write, commits };
}

describe('GroupCommit', () => {
  it('runs a write alone at once, in the caller\'s turn', async () => {
    const { transactions, transact, write } = recorder();
    const commits = new GroupCommit(transact);
    const done = commits.submit(write('a'));
    expect(transactions).toHaveLength(1); // opened synchronously
    expect(await done).toBe('a done');
    expect(transactions).toEqual([['a']]);
  });

  it('writes that queue behind an open transaction share the next one, in arrival order', async () => {
    const { transactions, transact, write } = recorder();
    const commits = new GroupCommit(transact);
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((n) => commits.submit(write(n))));
    expect(results).toEqual(['a done', 'b done', 'c done', 'd done']);
    expect(transactions).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it(`shares at most ${String(MAX_GROUP)} writes per transaction`, async () => {
    const { transactions, transact, write } = recorder();
    const commits = new GroupCommit(transact);
    await Promise.all(Array.from({ length: 2 * MAX_GROUP + 2 }, (_, i) => commits.submit(write(String(i)))));
    expect(transactions.map((t) => t.length)).toEqual([1, MAX_GROUP, MAX_GROUP, 1]);
  });

  it('when one write of a group fails, the group rolls back and each runs again alone', async () => {
    const { transactions, transact, write } = recorder();
    const commits = new GroupCommit(transact);
    const retried: string[] = [];
    const outcomes = await Promise.allSettled(['a', 'b', 'c', 'd'].map((n) =>
      commits.submit(write(n, n === 'c'), () => { retried.push(n); })));
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message)))
      .toEqual(['a done', 'b done', 'c failed', 'd done']);
    expect(transactions).toEqual([['a'], ['b', 'c', 'ROLLED BACK'], ['b'], ['c', 'ROLLED BACK'], ['d']]);
    expect(retried).toEqual(['b', 'c', 'd']);
  });

  it('after a failure in a big group, the writes before it stay grouped and the rest regroup', async () => {
    const { transactions, transact, write } = recorder();
    const commits = new GroupCommit(transact);
    const outcomes = await Promise.allSettled(['a', 'b', 'c', 'd', 'e', 'f'].map((n) => commits.submit(write(n, n === 'd'))));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(transactions).toEqual([['a'], ['b', 'c', 'd', 'ROLLED BACK'], ['b', 'c'], ['d', 'ROLLED BACK'], ['e', 'f']]);
  });

  it('keeps arrival order when a rerun fails too (another tab changed the data in between)', async () => {
    const { transactions, transact, write } = recorder();
    const commits = new GroupCommit(transact);
    const fails: Record<string, (attempt: number) => boolean> = { c: (n) => n >= 2, d: () => true };
    const outcomes = await Promise.allSettled(['a', 'b', 'c', 'x', 'd', 'e'].map((n) => commits.submit(write(n, fails[n] ?? false))));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    // x arrived before d, so it commits before d runs again.
    expect(transactions).toEqual([
      ['a'], ['b', 'c', 'x', 'd', 'ROLLED BACK'], ['b', 'c', 'ROLLED BACK'], ['b'], ['c', 'ROLLED BACK'], ['x'], ['d', 'ROLLED BACK'], ['e'],
    ]);
  });

  it('a failed commit names no write: each runs again alone', async () => {
    const { transactions, transact, write, commits: failing } = recorder();
    const commits = new GroupCommit(transact);
    const first = commits.submit(write('a'));
    failing.failNext = true;
    const rest = await Promise.all(['b', 'c', 'd'].map((n) => commits.submit(write(n))));
    expect([await first, ...rest]).toEqual(['a done', 'b done', 'c done', 'd done']);
    expect(transactions).toEqual([['a'], ['b', 'c', 'd', 'ROLLED BACK'], ['b'], ['c'], ['d']]);
  });

  it('keeps going after failures: a later write still runs', async () => {
    const { transactions, transact, write } = recorder();
    const commits = new GroupCommit(transact);
    await expect(commits.submit(write('a', true))).rejects.toThrow('a failed');
    expect(await commits.submit(write('b'))).toBe('b done');
    expect(transactions).toEqual([['a', 'ROLLED BACK'], ['b']]);
  });
});

describe('ContactStore writes in a burst (group commit on IndexedDB)', () => {
  /** A store on a fresh database that counts its read-write transactions; constant clock. */
  async function burstStore() {
    const db = new ContactsDb('burst', { indexedDB: new IDBFactory(), IDBKeyRange });
    const counter = { rw: 0 };
    db.use({
      stack: 'dbcore', name: 'rw-counter',
      create: (down: DBCore): DBCore => ({
        ...down,
        transaction: (stores, mode, options) => {
          if (mode === 'readwrite') counter.rw += 1;
          return down.transaction(stores, mode, options);
        },
      }),
    });
    let n = 0;
    const store = new ContactStore(db, { queueMutations: true, now: () => T0, makeId: () => `id-${String(++n).padStart(6, '0')}` });
    const grew: number[] = [];
    store.onOutboxGrew((rows) => { grew.push(rows); });
    const seeded = await store.importContacts(Array.from({ length: 40 }, (_, i) => ({ name: { first: `P${String(i)}` }, emails: { items: [{ email: `p${String(i)}@example.com` }] } })));
    counter.rw = 0;
    grew.length = 0;
    await db.outbox.clear();
    return { db, store, counter, grew, seeded };
  }

  it('40 concurrent updates all land, in far fewer transactions, outbox rows in call order', async () => {
    const { db, store, counter, grew, seeded } = await burstStore();
    const updated = await Promise.all(seeded.map((c, i) => store.updateContact(c._id, { company: `C${String(i)}` }, 1)));
    expect(updated.map((c) => c.revision)).toEqual(seeded.map(() => 2));
    expect((await db.contacts.bulkGet(seeded.map((c) => c._id))).map((r) => r?.c.info.company)).toEqual(seeded.map((_, i) => `C${String(i)}`));
    expect((await contactOutboxRows(db)).map((r) => r.contactId)).toEqual(seeded.map((c) => c._id));
    expect(counter.rw).toBeLessThanOrEqual(3);
    expect(grew.reduce((a, b) => a + b, 0)).toBe(40);
  });

  it('a failing write in a burst fails alone: its contact and the outbox keep nothing of it', async () => {
    const { db, store, grew, seeded } = await burstStore();
    const before = await db.contacts.get(seeded[5]!._id);
    const calls = [
      store.updateContact(seeded[0]!._id, { company: 'ok 0' }, 1),
      store.updateContact(seeded[1]!._id, { company: 'ok 1' }, 1),
      store.updateContact(seeded[5]!._id, { company: 'stale' }, 7), // 409 CONTACT_ALREADY_CHANGED
      store.createContact({ emails: { items: [{ email: 'p3@example.com' }] } }), // 409 DUPLICATE_CONTACT_EXISTS
      store.updateContact(seeded[2]!._id, { company: 'ok 2' }, 1),
      store.labelContact(seeded[3]!._id, ['custom.vip']),
      store.deleteContact('no-such-contact'), // 404
      store.updateContact(seeded[4]!._id, { emails: { items: [{ email: 'p6@example.com' }] } }, 1), // duplicate of P6
      store.deleteContact(seeded[7]!._id),
    ];
    const outcomes = await Promise.allSettled(calls);
    const codes = outcomes.map((o) => (o.status === 'fulfilled' ? 'ok' : String((o.reason as { code?: unknown }).code)));
    expect(codes).toEqual(['ok', 'ok', 'CONTACT_ALREADY_CHANGED', 'DUPLICATE_CONTACT_EXISTS', 'ok', 'ok', 'CONTACT_NOT_FOUND', 'DUPLICATE_CONTACT_EXISTS', 'ok']);
    expect(await db.contacts.get(seeded[5]!._id)).toEqual(before);
    expect((await db.contacts.get(seeded[4]!._id))?.c.revision).toBe(1);
    expect((await contactOutboxRows(db)).map((r) => `${r.op} ${r.contactId}`)).toEqual([
      `update ${seeded[0]!._id}`, `update ${seeded[1]!._id}`, `update ${seeded[2]!._id}`, `label ${seeded[3]!._id}`, `delete ${seeded[7]!._id}`,
    ]);
    // Listeners hear each committed row once, even for writes that ran twice.
    expect(grew.reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('writes to one contact in one burst see each other, as in transactions of their own', async () => {
    const { db, store, seeded } = await burstStore();
    const id = seeded[0]!._id;
    const [a, b, c] = await Promise.all([
      store.updateContact(id, { company: 'first' }, 1),
      store.updateContact(id, { jobTitle: 'second' }, 2),
      store.updateContact(id, { company: 'stale' }, 2),
    ].map((p) => p.catch((e: unknown) => e)));
    expect(a).toMatchObject({ revision: 2 });
    expect(b).toMatchObject({ revision: 3 });
    expect(c).toMatchObject({ code: 'CONTACT_ALREADY_CHANGED' });
    expect((await db.contacts.get(id))?.c.info).toMatchObject({ company: 'first', jobTitle: 'second' });
  });
});

/** A write of the sequential-equivalence property: on one of the seeded contacts. */
type Op =
  | { readonly kind: 'update'; readonly who: number; readonly revision: number; readonly company: string }
  | { readonly kind: 'email'; readonly who: number; readonly revision: number; readonly email: number }
  | { readonly kind: 'label' | 'unlabel'; readonly who: number; readonly key: string }
  | { readonly kind: 'delete'; readonly who: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('update' as const), who: fc.nat(5), revision: fc.integer({ min: 1, max: 4 }), company: fc.constantFrom('A', 'B', 'C') }),
  fc.record({ kind: fc.constant('email' as const), who: fc.nat(5), revision: fc.integer({ min: 1, max: 4 }), email: fc.nat(7) }),
  fc.record({ kind: fc.constantFrom('label' as const, 'unlabel' as const), who: fc.nat(5), key: fc.constantFrom('custom.a', 'custom.b') }),
  fc.record({ kind: fc.constant('delete' as const), who: fc.nat(5) }),
);

async function sequentialStore() {
  const db = new ContactsDb('seq', { indexedDB: new IDBFactory(), IDBKeyRange });
  const store = new ContactStore(db, { queueMutations: true, now: () => T0, makeId: randomId });
  const seeded = await store.importContacts(Array.from({ length: 6 }, (_, i) => ({ name: { first: `S${String(i)}` }, emails: { items: [{ email: `s${String(i)}@example.com` }] } })));
  return { db, store, ids: seeded.map((c) => c._id) };
}

function apply(store: ContactStore, ids: readonly string[], op: Op): Promise<unknown> {
  const id = ids[op.who]!;
  switch (op.kind) {
    case 'update': return store.updateContact(id, { company: op.company }, op.revision);
    case 'email': return store.updateContact(id, { emails: { items: [{ email: `s${String(op.email)}@example.com` }] } }, op.revision);
    case 'label': return store.labelContact(id, [op.key]);
    case 'unlabel': return store.unlabelContact(id, [op.key]);
    case 'delete': return store.deleteContact(id);
  }
}

const outcome = (p: Promise<unknown>): Promise<string> => p.then(
  (v) => `ok ${String((v as { revision?: number } | undefined)?.revision)}`,
  (e: unknown) => `${String((e as { status?: unknown }).status)} ${String((e as { code?: unknown }).code)}`,
);

/** What the property compares: rows with ids made positional, outbox rows without their own ids. */
async function state(db: ContactsDb, ids: readonly string[]) {
  const pos = (id: string) => String(ids.indexOf(id));
  const contacts = (await db.contacts.toArray()).map((r) => ({ ...r, _id: pos(r._id), c: { ...r.c, _id: pos(r.c._id) } }))
    .sort((a, b) => a._id.localeCompare(b._id));
  const outbox = (await db.outbox.orderBy('seq').toArray()).map(({ mutationId: _m, seq: _s, ...r }) => (
    r.op === 'import' ? { ...r, contactIds: r.contactIds.map(pos) } : { ...r, contactId: pos(r.contactId) }));
  return { contacts, outbox };
}

describe('a burst equals the same writes one after another', () => {
  it('for random bursts of updates, stale revisions, duplicates, labels and deletes', async () => {
    await fc.assert(fc.asyncProperty(fc.array(opArb, { minLength: 2, maxLength: 25 }), async (ops) => {
      const one = await sequentialStore();
      const sequential: string[] = [];
      for (const op of ops) sequential.push(await outcome(apply(one.store, one.ids, op)));
      const burst = await sequentialStore();
      const together = await Promise.all(ops.map((op) => outcome(apply(burst.store, burst.ids, op))));
      expect(together).toEqual(sequential);
      expect(await state(burst.db, burst.ids)).toEqual(await state(one.db, one.ids));
      one.db.close();
      burst.db.close();
    }), { numRuns: 60 });
  });
});
