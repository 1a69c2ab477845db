/**
 * What the driver reads over the Chrome DevTools Protocol: the page's main-thread busy time
 * (`Performance.getMetrics` TaskDuration) and CPU profiles (`Profiler`), with a summary of
 * where the self time went, for chasing a missed target.
 */
import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';

/**
 * A CDP session on `page` with the Performance domain on.
 *
 * @example
 * ```ts
 * const cdp = await openCdp(page);
 * const before = await mainThreadBusyMs(cdp);
 * ```
 */
export async function openCdp(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return cdp;
}

/** Total time the page's main thread has spent running tasks so far, in ms. */
export async function mainThreadBusyMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN) * 1000;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number; readonly columnNumber: number };
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

/**
 * Runs `work` under the CPU profiler, writes the profile (open it in Chrome DevTools) and
 * prints the functions with the most self time.
 *
 * @example
 * ```ts
 * await profiled(cdp, 'bench/results/tmp/search.cpuprofile', () => page.evaluate(...));
 * ```
 */
export async function profiled<T>(cdp: CDPSession, file: string, work: () => Promise<T>): Promise<T> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const result = await work();
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  printSelfTime(profile, file);
  return result;
}

function printSelfTime(profile: CpuProfile, file: string): void {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  samples.forEach((id, i) => {
    const f = byNode.get(id)?.callFrame;
    const us = deltas[i + 1] ?? 0; // a sample's time is the delta to the next one
    total += us;
    const key = f === undefined ? '?' : `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + us);
  });
  console.log(`\nCPU profile ${file}: ${(total / 1000).toFixed(0)} ms sampled; top self time:`);
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    console.log(`  ${(us / 1000).toFixed(1).padStart(8)} ms ${(100 * us / total).toFixed(1).padStart(5)}%  ${key}`);
  }
}
