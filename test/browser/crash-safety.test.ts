/**
 * Crash safety: 200 edits (100 updates of synced contacts, 100 new contacts) are queued with
 * sync paused, then pushed; in the middle of that push the sync worker is terminated (first
 * test) or the whole page crashes (`Page.crash` over CDP; second test, on a persistent
 * profile that is then relaunched). After the restart every edit reaches the server exactly
 * once: each updated contact has its new value at server revision 2 (created, updated once),
 * and each new contact exists once (creates carry an Idempotency-Key).
 *
 * API writes are slowed a little (through a Playwright route) so that "the middle of the
 * push" is a wide window on any machine; the kill happens once the server has answered
 * some but not all of the writes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ServerStats } from '../../server/index.js';
import { launchPersistent } from '../support/chromium.js';
import { demoUrl, openDemo, waitForCount, waitForPending, waitReady } from './support/demo-page.js';
import { freshToken } from './support/demo-server.js';
import { createOnServer, eventually, serverContacts } from './support/server-api.js';
import { browserSuite } from './support/browser-suite.js';

declare global {
  interface Window {
    /** Every Worker the page made (recorded by an init script, so a test can terminate it). */
    __workers?: Worker[];
  }
}

const UPDATES = 100;
const CREATES = 100;
const WRITE_DELAY_MS = 40;

const suite = browserSuite();

/** Writes (creates and updates) the server answered. */
function writes(stats: ServerStats): number {
  return Object.entries(stats.byRoute)
    .filter(([route]) => route === 'POST /contacts/v4/contacts' || route.startsWith('PATCH /contacts/v4/contacts/'))
    .reduce((n, [, c]) => n + c, 0);
}

/** Slows the API's writes a little, so a push of 200 takes a while. */
async function slowWrites(context: BrowserContext): Promise<void> {
  await context.route('**/contacts/v4/contacts**', async (route) => {
    if (route.request().method() !== 'GET') await new Promise((r) => setTimeout(r, WRITE_DELAY_MS));
    await route.continue().catch(() => undefined); // the page may be gone by now
  });
}

/** Creates the contacts to update, on the server. */
async function seed(token: string): Promise<void> {
  for (let i = 0; i < UPDATES; i++) await createOnServer(suite.server.url, token, { name: { first: `U${i}`, last: 'Crash' }, company: 'before' });
}

/** Pauses sync, queues the 200 edits through the page's client, resumes: the push starts. */
async function queueEditsAndResume(page: Page): Promise<void> {
  await page.getByTestId('offline-switch').check();
  await page.evaluate(async ({ creates }) => {
    const client = window.contactsDemo?.client;
    if (client === undefined) throw new Error('no demo client');
    const { items } = await client.queryContacts().eq('info.name.last', 'Crash').limit(1000).find();
    for (const c of items) await client.updateContact(c._id, { company: `edited ${c.info.name?.first ?? ''}` }, c.revision);
    for (let i = 0; i < creates; i++) await client.createContact({ name: { first: `N${i}`, last: 'CrashNew' } });
  }, { creates: CREATES });
  await waitForPending(page, UPDATES + CREATES);
  await page.getByTestId('offline-switch').uncheck();
}

/** Waits until the push is under way but not done. */
async function midPush(base: number): Promise<void> {
  await eventually('the push to be under way', () => (writes(suite.server.stats()) - base >= 30 ? true : undefined), 60_000, 10);
}

/** Every edit arrived exactly once. */
async function expectExactlyOnce(token: string): Promise<void> {
  const all = [...(await serverContacts(suite.server.url, token)).values()];
  const updated = all.filter((c) => c.info.name?.last === 'Crash');
  const created = all.filter((c) => c.info.name?.last === 'CrashNew');
  expect(updated).toHaveLength(UPDATES);
  for (const c of updated) {
    expect(c.info.company).toBe(`edited ${c.info.name?.first ?? ''}`);
    expect(c.revision).toBe(2);
  }
  expect(created).toHaveLength(CREATES);
  expect(new Set(created.map((c) => c.info.name?.first)).size).toBe(CREATES);
}

describe('crash safety', () => {
  it('a worker terminated in the middle of a push: after a reload every edit arrives exactly once', async () => {
    const token = freshToken();
    await seed(token);
    const context = await suite.browser.newContext();
    suite.onClose(() => context.close());
    await context.addInitScript(() => {
      const Native = window.Worker;
      window.Worker = class extends Native {
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          (window.__workers ??= []).push(this);
        }
      };
    });
    await slowWrites(context);
    const page = await openDemo(context, suite.server.url, token);
    await waitForCount(page, UPDATES);
    const base = writes(suite.server.stats());
    await queueEditsAndResume(page);
    await midPush(base);
    await page.evaluate(() => { for (const w of window.__workers ?? []) w.terminate(); });
    const sent = writes(suite.server.stats()) - base;
    expect(sent).toBeLessThan(UPDATES + CREATES);

    await page.reload();
    await waitReady(page);
    await waitForPending(page, 0, 90_000);
    await expectExactlyOnce(token);
  });

  it('a page crashed in the middle of a push: relaunched on the same profile, every edit arrives exactly once', async () => {
    const token = freshToken();
    await seed(token);
    const profile = mkdtempSync(join(tmpdir(), 'offline-contacts-crash-'));
    suite.onClose(() => rmSync(profile, { recursive: true, force: true }));
    const first = await launchPersistent(profile);
    suite.onClose(() => first.close().catch(() => undefined));
    await slowWrites(first);
    const page = await openDemo(first, suite.server.url, token);
    await waitForCount(page, UPDATES);
    const base = writes(suite.server.stats());
    await queueEditsAndResume(page);
    await midPush(base);
    const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()));
    const cdp = await first.newCDPSession(page);
    cdp.send('Page.crash').catch(() => undefined); // never answers: the renderer is gone
    await crashed;
    expect(writes(suite.server.stats()) - base).toBeLessThan(UPDATES + CREATES);
    await first.close();

    const second = await launchPersistent(profile);
    suite.onClose(() => second.close().catch(() => undefined));
    const again = await second.newPage();
    await again.goto(demoUrl(suite.server.url, token));
    await waitReady(again);
    await waitForPending(again, 0, 90_000);
    await expectExactlyOnce(token);
  });
});
