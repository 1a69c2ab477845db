/**
 * A Vite plugin that builds the demo's service worker (`demo/src/sw.ts`) into `sw.js` at the
 * root of the build, with the app shell list (every emitted file, the public files and `/`)
 * and a version hash written into it. A new build changes the hash, so the browser installs
 * the new worker and the new shell replaces the old cache.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { transformWithOxc, type Plugin } from 'vite';

/** Where the plugin reads from. */
export interface ServiceWorkerPluginOptions {
  /** The service worker's TypeScript source (no imports: it is transpiled, not bundled). */
  readonly source: string;
  /** Vite's `publicDir`, whose files are copied as they are and belong to the shell too. */
  readonly publicDir: string;
}

/** The placeholder in sw.ts that receives `{ version, files }`. */
export const SHELL_PLACEHOLDER = '__APP_SHELL__';

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else out.push(relative(dir, full).split(sep).join('/'));
  }
  return out;
}

/**
 * The plugin.
 *
 * @example
 * ```ts
 * defineConfig({ plugins: [serviceWorkerPlugin({ source: 'demo/src/sw.ts', publicDir: 'demo/public' })] });
 * ```
 */
export function serviceWorkerPlugin(options: ServiceWorkerPluginOptions): Plugin {
  return {
    name: 'offline-contacts-demo-service-worker',
    apply: 'build',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      const emitted = Object.keys(bundle).filter((f) => !f.endsWith('.map'));
      const files = [...new Set(['/', ...[...emitted, ...filesUnder(options.publicDir)].map((f) => `/${f}`)])].sort();
      const hash = createHash('sha256');
      for (const f of emitted.sort()) {
        const item = bundle[f];
        if (item === undefined) continue;
        hash.update(f).update(item.type === 'chunk' ? item.code : item.source);
      }
      const shell = JSON.stringify({ version: hash.digest('hex').slice(0, 16), files });
      const source = readFileSync(options.source, 'utf8');
      if (!source.includes(SHELL_PLACEHOLDER)) throw new Error(`${options.source} has no ${SHELL_PLACEHOLDER}`);
      const { code } = await transformWithOxc(source, options.source, { lang: 'ts', target: 'es2022' });
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: code.replaceAll(SHELL_PLACEHOLDER, () => shell) });
    },
  };
}
