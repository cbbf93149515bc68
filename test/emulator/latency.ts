import type { LatencySettings } from './types';

/** Delay per call: fixed plus uniform jitter, optionally per operation. */
export class Latency {
  private settings: LatencySettings = { ms: 0 };

  set(s: LatencySettings): void {
    this.settings = { ...s, perOperation: { ...(s.perOperation ?? {}) } };
  }

  describe(): LatencySettings {
    return { ...this.settings };
  }

  delayFor(service: string, operation: string, random: () => number = Math.random): number {
    const per = this.settings.perOperation ?? {};
    const s = per[`${service}.${operation}`] ?? per[operation] ?? this.settings;
    return Math.max(0, s.ms + (s.jitterMs ? random() * s.jitterMs : 0));
  }
}
