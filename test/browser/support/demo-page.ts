/**
 * Driving the demo page: opening it, reading the sync badge, and the few UI gestures the
 * tests repeat (open a contact, set a field, save, create). Selectors are the demo's
 * `data-testid`s and the editor's input names (the model's field paths).
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Phone and desktop window sizes for screenshots. */
export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;

/** Where screenshots go (git-ignored). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../__screenshots__/', import.meta.url));

/** Saves a screenshot of the page as `<name>.png` in SCREENSHOT_DIR; returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}${name}.png`;
  await page.screenshot({ path });
  return path;
}

/** The demo URL for a token. */
export function demoUrl(serverUrl: string, token: string, hash = ''): string {
  return `${serverUrl}/?token=${encodeURIComponent(token)}${hash}`;
}

/** Waits until the app rendered its first live list. */
export async function waitReady(page: Page): Promise<void> {
  await page.locator('.shell[data-ready="true"]').waitFor({ timeout: 30_000 });
}

/** Opens the demo in a new page of `context` and waits until it is ready. */
export async function openDemo(context: BrowserContext, serverUrl: string, token: string, hash = ''): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(demoUrl(serverUrl, token, hash));
  await waitReady(page);
  return page;
}

/** Waits until the service worker controls the page (the shell is cached). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
}

/** The badge's raw state and pending count. */
export async function badge(page: Page): Promise<{ state: string; pending: number }> {
  const el = page.getByTestId('sync-badge');
  return { state: (await el.getAttribute('data-state')) ?? '', pending: Number(await el.getAttribute('data-pending')) };
}

/** Waits until the badge shows `pending` pending edits. */
export async function waitForPending(page: Page, pending: number, timeout = 30_000): Promise<void> {
  await page.locator(`[data-testid="sync-badge"][data-pending="${pending}"]`).waitFor({ timeout });
}

/** Waits until the list shows exactly `count` contacts. */
export async function waitForCount(page: Page, count: number, timeout = 30_000): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="contact-row"]').length === n, count, { timeout });
}

/** Clicks the list row whose name is `name` and waits for its editor. */
export async function openContact(page: Page, name: string): Promise<void> {
  await page.getByTestId('contact-row').filter({ hasText: name }).first().click();
  await page.getByTestId('editor').waitFor();
  await expect.poll(() => page.getByTestId('editor-title').textContent()).toBe(name);
}

/** Types `value` into the editor input named `path` (e.g. `info.company`). */
export async function setField(page: Page, path: string, value: string): Promise<void> {
  await page.locator(`[data-testid="editor"] [name="${path}"]`).fill(value);
}

/** The value of the editor input named `path`. */
export async function fieldValue(page: Page, path: string): Promise<string> {
  return page.locator(`[data-testid="editor"] [name="${path}"]`).inputValue();
}

/** Saves the editor and waits for the confirmation. */
export async function save(page: Page): Promise<void> {
  await page.getByTestId('save').click();
  await page.getByTestId('flash').waitFor();
}

/** Creates a contact through the editor. */
export async function createViaUi(page: Page, fields: { first: string; last: string; email?: string }): Promise<void> {
  await page.getByTestId('new-contact').click();
  await page.getByTestId('editor').waitFor();
  await setField(page, 'info.name.first', fields.first);
  await setField(page, 'info.name.last', fields.last);
  if (fields.email !== undefined) {
    await page.getByTestId('add-email').click();
    await setField(page, 'info.emails.items[0].email', fields.email);
  }
  await save(page);
}

/** Asks the page's client to sync now (through the badge) and waits for 0 pending and idle. */
export async function syncNowAndSettle(page: Page, timeout = 30_000): Promise<void> {
  await page.getByTestId('sync-badge').click();
  await page.locator('[data-testid="sync-badge"][data-pending="0"][data-state="idle"]:not(.is-busy)').waitFor({ timeout });
}
