/**
 * A page with this tab's writes applied, from the page alone (src/live/with-local-writes.ts).
 * The property: the page it gives is exactly what the query would read from the database
 * with the first of the writes stored, as many as it could place; it never guesses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeWrites, withLocalWrites } from '../../src/live/with-local-writes.js';
import type { Contact } from '../../src/model/contact.js';
import { compareContacts, matchesFilter } from '../../src/model/query/match.js';
import { newContact } from '../../src/store/build-contact.js';
import { parseContactQuery, type ContactQuery, type RawContactQuery } from '../../src/store/query/contact-query.js';
import type { LocalWrite } from '../../src/store/local-writes.js';

const person = (id: string, last: string, revision = 1, createdMs = Date.UTC(2024, 0, 1)): Contact => ({ ...newContact(id, { name: { first: 'P', last } }, createdMs), revision });

/** What the database would answer: every match, sorted, the page cut out. */
function read(all: readonly Contact[], q: ContactQuery): Contact[] {
  return all.filter((c) => q.filter === undefined || matchesFilter(c, q.filter))
    .sort((a, b) => compareContacts(a, b, q.sort))
    .slice(q.offset, q.offset + q.limit);
}

const byLast = (limit: number, extra: RawContactQuery = {}): ContactQuery =>
  parseContactQuery({ sort: [{ fieldName: 'info.name.last', order: 'ASC' }], paging: { limit }, ...extra });
const versions = (list: readonly Contact[] | undefined): string[] | undefined => list?.map((c) => `${c._id}@${String(c.revision)}`);
const edit = (c: Contact, last: string): LocalWrite => {
  const after = person(c._id, last, c.revision + 1);
  return { id: c._id, after, revision: after.revision };
};

describe('withLocalWrites', () => {
  const [a, b, c, d] = [person('a', 'Adams'), person('b', 'Baker'), person('c', 'Clark'), person('d', 'Davis')];
  const q = byLast(3);
  const page = read([a, b, c, d], q); // a b c (d follows in the database)

  it('an edit that keeps its place replaces the contact where it is', () => {
    expect(versions(withLocalWrites(page, [edit(b, 'Bakerman')], q))).toEqual(['a@1', 'b@2', 'c@1']);
  });

  it('a new contact that sorts inside a full page pushes the last one out; one after it is not shown', () => {
    const e = person('e', 'Aaron');
    expect(versions(withLocalWrites(page, [{ id: 'e', after: e, revision: 1 }], q))).toEqual(['e@1', 'a@1', 'b@1']);
    const z = person('z', 'Zorn');
    expect(versions(withLocalWrites(page, [{ id: 'z', after: z, revision: 1 }], q))).toEqual(['a@1', 'b@1', 'c@1']);
  });

  it('stops when a shown contact leaves a full page or moves to its last place (the next match is not in the page)', () => {
    expect(versions(withLocalWrites(page, [{ id: 'a', after: undefined, revision: 2 }], q))).toEqual(versions(page));
    expect(versions(withLocalWrites(page, [edit(a, 'Young')], q))).toEqual(versions(page));
    expect(versions(withLocalWrites(page, [edit(a, 'Clarke')], q))).toEqual(versions(page));
  });

  it('keeps the writes before the first it cannot place, and applies none after it', () => {
    const writes = [edit(b, 'Bakerman'), edit(a, 'Young'), edit(c, 'Clarkson')];
    expect(versions(withLocalWrites(page, writes, q))).toEqual(['a@1', 'b@2', 'c@1']);
  });

  it('on a page that holds every match, a deletion or a move to the end is exact', () => {
    const all = byLast(10);
    const whole = read([a, b, c, d], all);
    expect(versions(withLocalWrites(whole, [{ id: 'a', after: undefined, revision: 2 }], all))).toEqual(['b@1', 'c@1', 'd@1']);
    expect(versions(withLocalWrites(whole, [edit(a, 'Young')], all))).toEqual(['b@1', 'c@1', 'd@1', 'a@2']);
  });

  it('skips a write the page already shows, or shows something newer of', () => {
    const newer = [a, person('b', 'Baker', 3), c];
    expect(versions(withLocalWrites(newer, [edit(b, 'Bakerman')], q))).toEqual(['a@1', 'b@3', 'c@1']);
  });

  it('places nothing on a page after the first (what sorts before it is not in it)', () => {
    const second = byLast(2, { paging: { limit: 2, offset: 2 } });
    expect(versions(withLocalWrites(page, [edit(b, 'Bakerman')], second))).toEqual(versions(page));
    expect(withLocalWrites(page, [], second)).toEqual(page);
  });

  it('applies the filter: a contact that stops matching leaves, one that starts matching enters', () => {
    const bq = byLast(5, { filter: { 'info.name.last': { $startsWith: 'b' } } });
    const shown = read([a, b, c, d], bq); // b only: the page holds every match
    expect(versions(withLocalWrites(shown, [edit(b, 'Adler')], bq))).toEqual([]);
    expect(versions(withLocalWrites(shown, [edit(c, 'Brown')], bq))).toEqual(['b@1', 'c@2']);
  });

  it('property: the page it gives is the page the database would read with a prefix of the writes stored', () => {
    let withWrites = 0;
    let allPlaced = 0;
    const lastName = fc.constantFrom('Adams', 'adams', 'Baker', 'Clark', 'Davis', 'Evans', 'Bo', '');
    const op = fc.oneof(
      fc.record({ kind: fc.constant('edit' as const), who: fc.nat(9), last: lastName }),
      fc.record({ kind: fc.constant('delete' as const), who: fc.nat(9) }),
      fc.record({ kind: fc.constant('create' as const), last: lastName }),
    );
    const queryArb = fc.record({
      limit: fc.integer({ min: 1, max: 6 }),
      order: fc.constantFrom('ASC', 'DESC'),
      field: fc.constantFrom('info.name.last', '_createdDate'),
      filter: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined }),
    });
    fc.assert(fc.property(fc.array(lastName, { maxLength: 10 }), queryArb, fc.array(op, { maxLength: 6 }), (lasts, qa, ops) => {
      const query = parseContactQuery({
        sort: [{ fieldName: qa.field, order: qa.order }], paging: { limit: qa.limit },
        ...(qa.filter === undefined ? {} : { filter: { 'info.name.last': { $startsWith: qa.filter } } }),
      });
      let all = lasts.map((last, i) => person(`c${String(i)}`, last, 1, i % 3));
      const before = read(all, query);
      // What the database would read after each prefix of the writes (0, 1, ... of them).
      const states = [versions(before)];
      const writes: LocalWrite[] = [];
      let created = 0;
      for (const o of ops) {
        if (o.kind === 'create') {
          const fresh = person(`n${String(created++)}`, o.last, 1, created % 3);
          all = [...all, fresh];
          writes.push({ id: fresh._id, after: fresh, revision: 1 });
          states.push(versions(read(all, query)));
          continue;
        }
        const target = all[o.who % Math.max(all.length, 1)];
        if (target === undefined) continue;
        if (o.kind === 'delete') {
          all = all.filter((x) => x._id !== target._id);
          writes.push({ id: target._id, after: undefined, revision: target.revision + 1 });
        } else {
          const after = person(target._id, o.last, target.revision + 1, target._createdDate?.getTime());
          all = all.map((x) => (x._id === target._id ? after : x));
          writes.push({ id: target._id, after, revision: after.revision });
        }
        states.push(versions(read(all, query)));
      }
      const { items, applied } = placeWrites(before, writes, query);
      expect(versions(items)).toEqual(states[applied]);
      if (writes.length > 0) withWrites++;
      if (writes.length > 0 && applied === writes.length) allPlaced++;
    }), { numRuns: 2000 });
    // Not a function that gives up: most histories are placed whole.
    expect(allPlaced / withWrites).toBeGreaterThan(0.5);
  });
});
