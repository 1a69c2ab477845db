/**
 * Registers the service worker (built as /sw.js) that keeps the app shell. Only in a built
 * app: the Vite dev server has no sw.js and serves modules that change on every edit.
 */

/**
 * Registers `/sw.js` once the page has loaded, so it never competes with the first paint.
 * `document.documentElement.dataset.sw` says how it went (`ready` once it controls the page).
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const mark = (state: string): void => { document.documentElement.dataset['sw'] = state; };
  navigator.serviceWorker.addEventListener('controllerchange', () => mark('ready'));
  if (navigator.serviceWorker.controller !== null) mark('ready');
  const register = (): void => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).then((reg) => {
      if (navigator.serviceWorker.controller === null) mark(reg.active === null ? 'installing' : 'activating');
    }, (e: unknown) => {
      mark('failed');
      console.warn('service worker not registered; the app will not start offline', e);
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
