/**
 * Two and three devices against the real server: the scenarios of the sync issue. Each
 * device syncs inline; tests drive rounds with `syncNow()`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isTempId } from '../../src/model/ids.js';
import type { RunningServer } from '../../server/index.js';
import {
  expectConverged, localContacts, openDevice, pendingOf, person, serverApi, serverContacts, startTestServer, type Device,
} from '../support/sync-harness.js';

let server: RunningServer;
const devices: Device[] = [];

beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.close(); });
afterEach(async () => {
  for (const d of devices.splice(0)) await d.client.destroy();
  // Each test starts from an empty tenant.
  const api = serverApi(server);
  for (const id of (await serverContacts(server)).keys()) await api.deleteContact(id);
});

async function device(policy: 'local' | 'remote' = 'local'): Promise<Device> {
  const d = await openDevice(server, { policy });
  devices.push(d);
  return d;
}

/** A contact on the server that every given device has pulled. */
async function shared(first: string, ...on: Device[]) {
  const created = await serverApi(server).createContact(person(first, { company: 'Base Co', jobTitle: 'Base' }), { idempotencyKey: crypto.randomUUID() });
  for (const d of on) await d.client.sync.syncNow();
  return created;
}

describe('sync scenarios', () => {
  it('offline create, then sync: the contact reaches the server once and is re-keyed locally', async () => {
    const a = await device();
    a.net.offline = true;
    const { contact } = await a.client.createContact(person('Olga', { emails: { items: [{ email: 'olga@example.com' }] } }));
    expect(isTempId(contact._id)).toBe(true);
    await expect(a.client.sync.syncNow()).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect(await pendingOf(a.client)).toBe(1);
    a.net.offline = false;
    await a.client.sync.syncNow();
    const remote = [...(await serverContacts(server)).values()];
    expect(remote).toHaveLength(1);
    expect(remote[0]?.info.name).toEqual({ first: 'Olga', last: 'Tester' });
    const byTemp = await a.client.getContact(contact._id);
    expect(byTemp._id).toBe(remote[0]?._id);
    expect(byTemp.info.emails?.items[0]?._id).toBeDefined(); // server-assigned item ids came back
    await expectConverged(server, [a]);
  });

  it('offline import, some contacts edited or deleted before the sync: each reaches the server once, as last seen here', async () => {
    const a = await device();
    const b = await device();
    a.net.offline = true;
    const { contacts } = await a.client.importContacts(['Ia', 'Ib', 'Ic', 'Id'].map((first) => person(first)));
    expect(contacts.every((c) => isTempId(c._id))).toBe(true);
    await a.client.updateContact(contacts[1]!._id, { company: 'Edited offline' }, 1);
    await a.client.deleteContact(contacts[2]!._id);
    await expect(a.client.sync.syncNow()).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    // Four creates, an update and a delete; a push pass that ran meanwhile dropped the create
    // and the delete of the third locally (nothing to send).
    expect([4, 6]).toContain(await pendingOf(a.client));
    a.net.offline = false;
    await a.client.sync.syncNow();
    expect(await pendingOf(a.client)).toBe(0);
    const remote = [...(await serverContacts(server)).values()];
    expect(remote.map((c) => c.info.name?.first).sort()).toEqual(['Ia', 'Ib', 'Id']);
    expect(remote.find((c) => c.info.name?.first === 'Ib')?.info.company).toBe('Edited offline');
    // One POST per surviving contact: the deleted one never left the device.
    expect(a.net.log.filter((r) => r.method === 'POST' && r.url.endsWith('/contacts/v4/contacts') && r.status === 200)).toHaveLength(3);
    expect((await a.client.getContact(contacts[0]!._id))._id).toBe(remote.find((c) => c.info.name?.first === 'Ia')?._id);
    await b.client.sync.syncNow();
    await expectConverged(server, [a, b]);
  });

  it('different fields on two devices merge without a conflict', async () => {
    const a = await device();
    const b = await device();
    const c = await shared('Dana', a, b);
    const la = await a.client.getContact(c._id);
    const lb = await b.client.getContact(c._id);
    await a.client.updateContact(c._id, { company: 'A Corp' }, la.revision);
    await b.client.updateContact(c._id, { jobTitle: 'Chief B' }, lb.revision);
    await a.client.sync.syncNow();
    await b.client.sync.syncNow();
    await a.client.sync.syncNow();
    const onServer = (await serverContacts(server)).get(c._id);
    expect(onServer?.info.company).toBe('A Corp');
    expect(onServer?.info.jobTitle).toBe('Chief B');
    expect(onServer?.revision).toBe(3); // created 1, A's push 2, B's merged push 3
    expect(await a.client.listConflicts()).toEqual([]);
    expect(await b.client.listConflicts()).toEqual([]);
    await expectConverged(server, [a, b]);
  });

  it('same field: the later syncer wins, the loss is recorded, resolveConflict(remote) undoes it everywhere', async () => {
    const a = await device();
    const b = await device();
    const c = await shared('Sam', a, b);
    await a.client.updateContact(c._id, { company: 'From A' }, (await a.client.getContact(c._id)).revision);
    await b.client.updateContact(c._id, { company: 'From B' }, (await b.client.getContact(c._id)).revision);
    await a.client.sync.syncNow();
    await b.client.sync.syncNow();
    await a.client.sync.syncNow();
    expect((await serverContacts(server)).get(c._id)?.info.company).toBe('From B');
    const [conflict, ...more] = await b.client.listConflicts();
    expect(more).toEqual([]);
    expect(conflict).toMatchObject({ contactId: c._id, kind: 'field', path: 'info.company', base: 'Base Co', local: 'From B', remote: 'From A', chosen: 'local' });
    await expectConverged(server, [a, b]);
    await b.client.resolveConflict(conflict!.id, 'remote');
    expect((await b.client.getContact(c._id)).info.company).toBe('From A');
    await b.client.sync.syncNow();
    await a.client.sync.syncNow();
    expect((await serverContacts(server)).get(c._id)?.info.company).toBe('From A');
    expect(await b.client.listConflicts()).toEqual([]);
    await expectConverged(server, [a, b]);
  });

  it("remote policy: the server's value wins and the local loss is recorded", async () => {
    const a = await device();
    const b = await device('remote');
    const c = await shared('Rem', a, b);
    await a.client.updateContact(c._id, { company: 'From A' }, (await a.client.getContact(c._id)).revision);
    await b.client.updateContact(c._id, { company: 'From B' }, (await b.client.getContact(c._id)).revision);
    await a.client.sync.syncNow();
    await b.client.sync.syncNow();
    expect((await serverContacts(server)).get(c._id)?.info.company).toBe('From A');
    expect(await b.client.listConflicts()).toMatchObject([{ path: 'info.company', local: 'From B', remote: 'From A', chosen: 'remote' }]);
    await a.client.sync.syncNow();
    await expectConverged(server, [a, b]);
  });

  it('emails added on both sides are both kept, each once', async () => {
    const a = await device();
    const b = await device();
    const c = await shared('Eve', a, b);
    await a.client.updateContact(c._id, { emails: { items: [{ email: 'eve@a.example' }] } }, (await a.client.getContact(c._id)).revision);
    await b.client.updateContact(c._id, { emails: { items: [{ email: 'EVE@b.example' }, { email: 'eve@a.example' }] } }, (await b.client.getContact(c._id)).revision);
    await a.client.sync.syncNow();
    await b.client.sync.syncNow();
    await a.client.sync.syncNow();
    const emails = (await serverContacts(server)).get(c._id)?.info.emails?.items.map((e) => e.email);
    expect(emails?.sort()).toEqual(['EVE@b.example', 'eve@a.example']);
    await expectConverged(server, [a, b]);
  });

  it('label add vs remove: both apply, never a conflict', async () => {
    const a = await device();
    const b = await device();
    const api = serverApi(server);
    const keep = await api.ensureLabel('keep');
    const drop = await api.ensureLabel('drop');
    const c = await api.createContact(person('Lab', { labelKeys: { items: [keep, drop] } }), { idempotencyKey: crypto.randomUUID() });
    await a.client.sync.syncNow();
    await b.client.sync.syncNow();
    await a.client.labelContact(c._id, ['custom.fresh']);
    await b.client.unlabelContact(c._id, [drop]);
    await a.client.sync.syncNow();
    await b.client.sync.syncNow();
    await a.client.sync.syncNow();
    expect((await serverContacts(server)).get(c._id)?.info.labelKeys?.items.sort()).toEqual(['custom.fresh', keep].sort());
    expect(await a.client.listConflicts()).toEqual([]);
    expect(await b.client.listConflicts()).toEqual([]);
    await expectConverged(server, [a, b]);
  });

  it('remote delete vs local edit: a delete conflict keeps the local data; keeping it re-creates the contact', async () => {
    const a = await device();
    const b = await device();
    const c = await shared('Del', a, b);
    await a.client.deleteContact(c._id);
    await a.client.sync.syncNow();
    await b.client.updateContact(c._id, { company: 'Still here' }, (await b.client.getContact(c._id)).revision);
    await b.client.sync.syncNow();
    const [conflict] = await b.client.listConflicts();
    expect(conflict).toMatchObject({ contactId: c._id, kind: 'delete' });
    expect((await b.client.getContact(c._id)).info.company).toBe('Still here');
    await b.client.resolveConflict(conflict!.id, 'local');
    await b.client.sync.syncNow();
    await a.client.sync.syncNow();
    const remote = [...(await serverContacts(server)).values()];
    expect(remote).toHaveLength(1);
    expect(remote[0]?.info.company).toBe('Still here');
    expect(remote[0]?._id).not.toBe(c._id);
    expect((await b.client.getContact(c._id))._id).toBe(remote[0]?._id); // the old id still answers
    await expectConverged(server, [a, b]);
  });

  it('a contact created here, deleted remotely and kept: its first temporary id still answers after the second re-key', async () => {
    const a = await device();
    const b = await device();
    const { contact: made } = await b.client.createContact(person('Twice keyed'));
    await b.client.sync.syncNow();
    const first = (await b.client.getContact(made._id))._id;
    await a.client.sync.syncNow();
    await a.client.deleteContact(first);
    await a.client.sync.syncNow();
    await b.client.updateContact(first, { company: 'Kept' }, (await b.client.getContact(first)).revision);
    await b.client.sync.syncNow();
    const [conflict] = await b.client.listConflicts();
    expect(conflict).toMatchObject({ kind: 'delete' });
    await b.client.resolveConflict(conflict!.id, 'local');
    await b.client.sync.syncNow();
    const [again] = [...(await serverContacts(server)).values()];
    expect(again?._id).not.toBe(first);
    // temporary id -> first server id -> second server id: every old id reaches the contact.
    expect((await b.client.getContact(first))._id).toBe(again?._id);
    expect((await b.client.getContact(made._id))._id).toBe(again?._id);
    await a.client.sync.syncNow();
    await expectConverged(server, [a, b]);
  });

  it('a parked duplicate deleted remotely: keeping it re-creates it and answers its delete conflict (soak seed 201385)', async () => {
    const a = await device();
    const c = await shared('Parked', a);
    await a.client.updateContact(c._id, { emails: { items: [{ email: 'taken@example.com' }] } }, (await a.client.getContact(c._id)).revision);
    await serverApi(server).createContact(person('Orig', { emails: { items: [{ email: 'taken@example.com' }] } }), { idempotencyKey: crypto.randomUUID() });
    await a.client.sync.syncNow();
    await serverApi(server).deleteContact(c._id);
    await a.client.sync.syncNow();
    const conflicts = await a.client.listConflicts();
    expect(conflicts.map((x) => x.kind).sort()).toEqual(['delete', 'duplicate']);
    await a.client.resolveConflict(conflicts.find((x) => x.kind === 'duplicate')!.id, 'local');
    // Re-created is kept: no delete conflict is left to remove it here after the re-key.
    expect(await a.client.listConflicts()).toEqual([]);
    await a.client.sync.syncNow();
    const remote = [...(await serverContacts(server)).values()].find((x) => x.info.name?.first === 'Parked');
    expect(remote?._id).not.toBe(c._id);
    expect((await a.client.getContact(c._id))._id).toBe(remote?._id);
    await expectConverged(server, [a]);
  });

  it('pull: a remote delete removes a clean contact on every device', async () => {
    const a = await device();
    const b = await device();
    const c = await shared('Gone', a, b);
    await serverApi(server).deleteContact(c._id);
    await a.client.sync.syncNow();
    await b.client.sync.syncNow();
    await expect(a.client.getContact(c._id)).rejects.toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    await expectConverged(server, [a, b]);
  });

  it('a duplicate on one contact is parked while the others sync; retrying with allowDuplicates creates it', async () => {
    const a = await device();
    await serverApi(server).createContact(person('Orig', { emails: { items: [{ email: 'dup@example.com' }] } }), { idempotencyKey: crypto.randomUUID() });
    const { contact: dup } = await a.client.createContact(person('Copy', { emails: { items: [{ email: 'dup@example.com' }] } }));
    await a.client.createContact(person('Other1'));
    await a.client.createContact(person('Other2'));
    await a.client.sync.syncNow();
    const [conflict, ...rest] = await a.client.listConflicts();
    expect(rest).toEqual([]);
    expect(conflict).toMatchObject({ kind: 'duplicate', code: 'DUPLICATE_CONTACT_EXISTS', contactId: dup._id });
    expect((conflict!.data as { duplicateContactId?: string }).duplicateContactId).toBeDefined();
    expect([...(await serverContacts(server)).values()].map((c) => c.info.name?.first).sort()).toEqual(['Orig', 'Other1', 'Other2']);
    expect(await pendingOf(a.client)).toBe(0);
    await a.client.resolveConflict(conflict!.id, 'local');
    await a.client.sync.syncNow();
    expect([...(await serverContacts(server)).values()].map((c) => c.info.name?.first).sort()).toEqual(['Copy', 'Orig', 'Other1', 'Other2']);
    await expectConverged(server, [a]);
  });

  it('three devices converge after interleaved edits', async () => {
    const [a, b, c3] = [await device(), await device(), await device()];
    const c = await shared('Tri', a, b, c3);
    await a.client.updateContact(c._id, { company: 'A' }, (await a.client.getContact(c._id)).revision);
    await b.client.updateContact(c._id, { phones: { items: [{ phone: '+14155550123' }] } }, (await b.client.getContact(c._id)).revision);
    await c3.client.labelContact(c._id, ['custom.tri']);
    await c3.client.createContact(person('New3'));
    for (const d of [a, b, c3, a, b, c3]) await d.client.sync.syncNow();
    const onServer = (await serverContacts(server)).get(c._id);
    expect(onServer?.info.company).toBe('A');
    expect(onServer?.info.phones?.items[0]?.e164Phone).toBe('+14155550123');
    expect(onServer?.info.labelKeys?.items).toEqual(['custom.tri']);
    await expectConverged(server, [a, b, c3]);
    expect((await localContacts(a.client)).size).toBe(2);
  });
});
