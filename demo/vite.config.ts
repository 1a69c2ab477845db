/**
 * Vite build of the demo PWA. The library is imported from source (`../src/index.js`);
 * Vite resolves the `.js` specifiers to the TypeScript files and emits the sync worker
 * (`new Worker(new URL(...), { type: 'module' })` in src/platform) as its own chunk.
 * `serviceWorkerPlugin` then writes `sw.js` with the list of every file of the build.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { serviceWorkerPlugin } from './service-worker-plugin.js';

const demoRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: demoRoot,
  base: '/',
  publicDir: 'public',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // One page app, small: a single chunk plus the worker's keeps the shell list short.
    chunkSizeWarningLimit: 600,
  },
  worker: { format: 'es' },
  plugins: [serviceWorkerPlugin({ source: fileURLToPath(new URL('./src/sw.ts', import.meta.url)), publicDir: fileURLToPath(new URL('./public', import.meta.url)) })],
});
