/**
 * The benchmark page's build (bench/browser/run.ts builds it before every run): the page
 * imports the library's public entry (src/index.ts) and a few internals for the floors,
 * Vite emits the sync worker as in an app, and the output is minified like a production build.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

/** Where the built page goes (ignored by git). */
export const OUT_DIR = resolve(here, '../results/tmp/browser-dist');

export default defineConfig({
  root: here,
  base: './',
  logLevel: 'warn',
  worker: { format: 'es' },
  build: {
    outDir: OUT_DIR, emptyOutDir: true, target: 'es2022', minify: true, sourcemap: true,
    // RxDB is large; the warning says nothing about the library.
    chunkSizeWarningLimit: 4096,
  },
});
