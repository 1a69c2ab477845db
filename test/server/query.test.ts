/**
 * Query and List Contacts: every field and operator of the 9.1 table, $and/$or/$not, sorting,
 * paging and projection. Results are checked by hand on a small fixed set, and against the
 * model's `matchesFilter`/`compareContacts` on random contacts, so the server answers exactly
 * what the local store would.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact, ContactInfo } from '../../src/model/contact.js';
import { parseFilter } from '../../src/model/query/filter.js';
import { compareContacts, matchesFilter } from '../../src/model/query/match.js';
import { QUERY_FIELDS, resolveQueryField, type QueryFieldSpec, type QueryOperator } from '../../src/model/query/query-fields.js';
import { parseSort } from '../../src/model/query/sort-paging.js';
import { contactFromWire, infoToWire } from '../../src/model/wire.js';
import { validInfoArb } from '../support/arbitraries.js';
import { at, createContact, expectEnvelope, startTestServer, type TestServer } from './support/test-server.js';

let t: TestServer;
let fixed: Record<string, string>;
let all: Contact[];

const EXTENDED = [
  'info.extendedFields.custom.level', 'info.extendedFields.custom.team', 'info.extendedFields.custom.vip',
  'info.extendedFields.custom.loyalty-points',
];

async function query(q: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const res = await t.call('POST', '/contacts/v4/contacts/query', { body: { query: q, ...extra } });
  if (res.status !== 200) throw new Error(`${res.status} ${res.text} for ${JSON.stringify(q)}`);
  return res.body as Record<string, unknown>;
}

async function ids(filter: unknown, sort?: unknown): Promise<string[]> {
  const body = await query({ filter, paging: { limit: 1000 }, ...(sort === undefined ? {} : { sort }) });
  return (body['contacts'] as { id: string }[]).map((c) => c.id);
}

function expected(filter: unknown): string[] {
  const node = parseFilter(filter);
  return all.filter((c) => node === undefined || matchesFilter(c, node)).sort((a, b) => compareContacts(a, b, undefined)).map((c) => c._id);
}

async function seedFixed(): Promise<void> {
  for (const name of ['Gold', 'Silver']) await t.call('POST', '/contacts/v4/labels', { body: { displayName: name } });
  const make = async (key: string, info: unknown): Promise<void> => {
    fixed[key] = String((await createContact(t, info, { allowDuplicates: true }))['id']);
  };
  await make('ann', {
    name: { first: 'Quinn', last: 'Zeta' }, emails: { items: [{ email: 'ann@example.com' }, { email: 'ann@work.example' }] },
    company: 'Vandelay', jobTitle: 'CEO', birthdate: '1980-05-01', locale: 'en-US', labelKeys: { items: ['custom.gold', 'custom.silver'] },
    extendedFields: { items: { 'custom.level': 10, 'custom.team': 'red' } },
    addresses: { items: [{ address: { city: 'Paris', country: 'FR', subdivision: 'FR-75C', addressLine: '1 Rue X' } }] },
  });
  await make('bob', {
    name: { first: 'yusuf', last: 'Young' }, phones: { items: [{ phone: '(415) 555-2671', countryCode: 'US' }] },
    company: 'vandelay labs', birthdate: '1990-01-01', labelKeys: { items: ['custom.gold'] },
    extendedFields: { items: { 'custom.level': 2, 'custom.team': 'Blue' } },
  });
  await make('emile', {
    name: { first: 'Émile' }, emails: { items: [{ email: 'EMILE@Example.com' }] }, locale: 'fr',
    extendedFields: { items: { 'custom.level': 'high' } },
  });
  await make('nobody', { name: { last: 'Alone' } });
}

beforeAll(async () => {
  t = await startTestServer();
  fixed = {};
  await seedFixed();
  const slugs = ['vip', 'lead-2024', 'newsletter', 'cold_list', 'a', 'team-blue', 'x9'];
  for (const s of slugs) await t.call('POST', '/contacts/v4/labels', { body: { displayName: s } });
  const infos = fc.sample(validInfoArb, { seed: 4242, numRuns: 24 });
  for (const info of infos) {
    const lower: ContactInfo = info.labelKeys ? { ...info, labelKeys: { items: info.labelKeys.items.map((k) => k.toLowerCase()) } } : info;
    await createContact(t, infoToWire(lower), { allowDuplicates: true });
  }
  const list = await t.call('GET', '/contacts/v4/contacts?paging.limit=1000');
  all = (at(list.body, 'contacts') as unknown[]).map(contactFromWire);
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('hand-checked semantics', () => {
  it('eq is case-sensitive, startsWith is not (also on non-ASCII letters)', async () => {
    expect(await ids({ 'info.name.first': 'Quinn' })).toEqual([fixed['ann']]);
    expect(await ids({ 'info.name.first': 'quinn' })).toEqual([]);
    expect(await ids({ 'info.name.first': { $startsWith: 'YU' } })).toEqual([fixed['bob']]);
    expect(await ids({ 'info.name.first': { $startsWith: 'émi' } })).toEqual([fixed['emile']]);
    expect(await ids({ 'primaryInfo.email': { $startsWith: 'emile@' } })).toEqual([fixed['emile']]);
  });

  it('ne and nin match a missing value; exists tells present from missing', async () => {
    const ne = await ids({ 'info.company': { $ne: 'Vandelay' } });
    expect(ne).toContain(fixed['nobody']);
    expect(ne).not.toContain(fixed['ann']);
    expect(await ids({ 'info.company': { $exists: true }, 'info.name.first': { $in: ['Quinn', 'yusuf', 'Émile'] } }))
      .toEqual([fixed['ann'], fixed['bob']]);
    expect(await ids({ 'info.company': null, 'info.name.last': 'Alone' })).toEqual([fixed['nobody']]);
  });

  it('list fields hold when some element does: emails, labels (hasSome, hasAll), addresses', async () => {
    expect(await ids({ 'info.emails.email': 'ann@work.example' })).toEqual([fixed['ann']]);
    expect(await ids({ 'info.labelKeys': { $hasAll: ['custom.gold', 'custom.silver'] } })).toEqual([fixed['ann']]);
    expect(await ids({ 'info.labelKeys': { $hasSome: ['custom.silver', 'custom.gold'] } })).toEqual([fixed['ann'], fixed['bob']]);
    expect(await ids({ 'info.addresses.city': { $startsWith: 'par' } })).toEqual(expected({ 'info.addresses.city': { $startsWith: 'par' } }));
    expect(await ids({ 'info.addresses.street': '1 Rue X' })).toEqual([fixed['ann']]);
  });

  it('dates compare as instants; birthdates as YYYY-MM-DD', async () => {
    expect(await ids({ 'info.birthdate': { $gte: '1985-01-01' } })).toEqual(expected({ 'info.birthdate': { $gte: '1985-01-01' } }));
    expect(await ids({ 'info.birthdate': { $lt: '1985-01-01' } })).toContain(fixed['ann']);
    const created = all.find((c) => c._id === fixed['bob'])?._createdDate?.toISOString();
    expect(await ids({ _createdDate: { $gt: created } })).toEqual(expected({ createdDate: { $gt: created } }));
    expect(await ids({ createdDate: created })).toEqual([fixed['bob']]);
    const offset = created?.replace('Z', '+00:00');
    expect(await ids({ createdDate: { $eq: offset } })).toEqual([fixed['bob']]);
  });

  it('extended fields compare by type: numbers with numbers, strings with strings', async () => {
    expect(await ids({ 'info.extendedFields.custom.level': { $gt: 5 } })).toEqual([fixed['ann']]);
    expect(await ids({ 'info.extendedFields.custom.level': { $gte: 'a' } })).toEqual([fixed['emile']]);
    expect(await ids({ 'info.extendedFields.custom.level': { $in: [2, 'high'] } })).toEqual([fixed['bob'], fixed['emile']]);
    expect(await ids({ 'info.extendedFields.custom.team': { $startsWith: 'BL' } })).toEqual([fixed['bob']]);
  });

  it('$and, $or and $not combine', async () => {
    const filter = {
      $or: [{ 'info.name.first': 'Quinn' }, { $and: [{ 'info.company': { $startsWith: 'vandelay' } }, { $not: { 'info.name.first': 'Quinn' } }] }],
    };
    expect(await ids(filter)).toEqual([fixed['ann'], fixed['bob']]);
    expect(await ids({ $not: { 'info.company': { $exists: true } } })).toEqual(expected({ 'info.company': { $exists: false } }));
    expect(await ids({ $not: { 'info.name.first': { $startsWith: 'a' } } })).toEqual(expected({ $not: { 'info.name.first': { $startsWith: 'a' } } }));
  });

  it('the legacy search is an exact match on names, emails and phones', async () => {
    const body = await query({}, { search: 'ann@work.example' });
    expect((body['contacts'] as { id: string }[]).map((c) => c.id)).toEqual([fixed['ann']]);
  });
});

/** Values of a field present in the data set, as they would be written in a filter. */
function valuesOf(spec: QueryFieldSpec): unknown[] {
  const out = new Set<unknown>();
  for (const c of all) {
    const v = spec.read(c);
    for (const x of Array.isArray(v) ? v : [v]) {
      if (x instanceof Date) out.add(x.toISOString());
      else if (typeof x === 'string' || typeof x === 'number') out.add(x);
    }
  }
  return [...out].slice(0, 3);
}

function operands(spec: QueryFieldSpec, op: QueryOperator): unknown[] {
  const present = valuesOf(spec);
  const first = present[0];
  const absent = spec.type === 'date' ? '1971-01-01T00:00:00.000Z' : spec.type === 'localDate' ? '1971-01-01' : 'zz-absent';
  switch (op) {
    case 'exists': return [true, false];
    case 'in': case 'nin': case 'hasSome': case 'hasAll': return [[absent], [...present.slice(0, 2), absent], present.slice(0, 2)].filter((l) => l.length > 0);
    case 'startsWith': return typeof first === 'string' ? [first.slice(0, 2).toUpperCase(), absent] : [absent];
    default: return [...present, absent];
  }
}

describe('every field and operator of the 9.1 table matches the model', () => {
  const specs = [...QUERY_FIELDS, ...EXTENDED.map((n) => resolveQueryField(n))].filter((s) => s !== undefined);
  it.each(specs.map((s) => [s.name, s] as const))('%s', async (_name, spec) => {
    for (const op of spec.operators) {
      for (const operand of operands(spec, op)) {
        const filter = { [spec.sdkName ?? spec.name]: { [`$${op}`]: operand } };
        expect(await ids(filter), JSON.stringify(filter)).toEqual(expected(filter));
      }
    }
  });

  it('random filters (fast-check) give the model\'s answer', async () => {
    const specsWithOps = specs.flatMap((s) => s.operators.flatMap((op) => operands(s, op).map((v) => ({ [s.name]: { [`$${op}`]: v } }))));
    const leaf = fc.constantFrom(...specsWithOps);
    const tree = fc.letrec<{ node: Record<string, unknown> }>((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((n) => ({ $and: n })),
        fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((n) => ({ $or: n })),
        tie('node').map((n) => ({ $not: n }))),
    })).node;
    await fc.assert(fc.asyncProperty(tree, async (filter) => {
      expect(await ids(filter)).toEqual(expected(filter));
    }), { numRuns: 60, seed: 7 });
  }, 60_000);
});

describe('sorting', () => {
  const sortable = [...QUERY_FIELDS.filter((s) => s.sortable).map((s) => s.name), ...EXTENDED];
  it.each(sortable)('by %s, ASC and DESC, ties by id, DESC = ASC reversed', async (fieldName) => {
    const asc = await ids(undefined, [{ fieldName, order: 'ASC' }]);
    const desc = await ids(undefined, [{ fieldName, order: 'DESC' }]);
    const spec = parseSort([{ fieldName }]);
    expect(asc).toEqual([...all].sort((a, b) => compareContacts(a, b, spec)).map((c) => c._id));
    expect(desc).toEqual([...asc].reverse());
  });

  it('without a sort: createdDate ASC, then id', async () => {
    expect(await ids(undefined)).toEqual([...all].sort((a, b) => compareContacts(a, b, undefined)).map((c) => c._id));
  });

  it('refuses unsortable and unknown fields and more than one sort', async () => {
    for (const sort of [[{ fieldName: 'info.labelKeys' }], [{ fieldName: 'nope' }], [{ fieldName: 'createdDate' }, { fieldName: 'id' }]]) {
      const res = await t.call('POST', '/contacts/v4/contacts/query', { body: { query: { sort } } });
      expectEnvelope(res, 400, 'UNSUPPORTED_SORT_FIELD');
    }
  });
});

describe('paging and pagingMetadata', () => {
  it('pages with limit and offset and reports count, offset, total and hasNext', async () => {
    const total = all.length;
    const everything = await ids(undefined);
    const first = await query({ paging: { limit: 10, offset: 0 } });
    expect(first['pagingMetadata']).toEqual({ count: 10, offset: 0, total, tooManyToCount: false, hasNext: true });
    const last = await query({ paging: { limit: 10, offset: total - 3 } });
    expect(last['pagingMetadata']).toEqual({ count: 3, offset: total - 3, total, tooManyToCount: false, hasNext: false });
    expect((last['contacts'] as { id: string }[]).map((c) => c.id)).toEqual(everything.slice(total - 3));
    const beyond = await query({ paging: { limit: 10, offset: total + 5 } });
    expect(beyond['pagingMetadata']).toMatchObject({ count: 0, total });
    const def = await query({});
    expect(at(def, 'pagingMetadata', 'count')).toBe(Math.min(50, total));
  });

  it('limits: 0..1000, else ILLEGAL_LIMIT; a negative offset is INVALID_ARGUMENT', async () => {
    expect(at(await query({ paging: { limit: 0 } }), 'pagingMetadata', 'count')).toBe(0);
    expectEnvelope(await t.call('POST', '/contacts/v4/contacts/query', { body: { query: { paging: { limit: 1001 } } } }), 400, 'ILLEGAL_LIMIT');
    expectEnvelope(await t.call('POST', '/contacts/v4/contacts/query', { body: { query: { paging: { offset: -1 } } } }), 400, 'INVALID_ARGUMENT');
  });
});

describe('projection', () => {
  it('fields and fieldsets (union), id and revision always; FULL by default', async () => {
    const basic = await query({ filter: { id: fixed['ann'] }, fieldsets: ['BASIC'] });
    const c = at(basic, 'contacts', 0) as Record<string, unknown>;
    expect(Object.keys(c).sort()).toEqual(['id', 'info', 'primaryInfo', 'revision']);
    expect(Object.keys(c['info'] as object)).toEqual(['name']);
    const union = await query({ filter: { id: fixed['ann'] }, fieldsets: ['EXTENDED'], fields: ['info.company', '_createdDate'] });
    const u = at(union, 'contacts', 0) as Record<string, unknown>;
    expect(Object.keys(u).sort()).toEqual(['createdDate', 'id', 'info', 'primaryInfo', 'revision']);
    expect(Object.keys(u['info'] as object).sort()).toEqual(['company', 'extendedFields', 'name']);
    const comm = await query({ filter: { id: fixed['ann'] }, fieldsets: ['COMMUNICATION_DETAILS'] });
    expect(Object.keys(at(comm, 'contacts', 0, 'info') as object).sort()).toEqual(['addresses', 'emails', 'name']);
    const full = await query({ filter: { id: fixed['ann'] } });
    expect(at(full, 'contacts', 0, 'primaryEmail')).toBeDefined();
    const fullSet = await query({ filter: { id: fixed['ann'] }, fieldsets: ['FULL', 'BASIC'] });
    expect(at(fullSet, 'contacts', 0)).toEqual(at(full, 'contacts', 0));
  });

  it('applies to get and list too, and refuses unknown names', async () => {
    const get = await t.call('GET', `/contacts/v4/contacts/${fixed['ann']}?fields=info.jobTitle&fields=source`);
    expect(Object.keys(at(get.body, 'contact') as object).sort()).toEqual(['id', 'info', 'revision', 'source']);
    expect(at(get.body, 'contact', 'info')).toEqual({ jobTitle: 'CEO' });
    const list = await t.call('GET', '/contacts/v4/contacts?fieldsets=BASIC&paging.limit=2');
    expect(Object.keys(at(list.body, 'contacts', 0) as object).sort()).toEqual(['id', 'info', 'primaryInfo', 'revision']);
    const bad = await t.call('POST', '/contacts/v4/contacts/query', { body: { query: { fields: ['info.secret'] } } });
    expectEnvelope(bad, 400, 'INVALID_ARGUMENT');
  });
});

describe('list (GET)', () => {
  it('sorts and pages from the query string', async () => {
    const res = await t.call('GET', '/contacts/v4/contacts?sort.fieldName=info.name.first&sort.order=DESC&paging.limit=5&paging.offset=1');
    expect(res.status).toBe(200);
    const got = (at(res.body, 'contacts') as { id: string }[]).map((c) => c.id);
    const spec = parseSort([{ fieldName: 'info.name.first', order: 'DESC' }]);
    expect(got).toEqual([...all].sort((a, b) => compareContacts(a, b, spec)).slice(1, 6).map((c) => c._id));
    expect(at(res.body, 'pagingMetadata')).toMatchObject({ count: 5, offset: 1, total: all.length });
    expectEnvelope(await t.call('GET', '/contacts/v4/contacts?sort.fieldName=info.labelKeys'), 400, 'UNSUPPORTED_SORT_FIELD');
    expectEnvelope(await t.call('GET', '/contacts/v4/contacts?paging.limit=5000'), 400, 'ILLEGAL_LIMIT');
  });
});

describe('query error codes (9.1)', () => {
  it.each([
    [{ filter: 'x' }, 'MALFORMED_FILTER'],
    [{ filter: { $and: [] } }, 'MALFORMED_FILTER'],
    [{ filter: { 'info.shoeSize': 42 } }, 'UNSUPPORTED_FILTER_FIELD_UNKNOWN'],
    [{ filter: { 'info.labelKeys': { $eq: 'custom.x' } } }, 'UNSUPPORTED_FILTER_OPERATOR'],
    [{ filter: { 'info.name.first': { $regex: 'A' } } }, 'UNSUPPORTED_FILTER_OPERATOR'],
    [{ filter: { 'info.name.first': { $in: [] } } }, 'UNSUPPORTED_FILTER_VALUE'],
    [{ filter: { createdDate: { $gt: 'yesterday' } } }, 'UNSUPPORTED_FILTER_VALUE'],
    [{ filter: { 'info.name.first': { $eq: 5 } } }, 'UNSUPPORTED_FILTER_VALUE_TYPE'],
    [{ filter: { 'info.company': { $exists: 'yes' } } }, 'UNSUPPORTED_FILTER_VALUE_TYPE'],
  ])('%j -> %s', async (q, code) => {
    expectEnvelope(await t.call('POST', '/contacts/v4/contacts/query', { body: { query: q } }), 400, code);
  });
});
