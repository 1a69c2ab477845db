/**
 * Every response class of a push and the faults of a real network, injected with a
 * `FaultyFetch`: each test ends with the device equal to the server and nothing pending.
 */
import { IDBObjectStore } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunningServer } from '../../server/index.js';
import {
  eventually, expectConverged, freshToken, openDevice, pendingOf, person, serverApi, serverContacts, startTestServer, TOKENS, type Device,
} from '../support/sync-harness.js';

let server: RunningServer;
let token: string;
const devices: Device[] = [];

beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.close(); });
beforeEach(() => { token = freshToken(); });
afterEach(async () => {
  for (const d of devices.splice(0)) await d.client.destroy();
});

/** A device of this test's tenant, paused: only the test's syncNow() calls reach the server. */
async function device(paused = true): Promise<Device> {
  const d = await openDevice(server, { token, paused });
  devices.push(d);
  return d;
}

const api = () => serverApi(server, token);
const onServer = () => serverContacts(server, token);
const converged = (...ds: Device[]) => expectConverged(server, ds, token);

async function statusOf(d: Device) {
  return new Promise<{ state: string; pending: number; error?: { code: string } }>((resolve) => {
    const sub = d.client.sync.status$.subscribe((s) => { resolve(s); queueMicrotask(() => sub.unsubscribe()); });
  });
}

describe('push response classes', () => {
  it('400 on an update: a rejected conflict, the local copy goes back to the server copy', async () => {
    const a = await device();
    const { contact } = await a.client.createContact(person('Rej'));
    await a.client.sync.syncNow();
    const id = (await a.client.getContact(contact._id))._id;
    await a.client.updateContact(id, { company: 'Refused Inc' }, (await a.client.getContact(id)).revision);
    a.net.inject({ kind: 'status', status: 400, body: { message: 'no', details: { applicationError: { code: 'INVALID_EXTENDED_FIELD_VALUE', description: 'no' } } } }, { method: 'PATCH' });
    await a.client.sync.syncNow();
    expect(await a.client.listConflicts()).toMatchObject([{ kind: 'rejected', code: 'INVALID_EXTENDED_FIELD_VALUE', contactId: id }]);
    const [conflict] = await a.client.listConflicts();
    expect((conflict?.local as { company?: string }).company).toBe('Refused Inc');
    expect((await a.client.getContact(id)).info.company).toBeUndefined();
    await converged(a);
  });

  it("'keep mine' on a rejected update puts back what was refused and keeps edits made since", async () => {
    const a = await device();
    const { contact } = await a.client.createContact(person('Again'));
    await a.client.sync.syncNow();
    const id = (await a.client.getContact(contact._id))._id;
    await a.client.updateContact(id, { company: 'Refused Inc' }, (await a.client.getContact(id)).revision);
    a.net.inject({ kind: 'status', status: 400, body: { message: 'no', details: { applicationError: { code: 'INVALID_EXTENDED_FIELD_VALUE', description: 'no' } } } }, { method: 'PATCH' });
    await a.client.sync.syncNow();
    const [conflict] = await a.client.listConflicts();
    // After the refusal, and before choosing, the user edits another field.
    await a.client.updateContact(id, { jobTitle: 'Engineer' }, (await a.client.getContact(id)).revision);
    await a.client.resolveConflict(conflict!.id, 'local');
    const local = await a.client.getContact(id);
    expect(local.info.company).toBe('Refused Inc');
    expect(local.info.jobTitle).toBe('Engineer');
    await a.client.sync.syncNow();
    expect((await onServer()).get(id)?.info).toMatchObject({ company: 'Refused Inc', jobTitle: 'Engineer' });
    await converged(a);
  });

  it("'take theirs' on a duplicate update drops the duplicate email and keeps the other edits, which sync", async () => {
    const a = await device();
    const mine = await api().createContact(person('Mine', { company: 'Base Co' }), { idempotencyKey: crypto.randomUUID() });
    await a.client.sync.syncNow();
    // Taken on the server after this device last pulled: only the server sees the duplicate.
    await api().createContact(person('Owner', { emails: { items: [{ email: 'taken@example.com' }] } }), { idempotencyKey: crypto.randomUUID() });
    const id = mine._id;
    await a.client.updateContact(id, { company: 'Same Write Co', emails: { items: [{ email: 'taken@example.com' }] } }, (await a.client.getContact(id)).revision);
    await a.client.sync.syncNow();
    const [conflict] = await a.client.listConflicts();
    expect(conflict).toMatchObject({ kind: 'duplicate', contactId: id });
    // After the refusal, and before choosing, another edit.
    await a.client.updateContact(id, { jobTitle: 'Since' }, (await a.client.getContact(id)).revision);
    await a.client.resolveConflict(conflict!.id, 'remote');
    const local = await a.client.getContact(id);
    expect(local.info.emails?.items ?? []).toEqual([]);
    expect(local.info).toMatchObject({ company: 'Same Write Co', jobTitle: 'Since' });
    await a.client.sync.syncNow();
    expect(await a.client.listConflicts()).toEqual([]);
    expect((await onServer()).get(id)?.info).toMatchObject({ company: 'Same Write Co', jobTitle: 'Since' });
    await converged(a);
  });

  it("'take theirs' on a duplicate update whose email was already shared drops the phone that was sent (soak seed 104786)", async () => {
    const a = await device();
    // Two contacts already share an address (another app allowed it): any PATCH of one's
    // emails or phones is checked, and the server names the email, not the phone that was sent.
    const mine = await api().createContact(person('Mine', { emails: { items: [{ email: 'shared@example.com' }] } }), { idempotencyKey: crypto.randomUUID() });
    await a.client.sync.syncNow();
    // Made after this device last pulled: only the server sees the second copy.
    await api().createContact(person('Other', { emails: { items: [{ email: 'shared@example.com' }] } }), { idempotencyKey: crypto.randomUUID(), allowDuplicates: true });
    const id = mine._id;
    await a.client.updateContact(id, { company: 'Kept Co', phones: { items: [{ phone: '+1 555 0100' }] } }, (await a.client.getContact(id)).revision);
    await a.client.sync.syncNow();
    const [conflict] = await a.client.listConflicts();
    expect(conflict).toMatchObject({ kind: 'duplicate', contactId: id, data: { duplicateEmail: 'shared@example.com' } });
    await a.client.resolveConflict(conflict!.id, 'remote');
    const local = await a.client.getContact(id);
    // The phone made the write a checked one: it goes; the email was never changed and stays.
    expect(local.info.phones?.items ?? []).toEqual([]);
    expect(local.info.emails?.items.map((e) => e.email)).toEqual(['shared@example.com']);
    expect(local.info.company).toBe('Kept Co');
    await a.client.sync.syncNow();
    expect(await a.client.listConflicts()).toEqual([]);
    expect((await onServer()).get(id)?.info.company).toBe('Kept Co');
    await converged(a);
  });

  it("'take theirs' on a duplicate update after a pull rebased the contact undoes only the refused email, and the rest syncs", async () => {
    const a = await device();
    const mine = await api().createContact(person('Mine'), { idempotencyKey: crypto.randomUUID() });
    await a.client.sync.syncNow();
    await api().createContact(person('Owner', { emails: { items: [{ email: 'taken@example.com' }] } }), { idempotencyKey: crypto.randomUUID() });
    const id = mine._id;
    await a.client.updateContact(id, { company: 'Acme', emails: { items: [{ email: 'taken@example.com' }] } }, (await a.client.getContact(id)).revision);
    await a.client.sync.syncNow();
    const [conflict] = await a.client.listConflicts();
    expect(conflict).toMatchObject({ kind: 'duplicate', contactId: id });
    // Meanwhile another app adds an address to this contact; the next round's pull rebases
    // the parked contact onto it, so its emails are no longer the refused list.
    const remote = await api().getContact(id);
    await api().updateContact(id, { emails: { items: [{ email: 'theirs@example.com' }] } }, remote.revision);
    await a.client.sync.syncNow();
    await a.client.resolveConflict(conflict!.id, 'remote');
    const local = await a.client.getContact(id);
    expect(local.info.emails?.items.map((e) => e.email)).toEqual(['theirs@example.com']);
    expect(local.info.company).toBe('Acme');
    await a.client.sync.syncNow();
    // The rebase recorded which address is primary (both sides had picked one): only that.
    expect((await a.client.listConflicts()).map((c) => c.kind)).toEqual(['field']);
    expect((await onServer()).get(id)?.info.company).toBe('Acme');
    await converged(a);
  });

  it('a label key the server cannot create is rejected; a creatable one is created on the way', async () => {
    const a = await device();
    const { contact } = await a.client.createContact(person('Labels', { labelKeys: { items: ['custom.friends'] } }));
    await a.client.sync.syncNow();
    const id = (await a.client.getContact(contact._id))._id;
    expect((await onServer()).get(id)?.info.labelKeys?.items).toEqual(['custom.friends']);
    await a.client.labelContact(id, ['custom.NotASlug']);
    await a.client.sync.syncNow();
    expect(await a.client.listConflicts()).toMatchObject([{ kind: 'rejected', code: 'LABEL_NOT_FOUND' }]);
    await converged(a);
  });

  it('428 CANNOT_UPDATE_MEMBER_EMAIL: the email change is refused, the rest of the edit syncs', async () => {
    const a = await device();
    const created = await api().createContact(person('Member', { emails: { items: [{ email: 'member@example.com' }] } }), { idempotencyKey: crypto.randomUUID() });
    await server.seedMember(TOKENS[token]!, created._id);
    await a.client.sync.syncNow();
    const local = await a.client.getContact(created._id);
    // The local store cannot know the membership before it pulls it; here it has.
    expect(local.memberInfo).toBeDefined();
    // Simulate an edit made before the membership arrived: write through the server as another app? No:
    // the local API refuses it (same rule), so inject the 428 on a company + email edit from a stale device.
    const b = await device();
    const beforeMember = await api().createContact(person('Later', { emails: { items: [{ email: 'later@example.com' }] } }), { idempotencyKey: crypto.randomUUID() });
    await b.client.sync.syncNow();
    await b.client.updateContact(beforeMember._id, { company: 'New Co', emails: { items: [{ email: 'changed@example.com' }] } }, (await b.client.getContact(beforeMember._id)).revision);
    await server.seedMember(TOKENS[token]!, beforeMember._id);
    await b.client.sync.syncNow();
    const member = (await onServer()).get(beforeMember._id);
    expect(member?.info.company).toBe('New Co');
    expect(member?.info.emails?.items.map((e) => e.email)).toEqual(['later@example.com']);
    expect(await b.client.listConflicts()).toMatchObject([{ kind: 'rejected', code: 'CANNOT_UPDATE_MEMBER_EMAIL', path: 'info.emails' }]);
    await a.client.sync.syncNow();
    await converged(a, b);
  });

  it('428 with an email added while the PATCH was out: the addition stays and syncs, the refused change is recorded', async () => {
    const b = await device();
    const created = await api().createContact(person('Flight', { emails: { items: [{ email: 'flight@example.com' }] } }), { idempotencyKey: crypto.randomUUID() });
    await b.client.sync.syncNow();
    const before = await b.client.getContact(created._id);
    await b.client.updateContact(created._id, { company: 'New Co', emails: { items: [{ email: 'changed@example.com' }] } }, before.revision);
    await server.seedMember(TOKENS[token]!, created._id);
    // Making it a member moved the server copy on: the first PATCH gets a 409 and is sent
    // again on the new revision; that one, refused with the 428, is slow.
    b.net.inject({ kind: 'delay', ms: 0 }, { method: 'PATCH' }).inject({ kind: 'delay', ms: 300 }, { method: 'PATCH' });
    const round = b.client.sync.syncNow();
    await eventually(() => b.net.pendingFaults === 0);
    // While the refused PATCH is out, the user adds a second address.
    const sent = await b.client.getContact(created._id);
    await b.client.updateContact(created._id, {
      emails: { items: [{ email: 'changed@example.com' }, { email: 'second@example.com' }] },
    }, sent.revision);
    await round;
    await b.client.sync.syncNow();
    const member = (await onServer()).get(created._id);
    expect(member?.info.company).toBe('New Co');
    expect(member?.primaryInfo?.email).toBe('flight@example.com');
    expect(member?.info.emails?.items.map((e) => e.email)).toContain('second@example.com');
    const conflicts = await b.client.listConflicts();
    expect(conflicts).toMatchObject([{ kind: 'rejected', code: 'CANNOT_UPDATE_MEMBER_EMAIL', path: 'info.emails' }]);
    expect(JSON.stringify(conflicts[0]?.local)).toContain('changed@example.com');
    await converged(b);
  });

  it('401: auth-required, nothing dropped; new headers from auth() let it through', async () => {
    const a = await device(false);
    a.auth = { Authorization: 'Bearer wrong' };
    await a.client.createContact(person('Auth'));
    await expect(a.client.sync.syncNow()).rejects.toMatchObject({ status: 401 });
    await eventually(async () => (await statusOf(a)).state === 'auth-required');
    expect(await pendingOf(a.client)).toBe(1);
    a.auth = { Authorization: `Bearer ${token}` };
    await a.client.sync.syncNow();
    expect((await onServer()).size).toBe(1);
    await converged(a);
  });
});

describe('a delete conflict kept while the pull bringing its tombstone is out', () => {
  it('the queued re-create survives the tombstone, and no second delete conflict asks again', async () => {
    const made = await api().createContact(person('Kept late'), { idempotencyKey: crypto.randomUUID() });
    const a = await device();
    const b = await device();
    await a.client.sync.syncNow();
    await b.client.sync.syncNow();
    await a.client.deleteContact(made._id);
    await a.client.sync.syncNow();
    await b.client.updateContact(made._id, { company: 'Mine' }, (await b.client.getContact(made._id)).revision);
    // The PATCH meets the 404 (a delete conflict); the feed, with the tombstone, is not read yet.
    b.net.inject({ kind: 'status', status: 503 }, { method: 'GET', path: '/changes' });
    await expect(b.client.sync.syncNow()).rejects.toMatchObject({ status: 503 });
    const [conflict] = await b.client.listConflicts();
    expect(conflict).toMatchObject({ kind: 'delete', contactId: made._id });
    // The next round has nothing to push; its pull is on the way when the user keeps the contact.
    b.net.inject({ kind: 'delay', ms: 500 }, { method: 'GET', path: '/changes' });
    const round = b.client.sync.syncNow();
    await eventually(() => b.net.pendingFaults === 0, 2_000); // the feed request is in its delay
    await b.client.resolveConflict(conflict!.id, 'local');
    await round;
    expect(await b.client.listConflicts()).toEqual([]);
    await b.client.sync.syncNow();
    expect([...(await onServer()).values()].map((c) => c.info.company)).toEqual(['Mine']);
    await a.client.sync.syncNow();
    await converged(a, b);
  });
});

describe('network faults', () => {
  it('a dropped create is sent again and makes one contact', async () => {
    const a = await device();
    await a.client.createContact(person('Drop'));
    a.net.inject({ kind: 'drop' }, { method: 'POST', path: '/contacts/v4/contacts' });
    await expect(a.client.sync.syncNow()).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    await a.client.sync.syncNow();
    expect((await onServer()).size).toBe(1);
    await converged(a);
  });

  it('a create whose response was lost after the server committed does not make a second contact', async () => {
    const a = await device();
    await a.client.createContact(person('Lost'));
    a.net.inject({ kind: 'lose-response' }, { method: 'POST', path: '/contacts/v4/contacts' });
    await expect(a.client.sync.syncNow()).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect((await onServer()).size).toBe(1); // committed
    await a.client.sync.syncNow();
    expect((await onServer()).size).toBe(1);
    await converged(a);
  });

  it('an imported contact whose create answer was lost is replayed with its key, not created twice', async () => {
    const a = await device();
    await a.client.importContacts([person('Imp1'), person('Imp2'), person('Imp3')]);
    a.net.inject({ kind: 'lose-response' }, { method: 'POST', path: '/contacts/v4/contacts' });
    await expect(a.client.sync.syncNow()).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    await a.client.sync.syncNow();
    const remote = [...(await onServer()).values()];
    expect(remote.map((c) => c.info.name?.first).sort()).toEqual(['Imp1', 'Imp2', 'Imp3']);
    const keys = a.net.log.filter((r) => r.method === 'POST' && r.url.endsWith('/contacts/v4/contacts'));
    expect(keys.length).toBe(4);
    await converged(a);
  });

  it('an edit made while a create answer was lost is not lost', async () => {
    const a = await device();
    const { contact } = await a.client.createContact(person('Edit'));
    a.net.inject({ kind: 'lose-response' }, { method: 'POST', path: '/contacts/v4/contacts' });
    await expect(a.client.sync.syncNow()).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    await a.client.updateContact(contact._id, { company: 'After Loss' }, (await a.client.getContact(contact._id)).revision);
    await a.client.sync.syncNow();
    const remote = [...(await onServer()).values()];
    expect(remote.map((c) => c.info.company)).toEqual(['After Loss']);
    await converged(a);
  });

  describe('a create whose answer was lost, its contact deleted by another app before the replay (soak seed 103780)', () => {
    /**
     * The create lands unanswered (then `meanwhile` runs); the other app deletes the contact;
     * a round's pull brings its create and its delete while the replay meets a 503. Returns
     * the server id.
     */
    async function lostThenDeleted(a: Device, meanwhile: () => Promise<unknown> = () => Promise.resolve()): Promise<string> {
      a.net.inject({ kind: 'lose-response' }, { method: 'POST', path: '/contacts/v4/contacts' });
      await expect(a.client.sync.syncNow()).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
      await meanwhile();
      const [made] = [...(await onServer()).keys()];
      await api().deleteContact(made!);
      a.net.inject({ kind: 'status', status: 503 }, { method: 'POST', path: '/contacts/v4/contacts' });
      await expect(a.client.sync.syncNow()).rejects.toMatchObject({ status: 503 });
      return made!;
    }

    it('the replay answered with the deleted contact leaves no copy here', async () => {
      const a = await device();
      const { contact } = await a.client.createContact(person('Gone'));
      await lostThenDeleted(a);
      await a.client.sync.syncNow();
      expect((await onServer()).size).toBe(0);
      await expect(a.client.getContact(contact._id)).rejects.toMatchObject({ code: 'CONTACT_NOT_FOUND' });
      expect(await a.client.listConflicts()).toEqual([]);
      await converged(a);
    });

    it('edited here since it was sent: kept with a delete conflict, as a pulled delete would', async () => {
      const a = await device();
      const { contact } = await a.client.createContact(person('Edited'));
      const made = await lostThenDeleted(a, async () =>
        a.client.updateContact(contact._id, { company: 'Since' }, (await a.client.getContact(contact._id)).revision));
      await a.client.sync.syncNow();
      expect(await a.client.listConflicts()).toMatchObject([{ kind: 'delete', contactId: made }]);
      expect((await a.client.getContact(contact._id)).info.company).toBe('Since');
      expect(await pendingOf(a.client)).toBe(0);
    });
  });

  it('an update whose response was lost is not applied twice', async () => {
    const a = await device();
    const c = await api().createContact(person('Twice'), { idempotencyKey: crypto.randomUUID() });
    await a.client.sync.syncNow();
    await a.client.updateContact(c._id, { company: 'Once' }, (await a.client.getContact(c._id)).revision);
    a.net.inject({ kind: 'lose-response' }, { method: 'PATCH' });
    await expect(a.client.sync.syncNow()).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    await a.client.sync.syncNow();
    const once = (await onServer()).get(c._id);
    expect(once?.info.company).toBe('Once');
    expect(once?.revision).toBe(2);
    expect(await a.client.listConflicts()).toEqual([]);
    await converged(a);
  });

  it('a burst of 503s ends in sync', async () => {
    const a = await device();
    for (let i = 0; i < 3; i++) await a.client.createContact(person(`Burst${i}`));
    a.net.injectTimes(4, { kind: 'status', status: 503, body: { message: 'busy', details: { applicationError: { code: 'UNAVAILABLE', description: 'busy' } } } });
    for (let i = 0; i < 6 && a.net.pendingFaults > 0; i++) await a.client.sync.syncNow().catch(() => undefined);
    await a.client.sync.syncNow();
    expect((await onServer()).size).toBe(3);
    await converged(a);
  });

  it('429 with Retry-After: the engine waits as asked, then syncs by itself', async () => {
    const a = await device(false);
    a.net.inject({ kind: 'status', status: 429, headers: { 'Retry-After': '1' }, body: { message: 'slow down', details: { applicationError: { code: 'RESOURCE_EXHAUSTED', description: 'slow down' } } } }, { method: 'POST' });
    const started = Date.now();
    await a.client.createContact(person('Later'));
    await eventually(async () => (await onServer()).size === 1, 8_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    await converged(a);
  });

  it('going offline in the middle of a push loses nothing', async () => {
    const a = await device();
    for (let i = 0; i < 12; i++) await a.client.createContact(person(`Mid${i}`));
    // The fifth request finds the network gone, and so does every one after it.
    a.net.offlineAfter(4);
    await expect(a.client.sync.syncNow()).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    const reached = (await onServer()).size;
    expect(reached).toBeGreaterThan(0);
    expect(reached).toBeLessThan(12);
    a.net.offline = false;
    await a.client.sync.syncNow();
    expect((await onServer()).size).toBe(12);
    await converged(a);
  });

  it('an answer about another contact than the one updated becomes BAD_RESPONSE and writes nothing', async () => {
    const a = await device();
    const { contact: asked } = await a.client.createContact(person('Asked'));
    const { contact: other } = await a.client.createContact(person('Other'));
    await a.client.sync.syncNow();
    const [askedId, otherId] = [(await a.client.getContact(asked._id))._id, (await a.client.getContact(other._id))._id];
    const otherAnswer = await (await fetch(`${server.url}/contacts/v4/contacts/${otherId}`, { headers: { Authorization: `Bearer ${token}` } })).text();
    const before = await a.client.getContact(otherId);
    await a.client.updateContact(askedId, { company: 'Asked Inc' }, (await a.client.getContact(askedId)).revision);
    a.net.inject({ kind: 'garbage', body: otherAnswer }, { method: 'PATCH' });
    await expect(a.client.sync.syncNow()).rejects.toMatchObject({ status: 502, code: 'BAD_RESPONSE' });
    // The edit is still pending, and the other contact is as it was.
    expect(await pendingOf(a.client)).toBe(1);
    expect((await a.client.getContact(askedId)).info.company).toBe('Asked Inc');
    expect(await a.client.getContact(otherId)).toEqual(before);
    await a.client.sync.syncNow();
    expect((await onServer()).get(askedId)?.info.company).toBe('Asked Inc');
    await converged(a);
  });

  it('a malformed success response becomes BAD_RESPONSE and corrupts nothing', async () => {
    const a = await device();
    const { contact } = await a.client.createContact(person('Garbage'));
    a.net.inject({ kind: 'garbage', body: '{"contact":{"id":42}}' }, { method: 'POST' });
    await expect(a.client.sync.syncNow()).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    expect((await a.client.getContact(contact._id)).info.name?.first).toBe('Garbage');
    await a.client.sync.syncNow();
    await converged(a);
  });
});

describe('a PATCH whose answer never came, then the user undoes it', () => {
  /** A synced contact; a label added and pushed, the answer lost (the server applied it); then removed here. */
  async function labelledThenUnlabelled(a: Device): Promise<string> {
    const created = await api().createContact(person('Undo'), { idempotencyKey: crypto.randomUUID() });
    await a.client.sync.syncNow();
    await a.client.labelContact(created._id, ['custom.undo-me']);
    a.net.inject({ kind: 'lose-response' }, { method: 'PATCH' });
    await expect(a.client.sync.syncNow()).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect((await onServer()).get(created._id)?.info.labelKeys?.items).toEqual(['custom.undo-me']);
    await a.client.unlabelContact(created._id, ['custom.undo-me']);
    return created._id;
  }

  it('the edits cancel out here, yet the removal reaches the server (soak seed 7128)', async () => {
    const a = await device();
    const id = await labelledThenUnlabelled(a);
    await a.client.sync.syncNow();
    expect((await onServer()).get(id)?.info.labelKeys?.items ?? []).toEqual([]);
    await converged(a);
  });

  it('the pull brings our own PATCH back before the push could ask: the removal still wins', async () => {
    const a = await device();
    const id = await labelledThenUnlabelled(a);
    // The push's question to the server fails (a 503 does not stop the round, a network
    // error would); the pull of the same round then brings the server copy.
    a.net.inject({ kind: 'status', status: 503 }, { method: 'GET', path: `/contacts/v4/contacts/${id}` });
    await expect(a.client.sync.syncNow()).rejects.toMatchObject({ status: 503 });
    expect((await a.client.getContact(id)).info.labelKeys?.items ?? []).toEqual([]);
    await a.client.sync.syncNow();
    expect((await onServer()).get(id)?.info.labelKeys?.items ?? []).toEqual([]);
    await converged(a);
  });

  it('another app wrote after our PATCH landed: its edit stays and the removal still wins (soak seed 2155)', async () => {
    const a = await device();
    const id = await labelledThenUnlabelled(a);
    const landed = (await onServer()).get(id)!;
    await api().updateContact(id, { company: 'Other app' }, landed.revision);
    await a.client.sync.syncNow();
    const after = (await onServer()).get(id);
    expect(after?.info.labelKeys?.items ?? []).toEqual([]);
    expect(after?.info.company).toBe('Other app');
    expect(await a.client.listConflicts()).toEqual([]);
    await converged(a);
  });

  it('with the disk too full to record the PATCH, it is still sent, and the removal still wins', async () => {
    const a = await device();
    const original = IDBObjectStore.prototype.put;
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    let refused = 0;
    // Only the attempt records fail, as the first write of a full disk would: the test can
    // still make the local edits that a real full disk would refuse until space is freed.
    put.mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (this.name === 'meta' && String((value as { key?: unknown }).key).startsWith('update:')) {
        refused++;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return original.call(this, value, key);
    });
    try {
      const id = await labelledThenUnlabelled(a);
      expect(refused).toBeGreaterThan(0);
      await a.client.sync.syncNow();
      expect((await onServer()).get(id)?.info.labelKeys?.items ?? []).toEqual([]);
      await converged(a);
    } finally {
      put.mockRestore();
    }
  });
});
