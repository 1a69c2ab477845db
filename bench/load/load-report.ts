/** The report of one load run, printed; true when it passed (no violation, no 5xx). */
import type { InvariantName, Violation } from '../../test/sim/sim-world.js';
import type { DrainResult } from './await-drain.js';
import type { LatencyMeter } from './latency-meter.js';
import type { ProcessLoad } from './machine.js';
import { count5xx, formatStatuses, type StatusCounts } from './stats-window.js';

/** What one run measured. */
export interface LoadReport {
  readonly label: string;
  readonly machine: string;
  readonly devices: number;
  readonly seed: number;
  readonly editSeconds: number;
  /** Local calls that wrote something. */
  readonly edits: number;
  /** 2xx answers to the devices' writes during the edit phase. */
  readonly pushes: number;
  readonly meter: LatencyMeter;
  /** Requests of the edit phase, of the drain and heal, and of the whole run (seeding included). */
  readonly requests: { readonly edits: StatusCounts; readonly after: StatusCounts; readonly all: StatusCounts };
  readonly load: ProcessLoad;
  readonly drain: DrainResult;
  readonly healSeconds: number;
  readonly healPasses: number;
  readonly serverContacts: number;
  readonly violations: readonly Violation[];
  readonly engineErrors: ReadonlyMap<string, number>;
}

/** Every invariant, in the order the report lists them. */
const INVARIANTS: readonly InvariantName[] = [
  'convergence', 'no-lost-edit', 'exactly-once', 'liveness', 'monotonic-revisions', 'local-api', 'server-api', 'engine-error',
];

const ms = (n: number): string => (Number.isNaN(n) ? 'n/a' : `${n.toFixed(0)} ms`);
const rate = (n: number, s: number): string => `${(n / s).toFixed(1)}/s`;

function drainLine(r: LoadReport): string {
  const natural = r.drain.rowsLeft === 0
    ? `outboxes empty ${r.drain.seconds.toFixed(1)} s after the last edit`
    : `${r.drain.rowsLeft} outbox row(s) still waiting after ${r.drain.seconds.toFixed(0)} s`;
  return `${natural}; heal ${r.healSeconds.toFixed(1)} s, ${r.healPasses} pass(es); ${r.serverContacts} contacts on the server`;
}

/** Prints `r`; returns whether the run passed. */
export function printReport(r: LoadReport): boolean {
  const fivexx = count5xx(r.requests.all);
  const invariants = INVARIANTS.map((name) => `${name} ${r.violations.some((v) => v.invariant === name) ? 'FAILED' : 'ok'}`).join(', ');
  const l = r.load;
  console.log([
    '',
    `load on ${r.label}: ${r.devices} devices, ${r.editSeconds.toFixed(1)} s of edits, seed ${r.seed}`,
    `  machine:           ${r.machine}`,
    `  local edits:       ${r.edits} (${rate(r.edits, r.editSeconds)})`,
    `  pushed (2xx):      ${r.pushes} writes acked during the edits (${rate(r.pushes, r.editSeconds)}); ${r.meter.count} field edits acked as written, ${r.meter.neverAcked} coalesced or overtaken`,
    `  push latency:      p50 ${ms(r.meter.percentile(50))}, p95 ${ms(r.meter.percentile(95))}, p99 ${ms(r.meter.percentile(99))} (local write -> server ack)`,
    `  requests (edits):  ${r.requests.edits.total} (${rate(r.requests.edits.total, r.editSeconds)}); ${formatStatuses(r.requests.edits)}`,
    `  requests (after):  ${r.requests.after.total}; ${formatStatuses(r.requests.after)}`,
    `  5xx:               ${fivexx}${fivexx === 0 ? ' (target 0)' : ' (TARGET IS 0)'} of ${r.requests.all.total} requests in the whole run`,
    `  engine errors:     ${r.engineErrors.size === 0 ? 'none' : [...r.engineErrors].map(([c, n]) => `${c} x${n}`).join(', ')}`,
    `  drain:             ${drainLine(r)}`,
    `  this process:      ${l.cores.toFixed(2)} cores busy; event-loop delay p50 ${ms(l.loopDelayMs.p50)}, p99 ${ms(l.loopDelayMs.p99)}, max ${ms(l.loopDelayMs.max)} (edit phase)`,
    `  invariants:        ${invariants}`,
    ...r.violations.slice(0, 20).map((v) => `    [${v.invariant}]${v.step === undefined ? '' : ` step ${v.step}`} ${v.message.slice(0, 400)}`),
    ...(r.violations.length > 20 ? [`    ... and ${r.violations.length - 20} more`] : []),
  ].join('\n'));
  return r.violations.length === 0 && fivexx === 0;
}
