/** Builds the benchmark page with its Vite config. */
import { build } from 'vite';
import config, { OUT_DIR } from '../vite.config.js';

/**
 * Builds the page (with source maps) and returns the output directory. Unminified builds are
 * for CPU profiles, whose function names must mean something.
 *
 * @example
 * ```ts
 * const dir = await buildPage(true);
 * ```
 */
export async function buildPage(minify: boolean): Promise<string> {
  await build({ ...config, configFile: false, build: { ...config.build, minify } });
  return OUT_DIR;
}
