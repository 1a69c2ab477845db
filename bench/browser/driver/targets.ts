/**
 * The targets of issue #7, checked on the numbers of one run (ratios of medians of
 * contenders that alternated in the same run). Absolute latency targets use the p95 where a
 * workload has many samples (search, live query) and the median where it has one per round
 * (cold open, with a relaunched browser each time).
 */
import type { ContenderReport, TargetCheck } from './report.js';

const median = (c: ContenderReport | undefined): number => c?.headline.summary.median ?? Number.NaN;
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;
const ms = (v: number): string => `${v.toFixed(v < 10 ? 2 : 1)} ms`;

type Contenders = Readonly<Record<string, ContenderReport>>;

/** Targets per workload key. */
export const TARGETS: Readonly<Record<string, (c: Contenders) => TargetCheck[]>> = {
  update: (c) => [
    { target: 'update <= 1.5x the floor', measured: ratio(median(c['ours']), median(c['floor'])), ok: median(c['ours']) <= 1.5 * median(c['floor']) },
    { target: 'update >= 3x faster than RxDB', measured: `RxDB ${ratio(median(c['rxdb']), median(c['ours']))} ours`, ok: median(c['rxdb']) >= 3 * median(c['ours']) },
  ],
  bulk: (c) => [
    { target: 'bulk import <= 1.3x the floor', measured: ratio(median(c['ours']), median(c['floor'])), ok: median(c['ours']) <= 1.3 * median(c['floor']) },
    { target: 'bulk import faster than RxDB', measured: `RxDB ${ratio(median(c['rxdb']), median(c['ours']))} ours`, ok: median(c['ours']) < median(c['rxdb']) },
  ],
  search: (c) => [
    { target: 'search first page <= 2x the floor', measured: ratio(median(c['ours']), median(c['floor'])), ok: median(c['ours']) <= 2 * median(c['floor']) },
    { target: 'search first page under 10 ms (p95)', measured: ms(c['ours']?.headline.summary.p95 ?? Number.NaN), ok: (c['ours']?.headline.summary.p95 ?? Infinity) < 10 },
  ],
  live: (c) => [
    { target: 'live-query latency p95 under 16 ms', measured: ms(c['ours']?.headline.summary.p95 ?? Number.NaN), ok: (c['ours']?.headline.summary.p95 ?? Infinity) < 16 },
  ],
  cold: (c) => [
    { target: 'cold open under 100 ms (median)', measured: ms(median(c['ours'])), ok: median(c['ours']) < 100 },
    { target: 'cold open with the worker under 100 ms (median)', measured: ms(median(c['ours (worker sync)'])), ok: median(c['ours (worker sync)']) < 100 },
  ],
  push: (c) => {
    const tasks = (name: string): number => c[name]?.extra['longTasks']?.summary.max ?? Number.NaN;
    return [
      { target: 'no main-thread long task during the 5,000-edit push', measured: `${tasks('edits push')} in the worst round`, ok: tasks('edits push') === 0 },
      { target: '(also) none during the pull of 5,000', measured: `${tasks('pull')} in the worst round`, ok: tasks('pull') === 0 },
      // Issue 5's drain target, measured where users run the engine: a Worker on real IndexedDB.
      {
        target: '(issue 5) edits push <= 1.5x bare PATCHes from the page',
        measured: ratio(median(c['edits push']), median(c['edits push floor'])),
        ok: median(c['edits push']) <= 1.5 * median(c['edits push floor']),
      },
      {
        target: '(issue 5) pull <= 1.5x the feed read bare from the page',
        measured: ratio(median(c['pull']), median(c['pull floor'])),
        ok: median(c['pull']) <= 1.5 * median(c['pull floor']),
      },
    ];
  },
};
