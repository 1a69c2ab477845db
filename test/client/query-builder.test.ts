import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { EMPTY } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContacts } from '../../src/client/open-contacts.js';
import { createQueryBuilder } from '../../src/client/query-builder.js';
import type { ContactsClient, ContactsQueryBuilder, ContactsQueryResult } from '../../src/client/types.js';
import type { RawContactQuery } from '../../src/store/query/contact-query.js';
import { codeOf } from '../store/test-db.js';

describe('createQueryBuilder', () => {
  const captured: RawContactQuery[] = [];
  const builder = createQueryBuilder({
    find: (raw) => { captured.push(raw); return Promise.resolve({} as ContactsQueryResult); },
    observe: () => EMPTY,
  });

  it('builds the SDK WQL: eq as a bare value, other operators as $op, chained with $and', async () => {
    const d = new Date(0);
    await builder.eq('info.name.first', 'Ada').ne('info.company', 'X').gt('_createdDate', d).ge('_createdDate', d)
      .lt('_createdDate', d).le('_createdDate', d).in('_id', ['a']).exists('info.jobTitle', true)
      .startsWith('info.name.last', 'Lo').hasSome('info.labelKeys', ['custom.a']).hasAll('info.labelKeys', ['custom.b'])
      .descending('info.name.last').limit(10).skip(20).find();
    expect(captured.at(-1)).toEqual({
      filter: { $and: [
        { 'info.name.first': 'Ada' }, { 'info.company': { $ne: 'X' } }, { _createdDate: { $gt: d } }, { _createdDate: { $gte: d } },
        { _createdDate: { $lt: d } }, { _createdDate: { $lte: d } }, { _id: { $in: ['a'] } }, { 'info.jobTitle': { $exists: true } },
        { 'info.name.last': { $startsWith: 'Lo' } }, { 'info.labelKeys': { $hasSome: ['custom.a'] } }, { 'info.labelKeys': { $hasAll: ['custom.b'] } },
      ] },
      sort: [{ fieldName: 'info.name.last', order: 'DESC' }],
      paging: { limit: 10, offset: 20 },
    });
  });

  it('a single condition is not wrapped; an empty builder sends an empty filter; builders are immutable', async () => {
    const base = builder.limit(5);
    await base.eq('info.name.first', 'A').find();
    await base.find();
    expect(captured.slice(-2)).toEqual([
      { filter: { 'info.name.first': 'A' }, sort: [], paging: { limit: 5 } },
      { filter: {}, sort: [], paging: { limit: 5 } },
    ]);
  });
});

describe('queryContacts() on a client', () => {
  let client: ContactsClient;
  const ids: Record<string, string> = {};
  let clock = Date.UTC(2024, 0, 1);

  beforeAll(async () => {
    client = await openContacts({ name: 'q', sync: 'off', indexedDB: new IDBFactory(), IDBKeyRange, now: () => (clock += 1000) });
    const people = [
      { key: 'ada', info: { name: { first: 'Ada', last: 'Lovelace' }, emails: { items: [{ email: 'ada@example.com' }] }, company: 'Engines', birthdate: '1815-12-10', labelKeys: { items: ['custom.math', 'custom.vip'] } } },
      { key: 'alan', info: { name: { first: 'alan', last: 'Turing' }, phones: { items: [{ phone: '+44 20 7946 0001' }] }, jobTitle: 'Cryptanalyst', birthdate: '1912-06-23', labelKeys: { items: ['custom.math'] } } },
      { key: 'grace', info: { name: { first: 'Grace', last: 'Hopper' }, emails: { items: [{ email: 'grace@navy.example.mil' }] }, company: 'Navy', locale: 'en-US' } },
      { key: 'edsger', info: { name: { first: 'Edsger', last: 'Dijkstra' }, emails: { items: [{ email: 'ewd@example.nl' }] }, phones: { items: [{ phone: '+31 20 000 0000' }] } } },
      { key: 'barbara', info: { name: { last: 'Liskov' }, emails: { items: [{ email: 'Barbara@example.com' }] }, labelKeys: { items: ['custom.vip'] } } },
    ];
    for (const p of people) ids[p.key] = (await client.createContact(p.info)).contact._id;
  });
  afterAll(async () => { await client.close(); });

  const keysOf = async (q: ContactsQueryBuilder) => {
    const byId = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
    return (await q.find()).items.map((c) => byId[c._id]);
  };
  const q = () => client.queryContacts();

  it('eq / ne / in on strings are case-sensitive; startsWith is not', async () => {
    expect(await keysOf(q().eq('info.name.first', 'Ada'))).toEqual(['ada']);
    expect(await keysOf(q().eq('info.name.first', 'ada'))).toEqual([]);
    expect(await keysOf(q().ne('info.company', 'Navy'))).toEqual(['ada', 'alan', 'edsger', 'barbara']);
    expect(await keysOf(q().in('info.name.last', ['Turing', 'Hopper', 'hopper']))).toEqual(['alan', 'grace']);
    expect(await keysOf(q().startsWith('info.name.first', 'A'))).toEqual(['ada', 'alan']);
    expect(await keysOf(q().startsWith('primaryInfo.email', 'BARB'))).toEqual(['barbara']);
    expect(await keysOf(q().startsWith('primaryInfo.phone', '+44'))).toEqual(['alan']);
    expect(await keysOf(q().startsWith('info.company', 'eng'))).toEqual(['ada']);
    expect(await keysOf(q().eq('_id', ids['grace']))).toEqual(['grace']);
    expect(await keysOf(q().eq('info.locale', 'en-US'))).toEqual(['grace']);
  });

  it('exists', async () => {
    expect(await keysOf(q().exists('primaryInfo.phone', true))).toEqual(['alan', 'edsger']);
    expect(await keysOf(q().exists('info.name.first', false))).toEqual(['barbara']);
    expect(await keysOf(q().exists('info.jobTitle', true))).toEqual(['alan']);
  });

  it('gt / ge / lt / le on dates and local dates', async () => {
    const third = (await client.getContact(ids['grace']!))._createdDate!;
    const first = (await client.getContact(ids['ada']!))._createdDate!;
    expect(await keysOf(q().gt('_createdDate', third))).toEqual(['edsger', 'barbara']);
    expect(await keysOf(q().ge('_createdDate', third))).toEqual(['grace', 'edsger', 'barbara']);
    expect(await keysOf(q().lt('_createdDate', third.toISOString()))).toEqual(['ada', 'alan']);
    expect(await keysOf(q().le('_createdDate', third).gt('_createdDate', first))).toEqual(['alan', 'grace']);
    expect(await keysOf(q().lt('info.birthdate', '1900-01-01'))).toEqual(['ada']);
    expect(await keysOf(q().ge('_updatedDate', third))).toEqual(['grace', 'edsger', 'barbara']);
  });

  it('hasSome / hasAll on labels', async () => {
    expect(await keysOf(q().hasSome('info.labelKeys', ['custom.vip', 'custom.none']))).toEqual(['ada', 'barbara']);
    expect(await keysOf(q().hasAll('info.labelKeys', ['custom.vip', 'custom.math']))).toEqual(['ada']);
  });

  it('sorts ascending and descending (lower-cased, missing first), one sort only', async () => {
    expect(await keysOf(q().ascending('info.name.first'))).toEqual(['barbara', 'ada', 'alan', 'edsger', 'grace']);
    expect(await keysOf(q().descending('info.name.first'))).toEqual(['grace', 'edsger', 'alan', 'ada', 'barbara']);
    expect(await keysOf(q().descending('_createdDate'))).toEqual(['barbara', 'edsger', 'grace', 'alan', 'ada']);
    expect(await keysOf(q().ascending('primaryInfo.email'))).toEqual(['alan', 'ada', 'barbara', 'edsger', 'grace']);
    expect(await keysOf(q().ascending('primaryInfo.email').startsWith('primaryInfo.email', ''))).toEqual(['ada', 'barbara', 'edsger', 'grace']);
  });

  it('pages with limit/skip: totalCount, hasNext/hasPrev, next()/prev()', async () => {
    const page1 = await q().ascending('info.name.last').limit(2).find();
    expect(page1).toMatchObject({ totalCount: 5, pageSize: 2, currentPage: 0, totalPages: 3, length: 2 });
    expect(page1.hasNext()).toBe(true);
    expect(page1.hasPrev()).toBe(false);
    const page2 = await page1.next();
    expect(page2.items.map((c) => c.info.name?.last)).toEqual(['Liskov', 'Lovelace']);
    expect(page2.currentPage).toBe(1);
    const page3 = await page2.next();
    expect(page3.items.map((c) => c.info.name?.last)).toEqual(['Turing']);
    expect(page3.hasNext()).toBe(false);
    expect((await page3.prev()).items).toEqual(page2.items);
    expect((await q().skip(4).find()).items).toHaveLength(1);
  });

  it('fails with the Wix query codes', async () => {
    expect(await codeOf(q().startsWith('_createdDate', '2024').find())).toBe('400 UNSUPPORTED_FILTER_OPERATOR');
    expect(await codeOf(q().hasSome('info.name.first', ['a']).find())).toBe('400 UNSUPPORTED_FILTER_OPERATOR');
    expect(await codeOf(q().gt('info.name.first', 'a').find())).toBe('400 UNSUPPORTED_FILTER_OPERATOR');
    expect(await codeOf(q().eq('info.nickname', 'a').find())).toBe('400 UNSUPPORTED_FILTER_FIELD_UNKNOWN');
    expect(await codeOf(q().eq('info.name.first', 42).find())).toBe('400 UNSUPPORTED_FILTER_VALUE_TYPE');
    expect(await codeOf(q().in('info.name.first', []).find())).toBe('400 UNSUPPORTED_FILTER_VALUE');
    expect(await codeOf(q().gt('_createdDate', 'yesterday').find())).toBe('400 UNSUPPORTED_FILTER_VALUE');
    expect(await codeOf(q().eq('$and', 1).find())).toBe('400 MALFORMED_FILTER');
    expect(await codeOf(q().ascending('info.labelKeys').find())).toBe('400 UNSUPPORTED_SORT_FIELD');
    expect(await codeOf(q().ascending('info.name.first').descending('info.name.last').find())).toBe('400 UNSUPPORTED_SORT_FIELD');
    expect(await codeOf(q().limit(1001).find())).toBe('400 ILLEGAL_LIMIT');
    expect(await codeOf(q().skip(-1).find())).toBe('400 INVALID_ARGUMENT');
  });
});
