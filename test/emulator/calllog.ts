import type { CallRecord } from './types';

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
