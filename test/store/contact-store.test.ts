import { describe, expect, it } from 'vitest';
import type { ContactInfo } from '../../src/model/contact.js';
import { ContactsError } from '../../src/model/contacts-error.js';
import { countPending } from '../../src/store/pending-count.js';
import { codeOf, openTestStore, putMember } from './test-db.js';

const ada: ContactInfo = {
  name: { first: 'Ada', last: 'Lovelace' },
  emails: { items: [{ email: 'ada@example.com', tag: 'WORK' }] },
  phones: { items: [{ phone: '+44 20 7946 0000', countryCode: 'GB' }] },
  company: 'Analytical Engines',
  extendedFields: { items: { 'custom.shoe': 38 } },
};

describe('ContactStore.createContact', () => {
  it('creates a normalised contact with a temporary id, revision 1 and derived fields', async () => {
    const { store } = await openTestStore();
    const c = await store.createContact(ada);
    expect(c._id).toMatch(/^tmp-/);
    expect(c.revision).toBe(1);
    expect(c._createdDate).toBeInstanceOf(Date);
    expect(c._updatedDate?.getTime()).toBe(c._createdDate?.getTime());
    expect(c.lastActivity).toEqual({ activityType: 'CONTACT_CREATED', activityDate: c._createdDate });
    expect(c.source).toEqual({ sourceType: 'OTHER' });
    expect(c.primaryInfo).toEqual({ email: 'ada@example.com', phone: '+44 20 7946 0000' });
    expect(c.info.emails?.items[0]?.primary).toBe(true);
    expect(c.info.extendedFields?.items['contacts.displayByFirstName']).toBe('Ada Lovelace');
    expect(await store.getContact(c._id)).toEqual(c);
  });

  it('rejects info without name, email or phone (400 INSUFFICIENT_CONTACT_DATA) and writes nothing', async () => {
    const { store, db } = await openTestStore();
    expect(await codeOf(store.createContact({ company: 'X' }))).toBe('400 INSUFFICIENT_CONTACT_DATA');
    expect(await db.contacts.count()).toBe(0);
  });

  it('rejects two primary emails (400 CANNOT_HAVE_MULTIPLE_PRIMARY_INFO)', async () => {
    const { store } = await openTestStore();
    const info = { emails: { items: [{ email: 'a@x.io', primary: true }, { email: 'b@x.io', primary: true }] } };
    expect(await codeOf(store.createContact(info))).toBe('400 CANNOT_HAVE_MULTIPLE_PRIMARY_INFO');
  });

  it('rejects a duplicate primary email case-insensitively (409 DUPLICATE_CONTACT_EXISTS with data) unless allowDuplicates', async () => {
    const { store } = await openTestStore();
    const first = await store.createContact(ada);
    const err = await store.createContact({ emails: { items: [{ email: 'ADA@example.com' }] } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContactsError);
    expect((err as ContactsError).code).toBe('DUPLICATE_CONTACT_EXISTS');
    expect((err as ContactsError).status).toBe(409);
    expect((err as ContactsError).data).toEqual({ duplicateContactId: first._id, duplicateEmail: 'ADA@example.com' });
    const forced = await store.createContact({ emails: { items: [{ email: 'ADA@example.com' }] } }, { allowDuplicates: true });
    expect(forced._id).not.toBe(first._id);
  });

  it('checks the phone only when the new contact has no email, against every primary phone', async () => {
    const { store } = await openTestStore();
    const first = await store.createContact(ada);
    const err = await store.createContact({ phones: { items: [{ phone: '+442079460000' }] } }).catch((e: unknown) => e as ContactsError);
    expect(err).toMatchObject({ code: 'DUPLICATE_CONTACT_EXISTS', data: { duplicateContactId: first._id, duplicatePhone: '+442079460000' } });
    // With an email of its own, the same phone is not a duplicate.
    await expect(store.createContact({ emails: { items: [{ email: 'other@x.io' }] }, phones: { items: [{ phone: '+442079460000' }] } }))
      .resolves.toMatchObject({ revision: 1 });
  });
});

describe('ContactStore.getContact', () => {
  it('404 CONTACT_NOT_FOUND for an unknown id; 400 for a non-string id', async () => {
    const { store } = await openTestStore();
    expect(await codeOf(store.getContact('nope'))).toBe('404 CONTACT_NOT_FOUND');
    expect(await codeOf(store.getContact(42))).toBe('400 INVALID_ARGUMENT');
  });

  it('follows the alias of a temporary id the server replaced', async () => {
    const { store, db } = await openTestStore();
    const c = await store.createContact(ada);
    const { contactRow } = await import('../../src/store/index-keys.js');
    await db.transaction('rw', db.contacts, db.aliases, async () => {
      await db.contacts.delete(c._id);
      await db.contacts.put(contactRow({ ...c, _id: 'server-1' }));
      await db.aliases.put({ tempId: c._id as never, serverId: 'server-1' as never });
    });
    expect((await store.getContact(c._id))._id).toBe('server-1');
    const updated = await store.updateContact(c._id, { company: 'X' }, 1);
    expect(updated._id).toBe('server-1');
  });
});

describe('ContactStore.updateContact', () => {
  it('applies the implicit field mask: scalars set, "" clears, lists replaced, extended fields per key', async () => {
    const { store } = await openTestStore();
    const c = await store.createContact({ ...ada, jobTitle: 'Countess', extendedFields: { items: { 'custom.a': 'x', 'custom.b': 'y' } } });
    const next = await store.updateContact(c._id, {
      name: { first: 'Augusta' },
      jobTitle: '',
      emails: { items: [{ email: 'aal@example.com' }] },
      extendedFields: { items: { 'custom.a': '', 'custom.c': 'z' } },
    }, 1);
    expect(next.revision).toBe(2);
    expect(next.info.name).toEqual({ first: 'Augusta', last: 'Lovelace' });
    expect(next.info.jobTitle).toBeUndefined();
    expect(next.info.company).toBe('Analytical Engines');
    expect(next.info.emails?.items.map((e) => e.email)).toEqual(['aal@example.com']);
    expect(next.info.phones?.items).toHaveLength(1);
    expect(next.info.extendedFields?.items).toMatchObject({ 'custom.b': 'y', 'custom.c': 'z' });
    expect(next.info.extendedFields?.items['custom.a']).toBeUndefined();
    expect(next.primaryInfo?.email).toBe('aal@example.com');
    expect(next.info.extendedFields?.items['contacts.displayByFirstName']).toBe('Augusta Lovelace');
    expect(next._updatedDate!.getTime()).toBeGreaterThan(c._updatedDate!.getTime());
    expect(next._createdDate).toEqual(c._createdDate);
  });

  it('drops primaryEmail when the patch removes every email', async () => {
    const { store } = await openTestStore();
    const c = await store.createContact(ada);
    const next = await store.updateContact(c._id, { emails: { items: [] } }, 1);
    expect(next.primaryInfo?.email).toBeUndefined();
    expect(next.primaryEmail).toBeUndefined();
    expect(next.primaryPhone?.phone).toBe('+44 20 7946 0000');
  });

  it('409 CONTACT_ALREADY_CHANGED for a stale or a future revision, and the stored contact is untouched', async () => {
    const { store } = await openTestStore();
    const c = await store.createContact(ada);
    await store.updateContact(c._id, { company: 'B' }, 1);
    expect(await codeOf(store.updateContact(c._id, { company: 'C' }, 1))).toBe('409 CONTACT_ALREADY_CHANGED');
    expect(await codeOf(store.updateContact(c._id, { company: 'C' }, 3))).toBe('409 CONTACT_ALREADY_CHANGED');
    expect((await store.getContact(c._id)).info.company).toBe('B');
    expect((await store.updateContact(c._id, { company: 'C' }, 2)).revision).toBe(3);
  });

  it('the four 400 codes', async () => {
    const { store } = await openTestStore();
    const c = await store.createContact({ name: { first: 'Solo' } });
    expect(await codeOf(store.updateContact(c._id, {}, 1))).toBe('400 INSUFFICIENT_UPDATE_CONTACT_DATA');
    expect(await codeOf(store.updateContact(c._id, { name: { first: '' } }, 1))).toBe('400 INSUFFICIENT_CONTACT_DATA');
    expect(await codeOf(store.updateContact(c._id, { phones: { items: [{ phone: '1', primary: true }, { phone: '2', primary: true }] } }, 1)))
      .toBe('400 CANNOT_HAVE_MULTIPLE_PRIMARY_INFO');
    expect(await codeOf(store.updateContact(c._id, { extendedFields: { items: { 'custom.x': true as unknown as string } } }, 1)))
      .toBe('400 INVALID_EXTENDED_FIELD_VALUE');
    expect(await codeOf(store.updateContact(c._id, { company: 'x'.repeat(1001) }, 1))).toBe('400 INVALID_ARGUMENT');
    expect(await codeOf(store.updateContact(c._id, { company: 'x' }, undefined))).toBe('400 INVALID_ARGUMENT');
    expect((await store.getContact(c._id)).revision).toBe(1);
  });

  it('404 CONTACT_NOT_FOUND for an unknown contact', async () => {
    const { store } = await openTestStore();
    expect(await codeOf(store.updateContact('missing', { company: 'x' }, 1))).toBe('404 CONTACT_NOT_FOUND');
  });

  it('409 DUPLICATE_CONTACT_EXISTS when the patch sends emails that another contact has; not when it sends other fields', async () => {
    const { store } = await openTestStore();
    const a = await store.createContact(ada);
    const b = await store.createContact({ emails: { items: [{ email: 'bob@example.com' }] } });
    const err = await store.updateContact(b._id, { emails: { items: [{ email: 'Ada@Example.com' }] } }, 1).catch((e: unknown) => e as ContactsError);
    expect(err).toMatchObject({ code: 'DUPLICATE_CONTACT_EXISTS', status: 409, data: { duplicateContactId: a._id } });
    // Re-sending its own email is not a duplicate of itself.
    await expect(store.updateContact(a._id, { emails: { items: [{ email: 'ada@example.com' }] } }, 1)).resolves.toMatchObject({ revision: 2 });
    await expect(store.updateContact(b._id, { emails: { items: [{ email: 'Ada@Example.com' }] } }, 1, { allowDuplicates: true }))
      .resolves.toMatchObject({ revision: 2 });
  });

  it('428 CANNOT_UPDATE_MEMBER_EMAIL when a member contact\'s primary email would change; other fields still update', async () => {
    const { store, db } = await openTestStore();
    const member = await putMember(db, await store.createContact(ada));
    expect(await codeOf(store.updateContact(member._id, { emails: { items: [{ email: 'new@example.com' }] } }, 1)))
      .toBe('428 CANNOT_UPDATE_MEMBER_EMAIL');
    expect(await codeOf(store.updateContact(member._id, { emails: { items: [{ email: 'ADA@example.com' }] } }, 1)))
      .toBe('428 CANNOT_UPDATE_MEMBER_EMAIL');
    const next = await store.updateContact(member._id, { company: 'Babbage & Co', emails: { items: [{ email: 'ada@example.com' }, { email: 'b@x.io' }] } }, 1);
    expect(next.info.company).toBe('Babbage & Co');
    expect(next.memberInfo?.memberId).toBe('m-1');
  });
});

describe('ContactStore.deleteContact', () => {
  it('deletes; a second delete is 404', async () => {
    const { store } = await openTestStore();
    const c = await store.createContact(ada);
    await store.deleteContact(c._id);
    expect(await codeOf(store.getContact(c._id))).toBe('404 CONTACT_NOT_FOUND');
    expect(await codeOf(store.deleteContact(c._id))).toBe('404 CONTACT_NOT_FOUND');
  });

  it('428 CANNOT_DELETE_MEMBER for a member contact', async () => {
    const { store, db } = await openTestStore();
    const member = await putMember(db, await store.createContact(ada));
    expect(await codeOf(store.deleteContact(member._id))).toBe('428 CANNOT_DELETE_MEMBER');
    expect(await db.contacts.count()).toBe(1);
  });

  it('keeps the base and conflicts of a deleted contact for the engine', async () => {
    const { store, db } = await openTestStore();
    const c = await store.createContact(ada);
    await db.bases.put({ contactId: c._id as never, serverRevision: 4 as never, contact: c });
    await store.deleteContact(c._id);
    expect(await db.bases.count()).toBe(1);
  });
});

describe('ContactStore labels', () => {
  it('labelContact adds only missing keys; unlabelContact removes present ones; both idempotent without a revision bump', async () => {
    const { store } = await openTestStore();
    const c = await store.createContact(ada);
    const l1 = await store.labelContact(c._id, ['custom.vip', 'custom.friend']);
    expect(l1.revision).toBe(2);
    expect(l1.info.labelKeys?.items).toEqual(['custom.vip', 'custom.friend']);
    const l2 = await store.labelContact(c._id, ['custom.vip']);
    expect(l2.revision).toBe(2);
    const l3 = await store.labelContact(c._id, ['custom.friend', 'custom.new', 'custom.new']);
    expect(l3.info.labelKeys?.items).toEqual(['custom.vip', 'custom.friend', 'custom.new']);
    expect(l3.revision).toBe(3);
    const u1 = await store.unlabelContact(c._id, ['custom.vip', 'custom.absent']);
    expect(u1.info.labelKeys?.items).toEqual(['custom.friend', 'custom.new']);
    expect(u1.revision).toBe(4);
    expect((await store.unlabelContact(c._id, ['custom.absent'])).revision).toBe(4);
    const u2 = await store.unlabelContact(c._id, ['custom.friend', 'custom.new']);
    expect(u2.info.labelKeys).toBeUndefined();
  });

  it('validates keys (400) and the contact (404)', async () => {
    const { store } = await openTestStore();
    const c = await store.createContact(ada);
    expect(await codeOf(store.labelContact(c._id, []))).toBe('400 INVALID_ARGUMENT');
    expect(await codeOf(store.labelContact(c._id, ['no-namespace']))).toBe('400 INVALID_ARGUMENT');
    expect(await codeOf(store.unlabelContact(c._id, 'custom.a'))).toBe('400 INVALID_ARGUMENT');
    expect(await codeOf(store.labelContact('missing', ['custom.a']))).toBe('404 CONTACT_NOT_FOUND');
    expect(await codeOf(store.unlabelContact('missing', ['custom.a']))).toBe('404 CONTACT_NOT_FOUND');
  });
});

describe('ContactStore outbox', () => {
  it('queues nothing without a remote', async () => {
    const { store, db } = await openTestStore();
    let grew = 0;
    store.onOutboxGrew(() => { grew += 1; });
    const c = await store.createContact(ada);
    await store.updateContact(c._id, { company: 'x' }, 1);
    expect(await db.outbox.count()).toBe(0);
    expect(grew).toBe(0);
  });

  it('appends one typed row per effective mutation, in order, and tells listeners after commit', async () => {
    const { store, db } = await openTestStore({ queueMutations: true });
    const seen: number[] = [];
    const off = store.onOutboxGrew((rows) => { seen.push(rows); });
    const c = await store.createContact(ada, { allowDuplicates: true });
    await store.updateContact(c._id, { company: 'x' }, 1);
    await store.labelContact(c._id, ['custom.a', 'custom.b']);
    await store.labelContact(c._id, ['custom.a']); // no change: no row
    await store.unlabelContact(c._id, ['custom.b', 'custom.z']);
    await expect(store.updateContact(c._id, { company: 'y' }, 1)).rejects.toThrow(); // failed: no row
    await store.deleteContact(c._id);
    off();
    const rows = await db.outbox.orderBy('seq').toArray();
    expect(rows.map((r) => r.op)).toEqual(['create', 'update', 'label', 'unlabel', 'delete']);
    expect(rows[0]).toMatchObject({ op: 'create', contactId: c._id, allowDuplicates: true });
    expect(rows[1]).toMatchObject({ op: 'update', patch: { company: 'x' }, allowDuplicates: false });
    expect(rows[2]).toMatchObject({ op: 'label', labelKeys: ['custom.a', 'custom.b'] });
    expect(rows[3]).toMatchObject({ op: 'unlabel', labelKeys: ['custom.b'] });
    expect(new Set(rows.map((r) => r.mutationId)).size).toBe(5);
    expect(rows.every((r) => typeof r.createdAt === 'number')).toBe(true);
    expect(seen).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('ContactStore.importContacts', () => {
  it('imports all in one transaction, with the duplicate rule applied within the batch', async () => {
    const { store, db } = await openTestStore({ queueMutations: true });
    const imported = await store.importContacts([ada, { name: { first: 'Bob' } }, { phones: { items: [{ phone: '555-0100' }] } }]);
    expect(imported.map((c) => c.revision)).toEqual([1, 1, 1]);
    expect(await db.contacts.count()).toBe(3);
    // One batch row for the lot (the engine splits it), counted as three pending creates.
    expect(await db.outbox.toArray()).toMatchObject([{ op: 'import', contactId: 'import-batch:3', contactIds: imported.map((c) => c._id), allowDuplicates: false }]);
    expect(await countPending(db)).toBe(3);
    const grew: number[] = [];
    store.onOutboxGrew((rows) => grew.push(rows));
    await store.importContacts([{ name: { first: 'Two' } }, { name: { first: 'More' } }]);
    expect(grew).toEqual([2]);
    const err = await store.importContacts([{ name: { first: 'New' } }, { emails: { items: [{ email: 'x@y.io' }] } }, { emails: { items: [{ email: 'X@y.io' }] } }])
      .catch((e: unknown) => e as ContactsError);
    expect(err).toMatchObject({ code: 'DUPLICATE_CONTACT_EXISTS' });
    expect(await db.contacts.count()).toBe(5);
    expect(await codeOf(store.importContacts([{ phones: { items: [{ phone: '555-0100' }] } }]))).toBe('409 DUPLICATE_CONTACT_EXISTS');
    expect(await codeOf(store.importContacts([{ company: 'no name' }]))).toBe('400 INSUFFICIENT_CONTACT_DATA');
    await expect(store.importContacts([{ phones: { items: [{ phone: '555-0100' }] } }], { allowDuplicates: true })).resolves.toHaveLength(1);
  });
});
