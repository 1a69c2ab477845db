/**
 * Group commit (server/storage/update-batcher.ts) against the storage itself: a batch that
 * travels as one JSON document must write every column exactly as a single UPDATE does, and
 * each row must still pass or fail its own revision check.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactInfo } from '../../src/model/contact.js';
import { normalizeInfo } from '../../src/model/normalize.js';
import { assignItemIds, newContact, nextVersion, toStored } from '../../server/contacts/contact-builder.js';
import { columnValues, type StoredContact } from '../../server/storage/contact-columns.js';
import { ensureTenant, insertContact } from '../../server/storage/contact-store.js';
import { openStorage } from '../../server/storage/open-storage.js';
import type { Sql } from '../../server/storage/sql.js';
import { UpdateBatcher } from '../../server/storage/update-batcher.js';
import { testStorage } from './support/test-server.js';

let sql: Sql;
beforeAll(async () => {
  sql = await openStorage(testStorage());
});
afterAll(async () => {
  await sql.close();
});

const T0 = new Date('2024-01-02T03:04:05.678Z');

function info(i: number): ContactInfo {
  return {
    // Characters a hand-built JSON document or an array literal could get wrong.
    name: { first: `Zoë "${i}" \\ back`, last: `O'Brien, {${i}}` },
    emails: { items: [{ email: `a"${i}@example.com` }, { email: `B,${i}@Example.com` }] },
    company: `Ünïcødé 😀 ${i}`,
  };
}

async function seed(tenantId: string, count: number): Promise<StoredContact[]> {
  await ensureTenant(sql, tenantId);
  const out: StoredContact[] = [];
  for (let i = 0; i < count; i++) {
    const stored = toStored(newContact(assignItemIds(normalizeInfo(info(i)), undefined, randomUUID), randomUUID(), T0));
    await insertContact(sql, tenantId, stored);
    out.push(stored);
  }
  return out;
}

function edited(base: StoredContact, jobTitle: string): StoredContact {
  const next = { ...base.contact.info, jobTitle, phones: { items: [{ phone: '+1 212 555 0100', _id: randomUUID() }] } };
  return toStored(nextVersion(base.contact, normalizeInfo(next), new Date(T0.getTime() + 1000)));
}

type Row = {
  id: string;
  seq: number;
  revision: number;
  data: unknown;
  created_at: Date;
  updated_at: Date;
  member_id: string | null;
  email_key: string | null;
  phone_key: string | null;
  email_keys: string[];
  sort_first: string;
  sort_last: string;
  sort_email: string;
  sort_company: string;
  sort_job_title: string;
};

async function rows(tenantId: string): Promise<Map<string, Row>> {
  const all = await sql.query<Row>('SELECT * FROM contacts WHERE tenant_id = $1', [tenantId], { prepare: false });
  return new Map(all.map((r) => [r.id, r]));
}

/** What the columns of `stored` must read back as. */
function expectedColumns(stored: StoredContact): Omit<Row, 'id' | 'seq'> {
  const [revision, , createdAt, updatedAt, memberId, emailKey, phoneKey, emailKeys, ...sorts] = columnValues(stored);
  const [sortFirst, sortLast, sortEmail, sortCompany, sortJobTitle] = sorts;
  return {
    revision: revision as number, data: stored.wire, created_at: createdAt as Date, updated_at: updatedAt as Date,
    member_id: memberId as string | null, email_key: emailKey as string | null, phone_key: phoneKey as string | null,
    email_keys: [...(emailKeys as string[])], sort_first: sortFirst as string, sort_last: sortLast as string,
    sort_email: sortEmail as string, sort_company: sortCompany as string, sort_job_title: sortJobTitle as string,
  };
}

describe('UpdateBatcher', () => {
  it('a batch writes every column as given, and only the rows whose revision matches', async () => {
    const tenantId = `batch-${randomUUID()}`;
    const seeded = await seed(tenantId, 6);
    const before = await rows(tenantId);
    const batcher = new UpdateBatcher(sql);
    const next = seeded.map((s, i) => edited(s, `Job ${i}`));
    // Odd rows carry a stale revision: they must fail on their own without failing the others.
    const results = await Promise.all(next.map((n, i) => batcher.update(tenantId, i % 2 === 0 ? 1 : 7, n)));
    expect(results).toEqual(next.map((_, i) => i % 2 === 0));
    const after = await rows(tenantId);
    next.forEach((n, i) => {
      const row = after.get(n.contact._id);
      const expected = i % 2 === 0 ? expectedColumns(n) : expectedColumns(seeded[i]!);
      expect(row).toMatchObject(expected);
      if (i % 2 === 1) expect(row?.seq).toBe(before.get(n.contact._id)?.seq);
    });
    const seqs = next.filter((_, i) => i % 2 === 0).map((n) => after.get(n.contact._id)?.seq ?? -1);
    expect(new Set(seqs).size).toBe(seqs.length);
    const maxBefore = Math.max(...[...before.values()].map((r) => r.seq));
    for (const s of seqs) expect(s).toBeGreaterThan(maxBefore);
  });

  it('updates of one contact with the same revision: exactly one wins, whatever batch each lands in', async () => {
    const tenantId = `race-${randomUUID()}`;
    const [base] = await seed(tenantId, 1);
    const batcher = new UpdateBatcher(sql);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => batcher.update(tenantId, 1, edited(base!, `W${i}`))));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await rows(tenantId)).get(base!.contact._id)?.revision).toBe(2);
  });
});
