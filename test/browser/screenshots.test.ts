/**
 * Screenshots for people to look at: the list, the editor (with the model's validation
 * messages) and the offline state, at phone and desktop sizes, into
 * test/browser/__screenshots__/ (git-ignored). The conflicts panel's are taken by
 * two-devices.test.ts. Each screen is also checked for what it must show.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seedTenant } from '../../scripts/seed-contacts.js';
import {
  openDemo, save, screenshot, setField, VIEWPORTS, waitForCount, waitForPending, waitForServiceWorker,
} from './support/demo-page.js';
import { freshToken } from './support/demo-server.js';
import { browserSuite } from './support/browser-suite.js';

const SAMPLE = 40;

const suite = browserSuite();

async function firstRowName(page: Page): Promise<string> {
  return (await page.getByTestId('contact-row').first().locator('.row-name').textContent()) ?? '';
}

describe.each(Object.entries(VIEWPORTS))('screens at %s size', (size, viewport) => {
  it('list, editor with validation messages, offline state', async () => {
    const token = freshToken();
    await seedTenant({ url: suite.server.url, token }, SAMPLE, 7);
    const context = await suite.browser.newContext({ viewport });
    try {
      const page = await openDemo(context, suite.server.url, token);
      await waitForCount(page, SAMPLE);
      await waitForServiceWorker(page);
      await screenshot(page, `list-${size}`);

      // Search narrows the list; the label chips filter it.
      const name = await firstRowName(page);
      await page.getByTestId('search').fill(name.slice(0, 4));
      expect(await page.getByTestId('contact-row').count()).toBeLessThan(SAMPLE);
      await page.getByTestId('search').fill('');
      await waitForCount(page, SAMPLE);

      await page.getByTestId('contact-row').first().click();
      await page.getByTestId('editor').waitFor();
      await setField(page, 'info.name.first', 'x'.repeat(1001));
      await page.getByTestId('add-email').click();
      const emails = await page.locator('[data-testid="editor"] [name$="].email"]').count();
      await setField(page, `info.emails.items[${emails - 1}].email`, 'not-an-email');
      await page.getByTestId('save').click();
      const errors = page.getByTestId('field-error');
      await expect.poll(() => errors.count()).toBe(2);
      expect(await page.getByTestId('form-error').getAttribute('data-code')).toBe('INVALID_ARGUMENT');
      await screenshot(page, `editor-errors-${size}`);

      await setField(page, 'info.name.first', name.split(' ')[0] ?? 'Ann');
      await page.locator('[data-testid="editor"] button[aria-label="Remove email"]').last().click();
      await setField(page, 'info.jobTitle', 'Chief Offline Officer');
      await page.getByTestId('offline-switch').check();
      await save(page);
      await waitForPending(page, 1);
      expect(await page.getByTestId('sync-badge').getAttribute('data-state')).toBe('paused');
      await page.getByTestId('offline-notice').waitFor();
      await page.locator('.detail-pane').evaluate((el) => { el.scrollTop = 0; });
      await screenshot(page, `editor-${size}`);
      await page.getByRole('button', { name: 'Close' }).click();
      await screenshot(page, `offline-${size}`);

      await page.getByTestId('offline-switch').uncheck();
      await waitForPending(page, 0, 60_000);
    } finally {
      await context.close();
    }
  });
});
