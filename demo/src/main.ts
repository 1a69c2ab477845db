/**
 * The demo's entry: opens the contacts database of this user with a remote on the same
 * origin (the reference server serves both the app and the API), starts the app and
 * registers the service worker that keeps the app shell for offline starts.
 *
 * `window.contactsDemo.client` is the library's `ContactsClient`, for trying the API from
 * the browser console (and for scripts driving the page).
 */
import './styles.css';
import { openContacts, type ContactsClient } from '../../src/index.js';
import { DemoApp } from './demo-app.js';
import { readDemoConfig } from './demo-config.js';
import { errorText } from './error-text.js';
import { registerServiceWorker } from './register-service-worker.js';

declare global {
  interface Window {
    /** The running demo (console and scripts). */
    contactsDemo?: { readonly client: ContactsClient; readonly app: DemoApp };
  }
}

function storageOf(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}

function showFatal(root: HTMLElement, error: unknown): void {
  const t = errorText(error);
  root.innerHTML = '';
  const box = document.createElement('div');
  box.className = 'fatal';
  box.setAttribute('role', 'alert');
  box.dataset['testid'] = 'fatal';
  box.dataset['code'] = t.code;
  const title = document.createElement('h1');
  title.textContent = 'The contacts could not be opened';
  const text = document.createElement('p');
  text.textContent = t.text;
  const detail = document.createElement('p');
  detail.className = 'muted small';
  detail.textContent = error instanceof Error ? error.message : String(error);
  box.append(title, text, detail);
  console.error('openContacts failed', error);
  root.append(box);
}

async function boot(): Promise<void> {
  const root = document.getElementById('app');
  if (root === null) throw new Error('#app is missing from index.html');
  const config = readDemoConfig({ location, storage: storageOf() });
  registerServiceWorker();
  try {
    const client = await openContacts({
      name: config.databaseName,
      remote: { baseUrl: config.baseUrl, auth: () => ({ Authorization: `Bearer ${config.token}` }) },
    });
    const app = new DemoApp(client, root);
    window.contactsDemo = { client, app };
    app.start();
  } catch (e) {
    showFatal(root, e);
  }
}

void boot();
