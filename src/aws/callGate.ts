import { performance } from 'node:perf_hooks';
import { LagControl } from './lagControl';

/** How often the event loop's lateness is sampled while calls are under way. */
const SAMPLE_MS = 10;

/**
 * One bound on the AWS calls in flight across every profile, account and region shown. Without it, eighty scopes
 * loading at once each run their own chains and sixteen key reads: thousands of sockets, and answers that arrive
 * faster than the extension host can handle them. Waiting calls are let in lane by lane in turn (a lane is one
 * scope), so a scope with thousands of keys cannot hold back one with ten. The bound itself follows the event
 * loop (see `LagControl`), so that loading never stalls the extension host.
 */
export class CallGate {
  private inFlight = 0;
  private peak = 0;
  /** Calls let in since the event loop last came round: see `PER_TURN`. */
  private admittedThisTurn = 0;
  private turnScheduled = false;
  /** Waiting calls by lane. A Map keeps insertion order: a lane served goes to the back, which makes the turns. */
  private readonly waiting = new Map<string, Array<() => void>>();
  private readonly control: LagControl;
  private sampler: NodeJS.Timeout | undefined;
  private sampledAt = 0;

  /** `max` calls in flight at most; fewer, down to `min`, while the event loop runs late. */
  constructor(max: number, { min = Math.min(4, max), control }: { min?: number; control?: LagControl } = {}) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`limit must be a positive integer: ${max}`);
    this.control = control ?? new LagControl(max, min);
  }

  /** The bound now in force. */
  get limit(): number {
    return this.control.limit;
  }

  /** Runs `call` once a place is free for it; the place is given back however the call ends. */
  async run<T>(lane: string, call: () => Promise<T>): Promise<T> {
    await this.enter(lane);
    try {
      return await call();
    } finally {
      this.leave();
    }
  }

  /** The most calls that were in flight together, for the benchmark and the tests. */
  get peakInFlight(): number {
    return this.peak;
  }

  private enter(lane: string): Promise<void> {
    if (this.inFlight < this.limit && this.waiting.size === 0 && this.admittedThisTurn < PER_TURN) {
      this.admit();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = this.waiting.get(lane);
      if (queue) queue.push(resolve);
      else this.waiting.set(lane, [resolve]);
    });
  }

  private leave(): void {
    this.inFlight--;
    this.drain();
    if (this.inFlight === 0 && this.waiting.size === 0) this.stopSampling();
  }

  private drain(): void {
    while (this.inFlight < this.limit && this.admittedThisTurn < PER_TURN) {
      const next = this.waiting.entries().next();
      if (next.done) return;
      const [lane, queue] = next.value;
      const resolve = queue.shift()!;
      this.waiting.delete(lane);
      if (queue.length > 0) this.waiting.set(lane, queue);
      this.admit();
      resolve();
    }
  }

  private startSampling(): void {
    if (this.sampler) return;
    this.sampledAt = performance.now();
    this.sampler = setInterval(() => {
      const now = performance.now();
      this.control.observe(Math.max(0, now - this.sampledAt - SAMPLE_MS), this.inFlight);
      this.sampledAt = now;
      this.drain();
    }, SAMPLE_MS);
    // Sampling must never keep a process alive: the calls it watches do that.
    this.sampler.unref();
  }

  private stopSampling(): void {
    clearInterval(this.sampler);
    this.sampler = undefined;
  }

  private admit(): void {
    this.startSampling();
    this.inFlight++;
    this.peak = Math.max(this.peak, this.inFlight);
    this.admittedThisTurn++;
    if (!this.turnScheduled) {
      this.turnScheduled = true;
      setImmediate(() => {
        this.turnScheduled = false;
        this.admittedThisTurn = 0;
        this.drain();
      });
    }
  }
}

/**
 * Calls let in before the event loop may come round. Each call's first steps (serializing, signing) run as one
 * chain of promise jobs, which nothing else interrupts: sixty-four started together hold the extension host for
 * over 100 ms. Eight at a time keep such a stretch to a few milliseconds.
 */
const PER_TURN = 8;

/**
 * Calls in flight across all scopes, at most. One scope alone may want about 100 (its ListSecrets chains, ListKeys
 * and ListAliases, and 96 keys' DescribeKey), so that at 80 ms a call the round trip does not bound its listing.
 * With many scopes the extension host's CPU does, and the event loop's lateness brings the bound down (LagControl).
 */
export const GLOBAL_CALL_LIMIT = 128;

/**
 * Puts every call of a client through the gate, before the SDK does any work for it: a call waiting its turn has
 * not been serialized or signed yet, so thousands of queued key reads cost nothing until they go, and one that
 * waited is signed when it goes. A call keeps its place through the SDK's retries and their back-off.
 */
export function gateClient(
  client: { send: (...args: never[]) => Promise<unknown> },
  gate: CallGate,
  lane: string,
): void {
  const send = client.send.bind(client) as (...args: unknown[]) => Promise<unknown>;
  (client as { send: (...args: unknown[]) => Promise<unknown> }).send = (...args) =>
    gate.run(lane, () => send(...args));
}
