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

/**
 * Like `profiled`, for the page's dedicated worker (the sync engine) instead of its main
 * thread: attaches to the worker through the page's CDP session (`Target.setAutoAttach`,
 * messages relayed with `Target.sendMessageToTarget`, as Playwright's session cannot address
 * a child session) and profiles it while `work` runs.
 *
 * @throws Error when the page has no dedicated worker.
 */
export async function profiledWorker<T>(cdp: CDPSession, file: string, work: () => Promise<T>): Promise<T> {
  let next = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  let sessionId: string | undefined;
  const attached = new Promise<void>((resolve) => {
    cdp.on('Target.attachedToTarget', (e) => {
      if (e.targetInfo.type === 'worker' && sessionId === undefined) {
        sessionId = e.sessionId;
        resolve();
      }
    });
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const msg = JSON.parse(e.message) as { id?: number; result?: unknown };
    if (msg.id !== undefined) waiting.get(msg.id)?.(msg.result);
  });
  const send = (method: string, params: object = {}): Promise<unknown> => new Promise((resolve) => {
    const id = ++next;
    waiting.set(id, resolve);
    void cdp.send('Target.sendMessageToTarget', { sessionId: sessionId as string, message: JSON.stringify({ id, method, params }) });
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await Promise.race([attached, new Promise((_, reject) => setTimeout(() => { reject(new Error('no worker to profile')); }, 5000))]);
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 200 });
  await send('Profiler.start');
  const result = await work();
  const { profile } = await send('Profiler.stop') as { profile: CpuProfile };
  writeFileSync(file, JSON.stringify(profile));
  printSelfTime(profile, file);
  return result;
}
