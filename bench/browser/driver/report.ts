/**
 * The results of a run: raw samples and their summaries per workload and contender, the
 * target checks, the console table and a Markdown copy for docs/BENCHMARKS.md.
 */
import type { ContenderRun, WorkloadRun } from '../page/bench-api.js';
import { summarize, type Summary } from './summary.js';

/** One series of numbers (`ms`, or `/s` for rates). */
export interface SeriesReport {
  readonly unit: string;
  readonly summary: Summary;
  readonly samples: readonly number[];
}

/** A contender's headline series and its other series. */
export interface ContenderReport {
  readonly headline: SeriesReport;
  readonly extra: Readonly<Record<string, SeriesReport>>;
}

/** One target of issue #7 and whether this run met it. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly ok: boolean;
}

/** Everything about one workload in one run. */
export interface WorkloadReport {
  readonly title: string;
  readonly notes: Readonly<Record<string, number | string>>;
  readonly contenders: Readonly<Record<string, ContenderReport>>;
  readonly targets: readonly TargetCheck[];
}

/** Units of extra series; anything else is in ms. */
const EXTRA_UNITS: Readonly<Record<string, string>> = { burstOpsPerSec: '/s', longTasks: 'tasks', emissions: 'emissions', contacts: 'contacts' };

function series(samples: readonly number[], unit: string): SeriesReport {
  return { unit, summary: summarize(samples), samples };
}

/**
 * Summaries of a page result.
 *
 * @example
 * ```ts
 * const contenders = reportContenders(await page.evaluate(...));
 * ```
 */
export function reportContenders(run: WorkloadRun): Record<string, ContenderReport> {
  return Object.fromEntries(Object.entries(run.contenders).map(([name, c]: [string, ContenderRun]) => [name, {
    headline: series(c.samples, 'ms'),
    extra: Object.fromEntries(Object.entries(c.extra ?? {}).map(([k, v]) => [k, series(v, EXTRA_UNITS[k] ?? 'ms')])),
  }]));
}

const fmt = (v: number, unit: string): string => {
  if (!Number.isFinite(v)) return '-';
  if (unit === '/s') return `${Math.round(v).toLocaleString('en-US')}/s`;
  if (unit !== 'ms') return String(Math.round(v * 10) / 10);
  return v >= 100 ? `${v.toFixed(0)} ms` : v >= 10 ? `${v.toFixed(1)} ms` : `${v.toFixed(2)} ms`;
};

/** The floor (or first contender) a workload's ratios are taken against. */
function baseline(w: WorkloadReport): ContenderReport | undefined {
  return w.contenders['floor'];
}

/** Console lines for one workload. */
export function workloadLines(w: WorkloadReport): string[] {
  const notes = Object.entries(w.notes).map(([k, v]) => `${k} ${typeof v === 'number' ? v.toLocaleString('en-US') : v}`).join(', ');
  const lines = [`\n${w.title}${notes === '' ? '' : `  (${notes})`}`, `  ${'contender'.padEnd(20)} ${'median'.padStart(11)} ${'p95'.padStart(11)}  vs floor`];
  const base = baseline(w);
  for (const [name, c] of Object.entries(w.contenders)) {
    const ratio = base === undefined || base === c ? '' : `${(c.headline.summary.median / base.headline.summary.median).toFixed(2)}x`;
    lines.push(`  ${name.padEnd(20)} ${fmt(c.headline.summary.median, 'ms').padStart(11)} ${fmt(c.headline.summary.p95, 'ms').padStart(11)}  ${ratio}`);
    for (const [k, s] of Object.entries(c.extra)) {
      lines.push(`    ${k.padEnd(18)} ${fmt(s.summary.median, s.unit).padStart(11)} ${fmt(s.summary.p95, s.unit).padStart(11)}${s.unit === 'ms' || s.unit === '/s' ? '' : `  (max ${fmt(s.summary.max, s.unit)})`}`);
    }
  }
  for (const t of w.targets) lines.push(`  target ${t.target}: ${t.measured}  ${t.ok ? 'MET' : 'MISSED'}`);
  return lines;
}

/**
 * A Markdown table of the run (one row per contender), for docs/BENCHMARKS.md.
 *
 * @example
 * ```ts
 * writeFileSync('latest.md', markdownTable(reports));
 * ```
 */
export function markdownTable(reports: Readonly<Record<string, WorkloadReport>>): string {
  const rows = ['| workload | contender | median | p95 | vs floor | other |', '|---|---|---:|---:|---:|---|'];
  for (const w of Object.values(reports)) {
    const base = baseline(w);
    for (const [name, c] of Object.entries(w.contenders)) {
      const ratio = base === undefined || base === c ? '' : `${(c.headline.summary.median / base.headline.summary.median).toFixed(2)}x`;
      const other = Object.entries(c.extra).map(([k, s]) => `${k} ${fmt(s.summary.median, s.unit)} (p95 ${fmt(s.summary.p95, s.unit)}, max ${fmt(s.summary.max, s.unit)})`).join('; ');
      rows.push(`| ${w.title} | ${name} | ${fmt(c.headline.summary.median, 'ms')} | ${fmt(c.headline.summary.p95, 'ms')} | ${ratio} | ${other} |`);
    }
  }
  const targets = ['', '| target | measured | |', '|---|---|---|'];
  for (const w of Object.values(reports)) for (const t of w.targets) targets.push(`| ${t.target} | ${t.measured} | ${t.ok ? 'met' : '**missed**'} |`);
  return `${rows.join('\n')}\n${targets.join('\n')}\n`;
}
