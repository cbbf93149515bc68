// The emulator's own processing per call, from its call log: what it adds to every response besides the configured
// latency, so that a missed target can be told apart from the client's own cost.
import type { CallRecord } from '../emulator/types';
import { median, round } from './measure';
import type { Row } from './types';

/** The most the emulator may spend on one call, at the median, for the benchmark to measure the client. */
export const PROCESSING_TARGET_MS = 1;

/** The nearest-rank percentile `p` (0..100) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface Processing {
  calls: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

export function processing(calls: readonly Pick<CallRecord, 'processingMs'>[]): Processing {
  const ms = calls.map((c) => c.processingMs);
  return { calls: ms.length, medianMs: median(ms), p95Ms: percentile(ms, 95), maxMs: Math.max(...ms) };
}

export const describeProcessing = (p: Processing): string =>
  `median ${p.medianMs.toFixed(3)} ms, p95 ${p.p95Ms.toFixed(3)} ms over ${p.calls} calls`;

/**
 * One row per operation: the median processing per call against the 1 ms target (`ratio` = median / target), the
 * 95th percentile beside it. Only successful calls count: a throttled call is answered before any work.
 */
export function processingRows(
  say: (line: string) => void,
  id: string,
  what: string,
  calls: readonly CallRecord[],
  op: string,
): Row[] {
  const ok = calls.filter((c) => c.op === op && c.outcome === 'ok');
  if (ok.length === 0) return [];
  const p = processing(ok);
  say(`${id} emulator's own processing per ${op}: ${describeProcessing(p)}`);
  return [
    {
      scenario: `${id} emulator's own processing per ${op.split('.')[1]} (${what})`,
      ours_s: null,
      limit_s: PROCESSING_TARGET_MS / 1000,
      ratio: p.medianMs / PROCESSING_TARGET_MS,
      peers: { naive_s: null, aws_cli_s: null },
      value: p.medianMs,
      unit: 'ms',
      p95_ms: round(p.p95Ms, 3) ?? undefined,
      calls: p.calls,
      target: `median <= ${PROCESSING_TARGET_MS} ms`,
      met: p.medianMs <= PROCESSING_TARGET_MS,
      notes: [
        `${op}: ${describeProcessing(p)} (max ${p.maxMs.toFixed(3)} ms); from the body received to the answer ` +
          'handed to the socket, without the configured latency and the socket write (call log processingMs)',
      ],
    },
  ];
}
