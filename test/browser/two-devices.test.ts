/**
 * Two devices (two browser contexts, each its own profile) edit the same contact offline:
 * different fields, plus the company on both. Both come online, A first. Both end with the
 * merged contact; B, which synced second, shows one conflict (company: base / mine / theirs);
 * "Take theirs" on B converges both devices and the server. The conflicts panel is
 * screenshotted at phone and desktop sizes on the way.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  fieldValue, openContact, openDemo, save, screenshot, setField, syncNowAndSettle, VIEWPORTS, waitForCount, waitForPending,
} from './support/demo-page.js';
import { freshToken } from './support/demo-server.js';
import { createOnServer, eventually, serverContacts } from './support/server-api.js';
import { browserSuite } from './support/browser-suite.js';

const suite = browserSuite();

async function device(token: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await suite.browser.newContext({ viewport: VIEWPORTS.desktop });
  suite.onClose(() => context.close().catch(() => undefined));
  const page = await openDemo(context, suite.server.url, token);
  await waitForCount(page, 1);
  await openContact(page, 'Ada Byron');
  return { context, page };
}

async function fields(page: Page): Promise<Record<string, string>> {
  return {
    company: await fieldValue(page, 'info.company'),
    jobTitle: await fieldValue(page, 'info.jobTitle'),
    birthdate: await fieldValue(page, 'info.birthdate'),
  };
}

describe('two devices', () => {
  it('merge different fields, record one conflict on the second, and converge on "take theirs"', async () => {
    const token = freshToken();
    const ada = await createOnServer(suite.server.url, token, { name: { first: 'Ada', last: 'Byron' }, company: 'Analytical Engines', jobTitle: 'Mathematician' });
    const a = await device(token);
    const b = await device(token);

    await a.context.setOffline(true);
    await b.context.setOffline(true);
    await setField(a.page, 'info.company', 'Babbage & Co');
    await setField(a.page, 'info.jobTitle', 'Programmer');
    await save(a.page);
    await setField(b.page, 'info.company', 'Lovelace Ltd');
    await setField(b.page, 'info.birthdate', '1815-12-10');
    await save(b.page);
    await waitForPending(a.page, 1);
    await waitForPending(b.page, 1);

    await a.context.setOffline(false);
    await waitForPending(a.page, 0, 60_000);
    await eventually('A on the server', async () => ((await serverContacts(suite.server.url, token)).get(ada.id)?.info.company === 'Babbage & Co' ? true : undefined));
    await b.context.setOffline(false);
    await waitForPending(b.page, 0, 60_000);
    await syncNowAndSettle(a.page);

    const merged = { company: 'Lovelace Ltd', jobTitle: 'Programmer', birthdate: '1815-12-10' };
    await expect.poll(() => fields(b.page), { timeout: 20_000 }).toEqual(merged);
    await expect.poll(() => fields(a.page), { timeout: 20_000 }).toEqual(merged);
    const onServer = (await serverContacts(suite.server.url, token)).get(ada.id)?.info;
    expect({ company: onServer?.company, jobTitle: onServer?.jobTitle, birthdate: onServer?.birthdate }).toEqual(merged);

    expect(await a.page.getByTestId('conflicts-button').count()).toBe(0);
    await b.page.getByTestId('conflicts-button').click();
    const card = b.page.getByTestId('conflict');
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.getAttribute('data-path')).toBe('info.company');
    expect(await card.getByTestId('conflict-base').textContent()).toBe('Analytical Engines');
    expect(await card.getByTestId('conflict-local').textContent()).toBe('Lovelace Ltd');
    expect(await card.getByTestId('conflict-remote').textContent()).toBe('Babbage & Co');
    await screenshot(b.page, 'conflicts-desktop');
    await b.page.setViewportSize(VIEWPORTS.phone);
    await screenshot(b.page, 'conflicts-phone');

    await card.getByTestId('take-theirs').click();
    await expect.poll(() => card.count()).toBe(0);
    await waitForPending(b.page, 0, 60_000);
    await eventually('theirs on the server', async () => ((await serverContacts(suite.server.url, token)).get(ada.id)?.info.company === 'Babbage & Co' ? true : undefined));
    await syncNowAndSettle(a.page);
    const converged = { ...merged, company: 'Babbage & Co' };
    await b.page.setViewportSize(VIEWPORTS.desktop);
    await openContact(b.page, 'Ada Byron');
    await expect.poll(() => fields(b.page), { timeout: 20_000 }).toEqual(converged);
    await expect.poll(() => fields(a.page), { timeout: 20_000 }).toEqual(converged);
    const final = (await serverContacts(suite.server.url, token)).get(ada.id)?.info;
    expect({ company: final?.company, jobTitle: final?.jobTitle, birthdate: final?.birthdate }).toEqual(converged);
  });
});
