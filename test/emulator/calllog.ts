import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { CallRecord } from './types';

/**
 * The emulator's own processing time for one request (`processingMs`): wall time from the body received, less the
 * waits it runs through `wait` (configured latency, fault hangs) and less the socket write of the answer. That
 * write is the kernel's, and on loopback it wakes the client, which Linux often runs on this very core before the
 * write returns: timed, it would charge the client's handling of the answer to the emulator.
 */
export class ProcessingClock {
  private readonly started = performance.now();
  private excluded = 0;

  constructor(res: ServerResponse) {
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]): ServerResponse => {
      const from = performance.now();
      try {
        return end(...args);
      } finally {
        this.excluded += performance.now() - from;
      }
    }) as ServerResponse['end'];
  }

  async wait<T>(pending: Promise<T>): Promise<T> {
    const from = performance.now();
    try {
      return await pending;
    } finally {
      this.excluded += performance.now() - from;
    }
  }

  get ms(): number {
    return performance.now() - this.started - this.excluded;
  }
}

export interface CallFilter {
  op?: string;
  service?: string;
  operation?: string;
  outcome?: string;
  since?: number;
}

/** Every AWS request the emulator answered, in arrival order (admin requests are not logged). */
export class CallLog {
  private records: CallRecord[] = [];

  add(r: CallRecord): void {
    this.records.push(r);
  }

  clear(): void {
    this.records = [];
  }

  list(filter: CallFilter = {}): CallRecord[] {
    return this.records
      .filter(
        (r) =>
          (filter.op === undefined || r.op === filter.op) &&
          (filter.service === undefined || r.service === filter.service),
      )
      .filter(
        (r) =>
          (filter.operation === undefined || r.operation === filter.operation) &&
          (filter.since === undefined || r.time >= filter.since),
      )
      .filter((r) => filter.outcome === undefined || r.outcome === filter.outcome)
      .map((r) => ({ ...r, ...(r.tagKeys ? { tagKeys: [...r.tagKeys] } : {}) }));
  }
}
