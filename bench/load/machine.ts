/**
 * Where a load run ran. Every device and the server share this process (and its one event
 * loop), so on a small machine the generator, not the server, can be the bottleneck: the
 * event-loop delay and the CPU the process used say which it was.
 */
import { availableParallelism, loadavg } from 'node:os';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** The machine, for the report header. */
export function describeMachine(): string {
  const load = loadavg().map((l) => l.toFixed(2)).join(', ');
  return `${availableParallelism()} CPU(s), load average ${load}, node ${process.version}`;
}

/** Event-loop delay and CPU use of this process over one phase. */
export interface ProcessLoad {
  /** p50 / p99 / max delay of the event loop (ms): how late a ready callback ran. */
  readonly loopDelayMs: { readonly p50: number; readonly p99: number; readonly max: number };
  /** CPU time (user + system) over wall time: 1.0 is one core busy all the time. */
  readonly cores: number;
}

/** Starts measuring; `stop()` returns what the phase cost. */
export function measureProcessLoad(): { stop(): ProcessLoad } {
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  return {
    stop: () => {
      histogram.disable();
      const cpu = process.cpuUsage(cpu0);
      const ms = (ns: number): number => ns / 1e6;
      return {
        loopDelayMs: { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) },
        cores: (cpu.user + cpu.system) / 1000 / (performance.now() - t0),
      };
    },
  };
}
