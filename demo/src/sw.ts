/**
 * The demo's service worker: it keeps the app shell (index.html, the JS/CSS chunks including
 * the sync worker's, the manifest and icons) in Cache Storage so the app starts with no
 * network. It never touches the API (`/contacts/v4/...`, `/_api/...`): contacts live in
 * IndexedDB and travel through the sync engine, and a cached API answer would be stale data
 * the engine cannot see.
 *
 * Built by demo/service-worker-plugin.ts, which replaces `__APP_SHELL__` with the list of
 * the build's files and a version; it is transpiled alone, so it imports nothing.
 */

/** What the build writes in. */
interface AppShell {
  readonly version: string;
  readonly files: readonly string[];
}

// The DOM lib (the project's) has no service worker types; these are the few parts we use.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response> | Response): void;
}
interface ServiceWorkerScope {
  readonly location: Location;
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}

declare const __APP_SHELL__: AppShell;

const shell: AppShell = __APP_SHELL__;
const scope = globalThis as unknown as ServiceWorkerScope;
const CACHE_PREFIX = 'offline-contacts-shell-';
const cacheName = `${CACHE_PREFIX}${shell.version}`;
const API_PREFIXES = ['/contacts/', '/_api/'];

function isApi(url: URL): boolean {
  return API_PREFIXES.some((p) => url.pathname.startsWith(p));
}

scope.addEventListener('install', (event) => {
  // `reload` skips the HTTP cache: the shell must be this build's files, not older copies.
  event.waitUntil(caches.open(cacheName)
    .then((cache) => cache.addAll(shell.files.map((f) => new Request(f, { cache: 'reload' }))))
    .then(() => scope.skipWaiting()));
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== cacheName).map((n) => caches.delete(n))))
    .then(() => scope.clients.claim()));
});

/** Cache first: shell files are content-hashed (or replaced with the whole shell on update). */
async function fromShell(request: Request, key: string): Promise<Response> {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(key);
  return hit ?? fetch(request);
}

scope.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.location.origin || isApi(url)) return;
  // Every page of the single-page app is the same index.html (the server's fallback too).
  if (request.mode === 'navigate') {
    event.respondWith(fromShell(request, '/'));
    return;
  }
  if (shell.files.includes(url.pathname)) event.respondWith(fromShell(request, url.pathname));
});
