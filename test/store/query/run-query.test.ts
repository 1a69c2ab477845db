import type { DBCore, Middleware } from 'dexie';
import fc from 'fast-check';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Contact, ContactInfo } from '../../../src/model/contact.js';
import { compareContacts, matchesFilter } from '../../../src/model/query/match.js';
import { ContactStore } from '../../../src/store/contact-store.js';
import { parseContactQuery, type RawContactQuery } from '../../../src/store/query/contact-query.js';
import { runQuery } from '../../../src/store/query/run-query.js';
import { onTable } from '../../support/table-middleware.js';
import { ContactsDb } from '../../../src/store/schema.js';

interface Read { index: string; rows: number | 'cursor' }

/** Records every read of `contacts` rows: which index, and how many rows a query returned. */
function readRecorder(reads: Read[]): Middleware<{ stack: 'dbcore' } & DBCore> {
  const indexOf = (i: { isPrimaryKey?: boolean; name: string | null }) => (i.isPrimaryKey ? ':id' : i.name ?? ':id');
  return onTable('read-recorder', 'contacts', (table) => ({
    ...table,
    query: async (req) => {
      const res = await table.query(req);
      if (req.values) reads.push({ index: indexOf(req.query.index), rows: res.result.length });
      return res;
    },
    openCursor: (req) => {
      if (req.values !== false) reads.push({ index: indexOf(req.query.index), rows: 'cursor' });
      return table.openCursor(req);
    },
  }));
}

const N = 300;
const FIRST = ['Ada', 'Alan', 'Grace', 'Edsger', 'Barbara', 'Donald', 'adele', 'Ken'];
const LAST = ['Lovelace', 'Turing', 'Hopper', 'Dijkstra', 'Liskov', 'Knuth', 'Thompson'];

function infoOf(i: number): ContactInfo {
  return {
    name: { first: `${FIRST[i % FIRST.length]!}${i % 3 === 0 ? '' : String(i)}`, last: LAST[i % LAST.length]! },
    ...(i % 4 === 0 ? {} : { emails: { items: [{ email: `user${i}@example.com` }] } }),
    ...(i % 5 === 0 ? { phones: { items: [{ phone: `+1 415 555 ${String(1000 + i)}` }] } } : {}),
    ...(i % 2 === 0 ? { company: i % 6 === 0 ? 'Acme' : 'Globex' } : {}),
    ...(i % 7 === 0 ? { birthdate: `19${String(50 + (i % 40))}-01-15` } : {}),
    labelKeys: { items: i % 3 === 0 ? ['custom.a', 'custom.b'] : i % 3 === 1 ? ['custom.b'] : [] },
  };
}

let db: ContactsDb;
const reads: Read[] = [];
let all: Contact[];
const T0 = Date.UTC(2024, 0, 1);

beforeAll(async () => {
  db = new ContactsDb('q', { indexedDB: new IDBFactory(), IDBKeyRange });
  db.use(readRecorder(reads));
  let t = T0;
  const store = new ContactStore(db, { now: () => (t += 60_000) });
  all = [];
  for (let i = 0; i < N; i += 50) {
    all.push(...await store.importContacts(Array.from({ length: 50 }, (_, j) => infoOf(i + j)), { allowDuplicates: true }));
  }
});

async function recorded(raw: RawContactQuery) {
  reads.length = 0;
  const page = await runQuery(db, parseContactQuery(raw));
  return { page, reads: [...reads] };
}

function bruteForce(raw: RawContactQuery) {
  const q = parseContactQuery(raw);
  const matches = all.filter((c) => q.filter === undefined || matchesFilter(c, q.filter)).sort((a, b) => compareContacts(a, b, q.sort));
  return { items: matches.slice(q.offset, q.offset + q.limit).map((c) => c._id), totalCount: matches.length };
}

describe('runQuery reads through indexes', () => {
  it('startsWith on a name reads only the matching rows of k.first', async () => {
    const { page, reads } = await recorded({ filter: { 'info.name.first': { $startsWith: 'AD' } } });
    const expected = bruteForce({ filter: { 'info.name.first': { $startsWith: 'AD' } } });
    expect(page.totalCount).toBe(expected.totalCount);
    expect(page.totalCount).toBeGreaterThan(10);
    expect(reads).toEqual([{ index: 'k.first', rows: expected.totalCount }]);
  });

  it('eq on the primary email reads one row, and eq stays case-sensitive', async () => {
    expect((await recorded({ filter: { 'primaryInfo.email': 'user1@example.com' } })).reads).toEqual([{ index: 'k.email', rows: 1 }]);
    const upper = await recorded({ filter: { 'primaryInfo.email': 'USER1@example.com' } });
    expect(upper.page.totalCount).toBe(0);
    expect(upper.reads).toEqual([{ index: 'k.email', rows: 1 }]);
  });

  it('hasSome reads the label index, a createdDate range reads k.created', async () => {
    expect((await recorded({ filter: { 'info.labelKeys': { $hasSome: ['custom.a'] } } })).reads.map((r) => r.index)).toEqual(['k.labels']);
    // Each import batch of 50 shares one creation time: T0 + 1 min, + 2 min...
    const range = await recorded({ filter: { _createdDate: { $gt: new Date(T0 + 60_000), $lte: new Date(T0 + 60_000 * 3) } } });
    expect(range.reads).toEqual([{ index: 'k.created', rows: 100 }]);
    expect(range.page.totalCount).toBe(100);
  });

  it('an unfiltered sorted page reads only the page off the sort index', async () => {
    const { page, reads } = await recorded({ sort: [{ fieldName: 'info.name.last', order: 'DESC' }], paging: { limit: 5 } });
    expect(reads).toEqual([{ index: 'k.last', rows: 5 }]);
    expect(page.totalCount).toBe(N);
    expect(page.items.map((c) => c._id)).toEqual(bruteForce({ sort: [{ fieldName: 'info.name.last', order: 'DESC' }], paging: { limit: 5 } }).items);
  });

  it('a prefix search sorted by its own field reads only the page off the index, in both directions', async () => {
    for (const order of ['ASC', 'DESC'] as const) {
      const raw: RawContactQuery = { filter: { 'info.name.first': { $startsWith: 'a' } }, sort: [{ fieldName: 'info.name.first', order }], paging: { limit: 5 } };
      const { page, reads } = await recorded(raw);
      const expected = bruteForce(raw);
      expect(expected.totalCount).toBeGreaterThan(50);
      expect(reads).toEqual([{ index: 'k.first', rows: 5 }]);
      expect({ items: page.items.map((c) => c._id), totalCount: page.totalCount }).toEqual(expected);
    }
  });

  it('a filter on an unindexed field scans the table (the recorder sees the difference)', async () => {
    const { reads } = await recorded({ filter: { 'info.company': 'Acme' }, sort: [{ fieldName: 'info.company' }] });
    expect(reads).toEqual([{ index: ':id', rows: N }]);
  });
});

const queryArb: fc.Arbitrary<RawContactQuery> = fc.record({
  filter: fc.array(fc.oneof(
    fc.constantFrom(...FIRST, 'a', 'AL', 'gr').map((v) => ({ 'info.name.first': { $startsWith: v } })),
    fc.constantFrom(...LAST).map((v) => ({ 'info.name.last': v })),
    fc.subarray(LAST, { minLength: 1 }).map((v) => ({ 'info.name.last': { $in: v } })),
    fc.constantFrom('user1', 'USER2', 'x').map((v) => ({ 'primaryInfo.email': { $startsWith: v } })),
    fc.boolean().map((v) => ({ 'primaryInfo.phone': { $exists: v } })),
    fc.constantFrom('Acme', 'Globex').map((v) => ({ 'info.company': { $ne: v } })),
    fc.subarray(['custom.a', 'custom.b', 'custom.z'], { minLength: 1 }).map((v) => ({ 'info.labelKeys': { $hasSome: v } })),
    fc.subarray(['custom.a', 'custom.b'], { minLength: 1 }).map((v) => ({ 'info.labelKeys': { $hasAll: v } })),
    fc.tuple(fc.constantFrom('$gt', '$gte', '$lt', '$lte'), fc.nat(N + 1)).map(([op, m]) => ({ _createdDate: { [op]: new Date(T0 + m * 60_000) } })),
    fc.constantFrom('1960-01-15', '1975-01-15').map((v) => ({ 'info.birthdate': { $gte: v } })),
  ), { maxLength: 3 }).map((conds) => (conds.length === 0 ? {} : { $and: conds })),
  sort: fc.option(fc.record({
    fieldName: fc.constantFrom('_createdDate', 'info.name.first', 'info.name.last', 'primaryInfo.email', 'info.company', 'info.birthdate'),
    order: fc.constantFrom('ASC', 'DESC'),
  }).map((s) => [s]), { nil: undefined }),
  paging: fc.record({ limit: fc.integer({ min: 0, max: 40 }), offset: fc.integer({ min: 0, max: 320 }) }),
}, { requiredKeys: ['filter', 'paging'] });

describe('runQuery equals a brute-force filter and sort', () => {
  it('for random queries, whatever the plan', async () => {
    await fc.assert(fc.asyncProperty(queryArb, async (raw) => {
      const page = await runQuery(db, parseContactQuery(raw));
      expect({ items: page.items.map((c) => c._id), totalCount: page.totalCount }).toEqual(bruteForce(raw));
    }), { numRuns: 100 });
  });

  it('for prefix searches sorted by their field (pages read off the index range)', async () => {
    const field = fc.constantFrom('info.name.first', 'info.name.last', 'primaryInfo.email');
    const prefix = fc.constantFrom('a', 'AD', 'al', 'g', 'L', 'lo', 't', 'user1', 'USER2', 'x', 'Ada', 'edsger');
    const arb = fc.record({
      field, prefix, order: fc.constantFrom('ASC', 'DESC'), wrapped: fc.boolean(),
      paging: fc.record({ limit: fc.integer({ min: 0, max: 40 }), offset: fc.integer({ min: 0, max: 150 }) }),
    });
    await fc.assert(fc.asyncProperty(arb, async ({ field: f, prefix: p, order, wrapped, paging }) => {
      const cmp = { [f]: { $startsWith: p } };
      const raw: RawContactQuery = { filter: wrapped ? { $and: [cmp] } : cmp, sort: [{ fieldName: f, order }], paging };
      const page = await runQuery(db, parseContactQuery(raw));
      expect({ items: page.items.map((c) => c._id), totalCount: page.totalCount }).toEqual(bruteForce(raw));
    }), { numRuns: 150 });
  });
});
