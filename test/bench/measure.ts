import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Wall time of `work` in seconds and the CPU time this process spent meanwhile, with its result. */
export async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; cpuSeconds: number; value: T }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await work();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, value };
}

/** The emulator's own response times (its latency plus its processing), summed, in seconds. */
export function serverSeconds(calls: ReadonlyArray<{ durationMs: number }>): number {
  return calls.reduce((sum, c) => sum + c.durationMs, 0) / 1000;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// `npm run bench` cannot pass --expose-gc through tsx's command line, so the flag is set at run time and the
// function fetched from a fresh context (V8 installs `gc` on contexts created after the flag is set).
let collect: (() => void) | undefined;
function gc(): void {
  if (!collect) {
    const existing = (globalThis as { gc?: () => void }).gc;
    if (existing) collect = existing;
    else {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    }
  }
  collect();
}

/** Heap in use after full collections, so that only what is still reachable counts. */
export function settledHeapMb(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed / (1024 * 1024);
}

export function round(value: number | null | undefined, digits = 3): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
