/**
 * The official Wix SDK (`@wix/sdk` + `contacts`/`labels` from `@wix/crm`) works against the
 * reference server unchanged: it is pointed at 127.0.0.1 through the SDK's `fetch` option
 * (rewriting https://www.wixapis.com) and authenticated by a minimal auth strategy that adds
 * our `Authorization` header.
 */
import { contacts, labels } from '@wix/crm';
import { createClient } from '@wix/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.js';

let t: TestServer;
const seen: string[] = [];

function sdkClient(server: TestServer, token: string) {
  const local: typeof fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const target = url.replace(/^https:\/\/www\.wixapis\.com/, server.url);
    seen.push(`${init?.method ?? 'GET'} ${new URL(target).pathname}`);
    return fetch(target, init);
  };
  return createClient({
    modules: { contacts, labels },
    auth: { getAuthHeaders: () => ({ headers: { Authorization: `Bearer ${token}` } }) },
    fetch: local,
  });
}

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

describe('the Wix SDK against the reference server', () => {
  it('createContact, getContact, updateContact, labelContact, queryContacts, unlabelContact, deleteContact', async () => {
    const wix = sdkClient(t, t.tokenA);
    const { contact } = await wix.contacts.createContact({
      name: { first: 'Sdk', last: 'User' },
      emails: { items: [{ email: 'sdk@example.com', tag: 'WORK' }] },
      phones: { items: [{ phone: '(415) 555-2671', countryCode: 'US' }] },
      addresses: { items: [{ tag: 'HOME', address: { addressLine1: '1 Main St', city: 'Springfield', country: 'US' } }] },
    });
    const id = contact?._id ?? '';
    expect(id).not.toBe('');
    expect(contact?.revision).toBe(1);
    expect(contact?._createdDate).toBeInstanceOf(Date);
    expect(contact?.info?.addresses?.items?.[0]?.address?.addressLine1).toBe('1 Main St');
    expect(contact?.primaryPhone?.e164Phone).toBe('+14155552671');

    const got = await wix.contacts.getContact(id);
    expect(got._id).toBe(id);
    expect(got.info?.emails?.items?.[0]?._id).toEqual(contact?.info?.emails?.items?.[0]?._id);

    // The SDK renames `_id` to `id` inside the objects it is given, so read the id first.
    const emailId = got.info?.emails?.items?.[0]?._id;
    const updated = await wix.contacts.updateContact(id, { ...got.info, company: 'Wix-compatible' }, got.revision ?? 0);
    expect(updated.contact?.revision).toBe(2);
    expect(updated.contact?.info?.company).toBe('Wix-compatible');
    expect(updated.contact?.info?.emails?.items?.[0]?._id).toBe(emailId);

    const label = await wix.labels.findOrCreateLabel('SDK Friends');
    expect(label.label?.key).toBe('custom.sdk-friends');
    const labelled = await wix.contacts.labelContact(id, [label.label?.key ?? '']);
    expect(labelled.contact?.info?.labelKeys?.items).toEqual(['custom.sdk-friends']);
    expect(labelled.contact?.revision).toBe(3);

    await wix.contacts.createContact({ name: { first: 'Other' } });
    const found = await wix.contacts.queryContacts().startsWith('info.name.first', 'sd').find();
    expect(found.items.map((c) => c._id)).toEqual([id]);
    expect(found.totalCount).toBe(1);
    const byLabel = await wix.contacts.queryContacts().hasSome('info.labelKeys', ['custom.sdk-friends']).ascending('_createdDate').limit(10).find();
    expect(byLabel.items.map((c) => c._id)).toEqual([id]);

    const unlabelled = await wix.contacts.unlabelContact(id, ['custom.sdk-friends']);
    expect(unlabelled.contact?.info?.labelKeys?.items ?? []).toEqual([]);

    await wix.contacts.deleteContact(id);
    await expect(wix.contacts.getContact(id)).rejects.toMatchObject({
      details: { applicationError: { code: 'CONTACT_NOT_FOUND' } },
    });
    expect(seen).toContain(`PATCH /contacts/v4/contacts/${id}`);
  });

  it('surfaces our errors the way the SDK surfaces Wix errors', async () => {
    const wix = sdkClient(t, t.tokenA);
    const { contact } = await wix.contacts.createContact({ name: { first: 'Stale' } });
    const id = contact?._id ?? '';
    await wix.contacts.updateContact(id, { company: 'One' }, 1);
    const stale = wix.contacts.updateContact(id, { company: 'Two' }, 1);
    await expect(stale).rejects.toMatchObject({ details: { applicationError: { code: 'CONTACT_ALREADY_CHANGED' } } });
    const denied = sdkClient(t, 'wrong-token');
    await expect(denied.contacts.getContact(id)).rejects.toMatchObject({ details: { applicationError: { code: 'UNAUTHENTICATED' } } });
  });

  it('pages with the builder (hasNext / next)', async () => {
    const wix = sdkClient(t, t.tokenB);
    for (let i = 0; i < 5; i++) await wix.contacts.createContact({ name: { first: `Page${i}` } });
    const first = await wix.contacts.queryContacts().startsWith('info.name.first', 'page').ascending('info.name.first').limit(2).find();
    expect(first.items.map((c) => c.info?.name?.first)).toEqual(['Page0', 'Page1']);
    expect(first.hasNext()).toBe(true);
    const second = await first.next();
    expect(second.items.map((c) => c.info?.name?.first)).toEqual(['Page2', 'Page3']);
  });
});
